// The focused install screen (`?manifest=URL`): one product, one path — 1 connect, 2 check the device against
// the manifest, 3 install the newest matching release, 4 next device / results / audit export. Every step is
// always listed so the user sees where they are and what follows; focus moves to the step that needs them.

import { useEffect, useRef, type ReactNode } from "react";
import { DEFAULT_OFFLINE_BUDGET_BYTES, isSuccess, type InstallPhase } from "../../core/manifest/index.js";
import { useBeforeUnload } from "../update/use-before-unload.js";
import { CheckStep } from "./check-step.js";
import { ConnectStep } from "./connect-step.js";
import { InstallStep } from "./install-step.js";
import { i18n } from "../../i18n/browser-i18n.js";
import {
  developerDetailText,
  problemText,
  liveText,
  manifestProblemText,
  offlineText,
  pageTitle,
} from "../../web/install-text.js";
import { ResultsStep } from "./results-step.js";
import { useInstall } from "./use-install.js";
import "../update/update.css";
import "./install.css";

type StepStatus = "upcoming" | "current" | "done" | "failed";

const CURRENT_STEP: Readonly<Record<InstallPhase, number>> = {
  loading: 0,
  "load-failed": 0,
  ready: 0,
  connecting: 0,
  checking: 1,
  checked: 1,
  installing: 2,
  done: 3,
};

function Step(props: {
  readonly index: number;
  readonly current: number;
  readonly title: string;
  /** The step ran and failed (the install did not complete). */
  readonly failed?: boolean;
  readonly children: ReactNode;
}) {
  const status: StepStatus =
    props.index === props.current
      ? "current"
      : props.index > props.current
        ? "upcoming"
        : props.failed
          ? "failed"
          : "done";
  const id = `install-step-${props.index + 1}`;
  return (
    <li
      className={`install-step install-step-${status}`}
      aria-current={status === "current" ? "step" : undefined}
    >
      <section aria-labelledby={id}>
        <h2 id={id} tabIndex={-1} className="install-step-title">
          <span className="install-step-number" aria-hidden="true">
            {status === "done" ? "✓" : status === "failed" ? "✕" : props.index + 1}
          </span>
          {props.title}
          {(status === "done" || status === "failed") && (
            <span className="visually-hidden">
              {" "}
              {i18n._(status === "done" ? "install.flow.step-done" : "install.flow.step-failed")}
            </span>
          )}
        </h2>
        <div className="install-step-body">{props.children}</div>
      </section>
    </li>
  );
}

export function InstallFlow(props: { readonly manifestUrl: string }) {
  const control = useInstall(props.manifestUrl);
  const { state } = control;
  const manifest = state.manifest;
  // A checked device that may be updated: the Install step is the one waiting for the user.
  const current = state.phase === "checked" && !state.blocker ? 2 : CURRENT_STEP[state.phase];
  const shown = useRef(current);
  useBeforeUnload(state.phase === "installing");

  useEffect(() => {
    // Only after the user moved the flow on: the page load itself keeps focus where the browser puts it.
    if (shown.current === current) return;
    shown.current = current;
    document.getElementById(`install-step-${current + 1}`)?.focus();
  }, [current]);

  const host = manifest ? new URL(manifest.url).host : undefined;
  const offline = offlineText(state, DEFAULT_OFFLINE_BUDGET_BYTES);
  const product = manifest?.product;
  // The tab (and a bookmark, and the installed app's window) names the product being updated.
  useEffect(() => {
    document.title = pageTitle(product);
  }, [product]);

  return (
    <div className="install">
      <header className="install-header">
        <p className="install-brand">{i18n._("install.flow.brand")}</p>
        <h1>
          {manifest
            ? i18n._("install.flow.heading", { product: manifest.product })
            : i18n._("install.flow.heading-no-manifest")}
        </h1>
        {manifest && (
          <p className="install-muted">
            {manifest.vendor
              ? i18n._("install.flow.source-vendor", { vendor: manifest.vendor, host })
              : i18n._("install.flow.source", { host })}
          </p>
        )}
      </header>
      <p className="visually-hidden" aria-live="polite" data-testid="install-live">
        {liveText(state)}
      </p>
      <main id="main" className="install-main">
        {state.phase === "loading" && <p className="install-note">{i18n._("install.live.loading")}</p>}
        {state.phase === "load-failed" && (
          <div className="notice error" role="alert" data-testid="install-load-error">
            <p>
              <strong>{i18n._("install.flow.cannot-use")}</strong> {manifestProblemText(state.error?.code)}
            </p>
            <details className="developer-detail">
              <summary>{developerDetailText()}</summary>
              <p>{state.error ? problemText(state.error) : ""}</p>
              {state.error && <code>{state.error.code}</code>}
            </details>
            <button type="button" className="button secondary" onClick={control.reload}>
              {i18n._("install.flow.try-again")}
            </button>
          </div>
        )}
        {manifest && (
          <ol className="install-steps">
            <Step index={0} current={current} title={i18n._("install.flow.step-connect")}>
              {current === 0 ? (
                <ConnectStep state={state} support={control.support} onConnect={control.connect} />
              ) : (
                <p className="install-summary">
                  {state.device
                    ? i18n._("install.flow.connected", { device: state.device.label })
                    : i18n._("install.flow.connecting")}
                </p>
              )}
            </Step>
            <Step index={1} current={current} title={i18n._("install.flow.step-check")}>
              {current >= 1 ? (
                <CheckStep state={state} />
              ) : (
                <p className="install-muted">{i18n._("install.flow.check-preview")}</p>
              )}
            </Step>
            <Step
              index={2}
              current={current}
              title={i18n._("install.flow.step-install")}
              failed={state.phase === "done" && state.result !== undefined && !isSuccess(state.result)}
            >
              {current >= 1 ? (
                <InstallStep
                  state={state}
                  steps={control.steps}
                  onInstall={control.install}
                  onCancel={control.cancel}
                  onRetry={control.retry}
                />
              ) : null}
              {current < 2 && !(state.phase === "checked" && !state.blocker) && (
                <p className="install-muted">
                  {manifest.releases[0]
                    ? i18n._("install.flow.install-preview", { version: manifest.releases[0].version })
                    : i18n._("install.flow.install-preview-none")}
                </p>
              )}
            </Step>
            <Step index={3} current={current} title={i18n._("install.flow.step-done-title")}>
              {state.results.length > 0 || state.phase === "done" ? (
                <ResultsStep
                  state={state}
                  onNext={control.next}
                  onExport={control.exportAudit}
                  nextStep={control.nextStep}
                  onContinue={control.continueUpgrade}
                />
              ) : (
                <p className="install-muted">{i18n._("install.flow.done-preview")}</p>
              )}
            </Step>
          </ol>
        )}
      </main>
      <footer className="install-footer">
        {manifest && (
          <p data-testid="install-offline" data-ready={offline.ready}>
            {offline.text}
          </p>
        )}
        <p>
          <a href="./">{i18n._("install.flow.open-app")}</a>
        </p>
      </footer>
    </div>
  );
}

// Step 3: choose how to install, start, watch every step and the upload, cancel, and read a clear ending:
// what the device runs now, or what went wrong and what to do.

import { i18n } from "../../i18n/browser-i18n.js";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { UPDATE_MODES, type UpdateMode } from "../../core/update/flow-types.js";
import { Panel } from "../shared/panel.js";
import { percentOf } from "../../web/format.js";
import { CancelQuestion } from "./cancel-question.js";
import { adviceFor, describeOutcome } from "./outcome-text.js";
import { ProgressView } from "./progress-view.js";
import { StepList } from "./step-list.js";
import { SwapCountdown } from "./swap-wait.js";
import type { UpdateViewState } from "./update-state.js";
import { useWakeLock, type WakeLockStatus } from "./use-wake-lock.js";
import "./update.css";

const MODE_TEXT: Readonly<Record<UpdateMode, { name: string; help: string }>> = {
  "test-and-confirm": {
    name: "app.update-panel.mode.test-and-confirm.name",
    help: "app.update-panel.mode.test-and-confirm.help",
  },
  "test-only": {
    name: "app.update-panel.mode.test-only.name",
    help: "app.update-panel.mode.test-only.help",
  },
  "confirm-only": {
    name: "app.update-panel.mode.confirm-only.name",
    help: "app.update-panel.mode.confirm-only.help",
  },
  "upload-only": {
    name: "app.update-panel.mode.upload-only.name",
    help: "app.update-panel.mode.upload-only.help",
  },
};

const WAKE_LOCK_TEXT: Readonly<Record<Exclude<WakeLockStatus, "off">, string>> = {
  held: "app.update-panel.wake-lock.held",
  unavailable: "app.update-panel.wake-lock.unavailable",
  refused: "app.update-panel.wake-lock.refused",
};

/** What screen readers hear: the current step, and the upload in 10% steps (not every chunk). */
function announcement(state: UpdateViewState): string {
  if (state.phase === "finished" && state.outcome) return describeOutcome(state.outcome).title;
  if (state.phase === "failed")
    return i18n._("app.update-panel.update-failed", { value: state.error?.message ?? "" });
  if (state.phase === "cancelled") return i18n._("app.update-panel.update-cancelled");
  const active = state.steps.find((s) => s.status === "active");
  if (!active) return "";
  if (active.troubled) return active.message ?? active.label;
  if (active.step === "upload" && state.progress) {
    const tens = Math.floor(percentOf(state.progress.bytes, state.progress.total) / 10) * 10;
    return i18n._("app.update-panel.uploading", { tens });
  }
  return active.message ?? active.label;
}

export function UpdatePanel(props: {
  readonly state: UpdateViewState;
  readonly mode: UpdateMode;
  readonly onMode: (mode: UpdateMode) => void;
  readonly blocker: string | undefined;
  readonly target: string | undefined;
  readonly onStart: () => void;
  readonly onCancel: () => void;
  readonly resumeOffers: ReactNode;
  /** A question from the running flow, shown above its progress. */
  readonly consent?: ReactNode;
}) {
  const { state } = props;
  const running = state.phase === "running";
  const modeId = useId();
  const helpId = useId();
  const blockerId = useId();
  const end = state.phase === "finished" && state.outcome ? describeOutcome(state.outcome) : undefined;
  const showProgress = state.progress && (running || state.phase !== "idle");
  // "(resumes)" only when part of the image is on the device: the device continues from its offset.
  const partlySent =
    state.progress !== undefined && state.progress.bytes > 0 && state.progress.bytes < state.progress.total;
  const uploading = state.steps.some((s) => s.step === "upload" && s.status === "active");
  // The cancel question belongs to one run: a run that ends while it is open does not carry it to the next.
  const [askingFor, setAskingFor] = useState<string | undefined>();
  const askingCancel = running && askingFor !== undefined && askingFor === state.startedAt;
  const cancelButton = useRef<HTMLButtonElement>(null);
  const wakeLock = useWakeLock(running);
  // Waiting for the restarted device (after the upload: a reconnect during the upload is a dropped link).
  const swapping =
    running &&
    state.steps.some((s) => s.step === "reconnect" && s.status === "active") &&
    state.steps.some((s) => s.step === "upload" && s.status === "done");
  const runView = useRef<HTMLDivElement>(null);
  const endView = useRef<HTMLDivElement>(null);
  const lastPhase = useRef(state.phase);
  // Starting brings the steps and progress into view; the end takes focus (and the view) so a keyboard or
  // screen-reader user, and a phone user scrolled elsewhere, meet how it ended.
  useEffect(() => {
    const before = lastPhase.current;
    lastPhase.current = state.phase;
    if (before === state.phase) return;
    if (state.phase === "running") runView.current?.scrollIntoView({ block: "nearest" });
    else if (before === "running") {
      endView.current?.focus({ preventScroll: true });
      endView.current?.scrollIntoView({ block: "nearest" });
    }
  }, [state.phase]);

  return (
    <Panel id="update" title={i18n._("app.update-panel.update")} step={3}>
      {props.resumeOffers}
      <div className="field">
        <label htmlFor={modeId}>{i18n._("app.update-panel.how-install")}</label>
        <select
          id={modeId}
          value={props.mode}
          disabled={running}
          aria-describedby={helpId}
          onChange={(e) => {
            const next = UPDATE_MODES.find((m) => m === e.target.value);
            if (next) props.onMode(next);
          }}
        >
          {UPDATE_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {i18n._(MODE_TEXT[mode].name)}
            </option>
          ))}
        </select>
        <p id={helpId} className="muted">
          {i18n._(MODE_TEXT[props.mode].help)}
        </p>
      </div>

      <div className="update-actions">
        {/* The start control stays in place while updating (reads "Updating…", does nothing), so a second
            press never lands on a destructive control. aria-disabled keeps focus on it instead of the body. */}
        <button
          type="button"
          className="button primary big"
          disabled={!running && props.blocker !== undefined}
          aria-disabled={running || undefined}
          aria-describedby={props.blocker && !running ? blockerId : undefined}
          onClick={running ? undefined : props.onStart}
          data-testid="start-update"
        >
          {running && <span className="spinner" aria-hidden="true" />}
          {running
            ? i18n._("app.update-panel.updating")
            : state.phase === "failed" || state.phase === "cancelled"
              ? partlySent
                ? i18n._("app.update-panel.start-again-resumes")
                : i18n._("app.update-panel.start-again")
              : i18n._("app.update-panel.start-update")}
        </button>
        {props.target && <span className="muted">{props.target}</span>}
      </div>
      {props.blocker && !running && (
        <p id={blockerId} className="muted blocker">
          {props.blocker}
        </p>
      )}

      {props.consent}
      {/* Most important first: how it ended, then the upload, then every step. */}
      {end && (
        <div className={`end-state end-${end.tone}`} data-testid="end-state" ref={endView} tabIndex={-1}>
          <strong>{end.title}</strong>
          <p>{end.detail}</p>
        </div>
      )}
      {(state.phase === "failed" || state.phase === "cancelled") && (
        <div
          className={`end-state ${state.phase === "failed" ? "end-error" : "end-warning"}`}
          data-testid="end-state"
          ref={endView}
          tabIndex={-1}
        >
          <strong>
            {state.phase === "failed"
              ? i18n._("app.update-panel.update-failed-2")
              : i18n._("app.update-panel.cancelled")}
          </strong>
          {state.phase === "failed" && <p>{state.error?.message}</p>}
          <p>
            <strong>{i18n._("app.update-panel.what-do")} </strong>
            {adviceFor(state.error?.code)}
          </p>
        </div>
      )}

      <div ref={runView} className="run-view">
        {showProgress && state.progress && (
          <ProgressView
            progress={state.progress}
            packageProgress={state.packageProgress}
            paused={state.steps.some((s) => s.troubled && s.status === "active")}
            stopped={state.phase === "failed" || state.phase === "cancelled"}
          />
        )}
        {swapping && <SwapCountdown />}
        {running && wakeLock !== "off" && (
          <p className={wakeLock === "held" ? "muted" : "notice warning"} data-testid="wake-lock">
            {i18n._(WAKE_LOCK_TEXT[wakeLock])}
          </p>
        )}
        {running &&
          (askingCancel ? (
            <CancelQuestion
              uploading={uploading}
              onKeep={() => {
                setAskingFor(undefined);
                setTimeout(() => cancelButton.current?.focus(), 0);
              }}
              onStop={() => {
                setAskingFor(undefined);
                props.onCancel();
              }}
            />
          ) : (
            <div className="update-actions">
              <button
                ref={cancelButton}
                type="button"
                className="button secondary"
                onClick={() => setAskingFor(state.startedAt)}
              >
                {i18n._("app.update-panel.cancel-update")}
              </button>
            </div>
          ))}
        {state.phase !== "idle" && <StepList steps={state.steps} />}
      </div>

      <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="update-live">
        {announcement(state)}
      </p>
    </Panel>
  );
}

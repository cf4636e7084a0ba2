// Step 3: choose how to install, start, watch every step and the upload, cancel, and read a clear ending:
// what the device runs now, or what went wrong and what to do.

import { i18n } from "../../i18n/browser-i18n.js";
import { useId, type ReactNode } from "react";
import { UPDATE_MODES, type UpdateMode } from "../../core/update/flow-types.js";
import { Panel } from "../shared/panel.js";
import { percentOf } from "../../web/format.js";
import { adviceFor, describeOutcome } from "./outcome-text.js";
import { ProgressView } from "./progress-view.js";
import { StepList } from "./step-list.js";
import type { UpdateViewState } from "./update-state.js";
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
        {running ? (
          <button type="button" className="button danger" onClick={props.onCancel}>
            {i18n._("app.update-panel.cancel")}
          </button>
        ) : (
          <button
            type="button"
            className="button primary big"
            disabled={props.blocker !== undefined}
            aria-describedby={props.blocker ? blockerId : undefined}
            onClick={props.onStart}
          >
            {state.phase === "failed" || state.phase === "cancelled"
              ? partlySent
                ? i18n._("app.update-panel.start-again-resumes")
                : i18n._("app.update-panel.start-again")
              : i18n._("app.update-panel.start-update")}
          </button>
        )}
        {props.target && !running && <span className="muted">{props.target}</span>}
      </div>
      {props.blocker && !running && (
        <p id={blockerId} className="muted blocker">
          {props.blocker}
        </p>
      )}

      {props.consent}
      {/* Most important first: how it ended, then the upload, then every step. */}
      {end && (
        <div className={`end-state end-${end.tone}`} data-testid="end-state">
          <strong>{end.title}</strong>
          <p>{end.detail}</p>
        </div>
      )}
      {(state.phase === "failed" || state.phase === "cancelled") && (
        <div
          className={`end-state ${state.phase === "failed" ? "end-error" : "end-warning"}`}
          data-testid="end-state"
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

      {showProgress && state.progress && (
        <ProgressView
          progress={state.progress}
          packageProgress={state.packageProgress}
          paused={state.steps.some((s) => s.troubled && s.status === "active")}
        />
      )}
      {state.phase !== "idle" && <StepList steps={state.steps} />}

      <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="update-live">
        {announcement(state)}
      </p>
    </Panel>
  );
}

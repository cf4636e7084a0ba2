// Step 3: choose how to install, start, watch every step and the upload, cancel, and read a clear ending:
// what the device runs now, or what went wrong and what to do.

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
    name: "Test, then confirm (recommended)",
    help: "The device boots the new image once; McuFlash confirms it only after it boots and answers. If it fails, MCUboot goes back to the old image.",
  },
  "test-only": {
    name: "Test only",
    help: "The device boots the new image once and goes back to the old one at the next reset unless the firmware confirms itself.",
  },
  "confirm-only": {
    name: "Install permanently (no trial boot)",
    help: "The new image is made permanent before it has ever booted. Use only for images you have tested on this hardware.",
  },
  "upload-only": {
    name: "Upload only",
    help: "Copies the image to the device's secondary slot without marking it. Nothing changes until it is tested or confirmed.",
  },
};

/** What screen readers hear: the current step, and the upload in 10% steps (not every chunk). */
function announcement(state: UpdateViewState): string {
  if (state.phase === "finished" && state.outcome) return describeOutcome(state.outcome).title;
  if (state.phase === "failed") return `Update failed: ${state.error?.message ?? ""}`;
  if (state.phase === "cancelled") return "Update cancelled.";
  const active = state.steps.find((s) => s.status === "active");
  if (!active) return "";
  if (active.troubled) return active.message ?? active.label;
  if (active.step === "upload" && state.progress) {
    const tens = Math.floor(percentOf(state.progress.bytes, state.progress.total) / 10) * 10;
    return `Uploading: ${tens}%`;
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
    <Panel id="update" title="Update" step={3}>
      {props.resumeOffers}
      <div className="field">
        <label htmlFor={modeId}>How to install</label>
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
              {MODE_TEXT[mode].name}
            </option>
          ))}
        </select>
        <p id={helpId} className="muted">
          {MODE_TEXT[props.mode].help}
        </p>
      </div>

      <div className="update-actions">
        {running ? (
          <button type="button" className="button danger" onClick={props.onCancel}>
            Cancel
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
                ? "Start again (resumes)"
                : "Start again"
              : "Start update"}
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
          <strong>{state.phase === "failed" ? "The update failed" : "Cancelled"}</strong>
          {state.phase === "failed" && <p>{state.error?.message}</p>}
          <p>
            <strong>What to do: </strong>
            {adviceFor(state.error?.code)}
          </p>
        </div>
      )}

      {showProgress && state.progress && (
        <ProgressView
          progress={state.progress}
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

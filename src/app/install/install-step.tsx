// Step 3: the one button, then progress and every step of the update as it happens, then a clear end state.

import { i18n } from "../../i18n/browser-i18n.js";
import type { InstallState } from "../../core/manifest/index.js";
import { ProgressView } from "../update/progress-view.js";
import { StepList } from "../update/step-list.js";
import type { UpdateViewState } from "../update/update-state.js";
import { activityText, endState } from "../../web/install-text.js";

/** Failures another attempt on the same device cannot fix: the files or the manifest are wrong. */
const NOT_RETRIABLE = new Set([
  "firmware-hash-mismatch",
  "firmware-size-mismatch",
  "image-refused",
  "manifest-key-invalid",
  "device-mismatch",
]);

export function InstallStep(props: {
  readonly state: InstallState;
  readonly steps: UpdateViewState;
  readonly onInstall: () => void;
  readonly onCancel: () => void;
  readonly onRetry: () => void;
}) {
  const { state } = props;
  const selection = state.selection;
  const product = state.manifest?.product ?? i18n._("install.embed.the-device");
  if (state.phase === "checked" && selection && !state.blocker) {
    return (
      <div className="install-action">
        <button type="button" className="button primary big install-go" onClick={props.onInstall}>
          {i18n._("install.step.install", { version: selection.release.version })}
        </button>
        <p className="install-muted">{i18n._("install.step.verified-before-send")}</p>
      </div>
    );
  }
  if (state.phase === "installing") {
    const activity = state.activity;
    return (
      <div className="install-running">
        {activity && activity.imageCount > 1 && (
          <p className="install-muted">
            {i18n._("install.step.image-of", { index: activity.imageIndex + 1, count: activity.imageCount })}
          </p>
        )}
        <p className="install-activity">{activityText(activity)}</p>
        {activity?.progress && <ProgressView progress={activity.progress} paused={false} />}
        {activity?.step !== "download" && <StepList steps={props.steps.steps} />}
        <button type="button" className="button ghost" onClick={props.onCancel}>
          {i18n._("install.step.cancel")}
        </button>
      </div>
    );
  }
  if (state.phase === "done" && state.result) {
    const end = endState(state.result, product);
    return (
      <div className={`install-end install-end-${end.tone}`} data-testid="install-end-state" role="status">
        <p className="install-end-title">
          <span aria-hidden="true">
            {end.tone === "success" ? "✓ " : end.tone === "warning" ? "! " : "✕ "}
          </span>
          {end.title}
        </p>
        <p>{end.detail}</p>
        {props.steps.steps.some((s) => s.status !== "pending") && (
          <details className="install-details">
            <summary>{i18n._("install.step.steps")}</summary>
            <StepList steps={props.steps.steps} />
          </details>
        )}
        {end.tone !== "success" && !NOT_RETRIABLE.has(state.result.errorCode ?? "") && (
          <button type="button" className="button secondary" onClick={props.onRetry}>
            {i18n._("install.step.try-device-again")}
          </button>
        )}
      </div>
    );
  }
  return null;
}

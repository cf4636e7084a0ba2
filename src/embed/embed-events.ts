// The element's events, for the vendor's page: `state-changed` on every step ({ state, detail }), `done` when a
// device was updated (the device's result), `error` when something stops the update ({ code, message }).
// All bubble and cross the shadow boundary.

import { isSuccess, type DeviceResult, type InstallState } from "../core/manifest/index.js";
import { percentOf } from "../web/format.js";

export type EmbedStateName = InstallState["phase"] | "unsupported";

export interface StateChangedDetail {
  readonly state: EmbedStateName;
  readonly detail: {
    readonly product: string | undefined;
    /** The release being offered or installed (the newest one before a device is checked). */
    readonly version: string | undefined;
    readonly device: string | undefined;
    readonly runningVersion: string | undefined;
    readonly step: string | undefined;
    readonly message: string | undefined;
    /** Upload progress in percent, while uploading. */
    readonly progress: number | undefined;
  };
}

export interface ErrorDetail {
  readonly code: string;
  readonly message: string;
}

export function stateDetail(name: EmbedStateName, state: InstallState): StateChangedDetail {
  const activity = state.activity;
  return {
    state: name,
    detail: {
      product: state.manifest?.product,
      version: state.selection?.release.version ?? state.manifest?.releases[0]?.version,
      device: state.device?.label,
      runningVersion: state.device?.runningVersion,
      step: activity?.step,
      message: activity?.message ?? state.blocker?.message ?? state.error?.message,
      progress: activity?.progress ? percentOf(activity.progress.bytes, activity.progress.total) : undefined,
    },
  };
}

const QUIET_CODES = new Set(["no-port-chosen", "no-device-chosen", "cancelled"]);

/** What the transition from `before` to `after` should announce, besides `state-changed`. */
export function outcomeEvents(
  before: InstallState,
  after: InstallState,
): { done?: DeviceResult; error?: ErrorDetail } {
  if (after.phase === "done" && after.result && after.result !== before.result) {
    return isSuccess(after.result)
      ? { done: after.result }
      : { error: { code: after.result.errorCode ?? after.result.result, message: after.result.message } };
  }
  if (after.blocker && after.blocker !== before.blocker) return { error: after.blocker };
  if (after.error && after.error !== before.error && !QUIET_CODES.has(after.error.code))
    return { error: after.error };
  return {};
}

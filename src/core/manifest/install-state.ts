// The install flow's state as the app's install screen and the <mcuflash-install> element render it, and the
// verdict on a checked device (product, release, blocker). Pure: the session in install-session.ts drives it.

import { McuFlashError, neutralText, type Message } from "../errors.js";
import type { UpdateStep } from "../update/flow-types.js";
import type { UploadProgress } from "../update/progress.js";
import type { DeviceFacts, InstallLinkKind } from "./device-facts.js";
import { errorWords, installBlocker, mismatchError, type DeviceResult } from "./install-device.js";
import type { Manifest, Release } from "./manifest-types.js";
import { matchDevice, type DeviceMatch } from "./match-device.js";
import { relationTo, selectRelease, type SelectedRelease } from "./select-release.js";

export const INSTALL_PHASES = [
  "loading",
  "load-failed",
  "ready",
  "connecting",
  "checking",
  "checked",
  "installing",
  "done",
] as const;
export type InstallPhase = (typeof INSTALL_PHASES)[number];

export interface InstallProblem {
  readonly code: string;
  /** Language-neutral (catalog key and parameters), for logs and the element's events. */
  readonly message: string;
  /** What went wrong; the edges word it from their catalogs (describeError). */
  readonly error: unknown;
}

export interface InstallActivity {
  readonly step: UpdateStep | "download";
  /** What the edges word: the update step's words, or fetching the firmware before it. */
  readonly text: Message;
  /** `text` language-neutral (key and parameters), for logs and the element's events. */
  readonly message: string;
  readonly progress: UploadProgress | undefined;
  /** Which image of the release (from 0) and how many; most releases have one. */
  readonly imageIndex: number;
  readonly imageCount: number;
}

export interface InstallState {
  readonly phase: InstallPhase;
  readonly manifest: Manifest | undefined;
  /** The last thing that went wrong (loading, connecting, checking); cleared by the next action. */
  readonly error: InstallProblem | undefined;
  readonly linkKind: InstallLinkKind | undefined;
  readonly device: DeviceFacts | undefined;
  readonly match: DeviceMatch | undefined;
  readonly selection: SelectedRelease | undefined;
  /** Why the checked device cannot get the release; the install button stays off. */
  readonly blocker: InstallProblem | undefined;
  readonly activity: InstallActivity | undefined;
  /** The result of the device just handled (phase "done"). */
  readonly result: DeviceResult | undefined;
  readonly results: readonly DeviceResult[];
  /** The release of this batch, fixed by the first install: every further device gets the same files. */
  readonly pinned: Release | undefined;
  /** The newest release's files are kept on this device (installs work offline). */
  readonly offlineReady: boolean;
  /** What exactly is kept for offline installs (undefined until checked). */
  readonly offline: OfflineStatus | undefined;
}

/** What a page opened once can install without a network. */
export interface OfflineStatus {
  /** The manifest's signing keys were downloaded (and kept by the fetcher). */
  readonly keys: boolean;
  /** Versions whose files are kept, newest first. */
  readonly kept: readonly string[];
  /** Versions on the upgrade path that are not kept: over the size budget, or their download failed. */
  readonly missing: readonly {
    readonly version: string;
    readonly reason: "over-budget" | "not-downloaded";
  }[];
  /** Every release on the upgrade path, and the keys, are kept. */
  readonly complete: boolean;
}

export const initialInstallState: InstallState = {
  phase: "loading",
  manifest: undefined,
  error: undefined,
  linkKind: undefined,
  device: undefined,
  match: undefined,
  selection: undefined,
  blocker: undefined,
  activity: undefined,
  result: undefined,
  results: [],
  pinned: undefined,
  offlineReady: false,
  offline: undefined,
};

export function problem(error: unknown): InstallProblem {
  return {
    code: error instanceof McuFlashError ? error.code : "unexpected",
    message: neutralText(errorWords(error)),
    error,
  };
}

export function isCancel(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof McuFlashError && error.code === "cancelled");
}

/** Fields that describe one device; cleared when the next device is connected. */
export const NO_DEVICE = {
  linkKind: undefined,
  device: undefined,
  match: undefined,
  selection: undefined,
  blocker: undefined,
  activity: undefined,
  result: undefined,
} as const satisfies Partial<InstallState>;

export interface DeviceVerdict {
  readonly match: DeviceMatch;
  readonly selection: SelectedRelease | undefined;
  readonly blocker: InstallProblem | undefined;
}

/**
 * Is this device the product, and which release goes on it? Once a batch has a release (`pinned`), every
 * further device gets that one or none.
 */
export function checkDevice(
  manifest: Manifest,
  facts: DeviceFacts,
  pinned: Release | undefined,
): DeviceVerdict {
  const match = matchDevice(manifest, facts);
  if (pinned) {
    const blocked = installBlocker(manifest, pinned, facts);
    return {
      match,
      selection: {
        release: pinned,
        runningVersion: facts.runningVersion,
        relation: relationTo(pinned, facts.runningVersion),
      },
      blocker: blocked && problem(blocked),
    };
  }
  const mismatch = mismatchError(manifest, match);
  if (mismatch !== undefined) return { match, selection: undefined, blocker: problem(mismatch) };
  try {
    return { match, selection: selectRelease(manifest, facts), blocker: undefined };
  } catch (error) {
    return { match, selection: undefined, blocker: problem(error) };
  }
}

// Which release to install on a device: the newest whose requirements the device meets (board, `os info`,
// minimum running version) and that the downgrade rule allows. None → NoMatchingReleaseError with the reason
// for each release, so the screen can say why rather than just "no".

import { compareVersions, parseVersion } from "../update/version.js";
import type { DeviceFacts } from "./device-facts.js";
import { NoMatchingReleaseError, type ReleaseRejection } from "./manifest-errors.js";
import type { Manifest, Release } from "./manifest-types.js";
import { patternCheck } from "./match-device.js";

export type ReleaseRelation = "upgrade" | "same" | "downgrade" | "unknown";

export interface SelectedRelease {
  readonly release: Release;
  readonly runningVersion: string | undefined;
  /** How the release compares to what the device runs (image 0). */
  readonly relation: ReleaseRelation;
}

export function relationTo(release: Release, runningVersion: string | undefined): ReleaseRelation {
  const running = runningVersion === undefined ? undefined : parseVersion(runningVersion);
  if (!running) return "unknown";
  const order = compareVersions(release.parsedVersion, running);
  return order > 0 ? "upgrade" : order === 0 ? "same" : "downgrade";
}

/** Why `release` may not go on this device, or undefined when it may. */
export function releaseRejection(
  manifest: Manifest,
  release: Release,
  facts: DeviceFacts,
): string | undefined {
  const { requires } = release;
  if (requires.board) {
    const check = patternCheck("board", "board", requires.board, facts.board);
    if (!check.ok) return check.message;
  }
  if (requires.osInfo) {
    const check = patternCheck("os-info", "OS info", requires.osInfo, facts.osInfo);
    if (!check.ok) return check.message;
  }
  const running = facts.runningVersion === undefined ? undefined : parseVersion(facts.runningVersion);
  if (requires.minimumVersion) {
    if (!running) {
      return `needs a device that runs at least ${requires.minimumVersion.text}, and this device's version is unknown`;
    }
    if (compareVersions(running, requires.minimumVersion.parsed) < 0) {
      return `needs ${requires.minimumVersion.text} or newer installed first; the device runs ${facts.runningVersion ?? "?"}`;
    }
  }
  if (manifest.update.noDowngrade && running && compareVersions(release.parsedVersion, running) < 0) {
    return `is older than the ${facts.runningVersion ?? "?"} the device runs, and the manifest forbids downgrades`;
  }
  return undefined;
}

/** The newest release for this device, or NoMatchingReleaseError. */
export function selectRelease(manifest: Manifest, facts: DeviceFacts): SelectedRelease {
  const rejections: ReleaseRejection[] = [];
  for (const release of manifest.releases) {
    const reason = releaseRejection(manifest, release, facts);
    if (reason === undefined) {
      return {
        release,
        runningVersion: facts.runningVersion,
        relation: relationTo(release, facts.runningVersion),
      };
    }
    rejections.push({ version: release.version, reason });
  }
  throw new NoMatchingReleaseError(manifest.product, facts.runningVersion, rejections);
}

// Which release to install on a device: the newest whose requirements the device meets (board, `os info`,
// minimum running version) and that the downgrade rule allows. None → NoMatchingReleaseError with the reason
// for each release (a rule code and its values), so the screen can say why rather than just "no".

import { compareVersions, parseVersion } from "../update/version.js";
import type { DeviceFacts } from "./device-facts.js";
import { NoMatchingReleaseError, type ReleaseRejection } from "./manifest-errors.js";
import type { Manifest, ManifestPattern, Release } from "./manifest-types.js";

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

type Rejection = Omit<ReleaseRejection, "version">;

function patternRejection(
  what: "board" | "os-info",
  pattern: ManifestPattern,
  value: string | undefined,
): Rejection | undefined {
  if (value === undefined) return { code: `${what}-unknown`, params: { pattern: pattern.source } };
  if (pattern.regex.test(value)) return undefined;
  return { code: `${what}-mismatch`, params: { pattern: pattern.source, value } };
}

/** Why `release` may not go on this device (a rule code and its values), or undefined when it may. */
export function releaseRejection(
  manifest: Manifest,
  release: Release,
  facts: DeviceFacts,
): Rejection | undefined {
  const { requires } = release;
  const board = requires.board && patternRejection("board", requires.board, facts.board);
  if (board) return board;
  const osInfo = requires.osInfo && patternRejection("os-info", requires.osInfo, facts.osInfo);
  if (osInfo) return osInfo;
  const running = facts.runningVersion === undefined ? undefined : parseVersion(facts.runningVersion);
  if (requires.minimumVersion) {
    const minimum = requires.minimumVersion.text;
    if (!running) return { code: "running-unknown", params: { minimum } };
    if (compareVersions(running, requires.minimumVersion.parsed) < 0)
      return { code: "needs-minimum", params: { minimum, running: facts.runningVersion } };
  }
  if (manifest.update.noDowngrade && running && compareVersions(release.parsedVersion, running) < 0) {
    return { code: "downgrade", params: { running: facts.runningVersion } };
  }
  return undefined;
}

/** The newest release for this device, or NoMatchingReleaseError. */
export function selectRelease(manifest: Manifest, facts: DeviceFacts): SelectedRelease {
  const rejections: ReleaseRejection[] = [];
  for (const release of manifest.releases) {
    const rejection = releaseRejection(manifest, release, facts);
    if (rejection === undefined) {
      return {
        release,
        runningVersion: facts.runningVersion,
        relation: relationTo(release, facts.runningVersion),
      };
    }
    rejections.push({ version: release.version, ...rejection });
  }
  throw new NoMatchingReleaseError(manifest.product, facts.runningVersion, rejections);
}

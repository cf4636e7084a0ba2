// Which releases a vendor page keeps for offline installs: not only the newest, but every release a device
// may need on its way there (a release that requires 1.1.0 first is useless offline to a 1.0.0 device
// unless 1.1.0 is kept too), newest first, within a size budget. Pure: the session downloads the plan.

import { compareVersions } from "../update/version.js";
import type { Manifest, Release } from "./manifest-types.js";

/** Default budget for one manifest's offline files: a few releases of a typical MCU image. */
export const DEFAULT_OFFLINE_BUDGET_BYTES = 16 * 1024 * 1024;

export interface OfflinePlan {
  /** Releases to keep, newest first. */
  readonly keep: readonly Release[];
  /** Releases on the upgrade path that do not fit the budget (devices that need them must be online). */
  readonly overBudget: readonly Release[];
}

export function releaseBytes(release: Release): number {
  return release.images.reduce((sum, image) => sum + image.size, 0);
}

/** Releases aimed at the same devices (same board and OS patterns) form one upgrade path. */
function audienceOf(release: Release): string {
  return `${release.requires.board?.source ?? ""}\u0000${release.requires.osInfo?.source ?? ""}`;
}

/**
 * The releases some device may be given: walking newest first, a device gets the newest release whose
 * minimum version it meets, so an older release is needed only by devices below every newer release's
 * minimum. Once a release has no minimum, no device needs anything older.
 */
export function upgradePath(manifest: Manifest): Release[] {
  const floors = new Map<string, Release["requires"]["minimumVersion"] | null>();
  const path: Release[] = [];
  for (const release of manifest.releases) {
    const audience = audienceOf(release);
    const floor = floors.get(audience);
    if (floor === null) continue; // a newer release for these devices takes every version
    const minimum = release.requires.minimumVersion;
    const needed =
      floor === undefined || minimum === undefined || compareVersions(minimum.parsed, floor.parsed) < 0;
    if (!needed) continue;
    path.push(release);
    floors.set(audience, minimum ?? null);
  }
  return path;
}

export function offlinePlan(manifest: Manifest, budgetBytes = DEFAULT_OFFLINE_BUDGET_BYTES): OfflinePlan {
  const keep: Release[] = [];
  const overBudget: Release[] = [];
  let used = 0;
  for (const release of upgradePath(manifest)) {
    const size = releaseBytes(release);
    if (used + size <= budgetBytes) {
      keep.push(release);
      used += size;
    } else overBudget.push(release);
  }
  return { keep, overBudget };
}

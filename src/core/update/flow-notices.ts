// What the user is told before anything is sent: what the bootloader's mode means for this update, which of a
// package's per-slot builds goes, and what cannot be checked about where a direct-XIP image is linked to run.

import { type Message, words } from "../errors.js";
import { noticesFor, type FlowPlan } from "./flow-plan.js";
import type { UpdateMode } from "./flow-types.js";
import { checkLinkAddress } from "./link-address.js";
import type { PackageTarget, Target } from "./targets.js";

/** Every notice, in the order the user reads them; throws when a build is linked for another slot. */
export function noticesBeforeSending(
  plan: FlowPlan,
  mode: UpdateMode,
  targets: readonly Target[],
  images: readonly PackageTarget[],
): Message[] {
  const links = targets.flatMap((t) => {
    const build = { imageNumber: t.imageNumber, bytes: t.bytes, slot: t.builtFor };
    return checkLinkAddress(build, t.destination, plan, images) ?? [];
  });
  return [...noticesFor(plan, mode), ...slotBuildNotices(targets), ...links];
}

/** "Sending the build for slot 1": one notice per slot chosen for builds picked from a package's per-slot files. */
function slotBuildNotices(targets: readonly Target[]): Message[] {
  const bySlot = new Map<string, { slot: number; running: number | undefined; files: string[] }>();
  for (const t of targets) {
    if (!t.slotBuild) continue;
    const key = `${t.slotBuild.slot}/${t.slotBuild.runningSlot}`;
    const entry = bySlot.get(key) ?? { slot: t.slotBuild.slot, running: t.slotBuild.runningSlot, files: [] };
    entry.files.push(t.slotBuild.name ?? String(t.imageNumber));
    bySlot.set(key, entry);
  }
  return [...bySlot.values()].map((e) =>
    words("notice.slot-build", { slot: e.slot, running: e.running ?? "none", files: e.files.join(", ") }),
  );
}

/** The audit words for what the user was told (at most two notices: an inferred mode and what it cannot do). */
export function noticeWords(notices: readonly Message[]): Message {
  const [first, second] = notices;
  if (first === undefined) return words("audit.nothing-against");
  if (second === undefined) return first;
  return words("audit.notices", {
    ...first.params,
    ...second.params,
    firstKey: first.key,
    secondKey: second.key,
  });
}

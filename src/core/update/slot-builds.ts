// Which build of each image a package sends. nRF Connect SDK zips for direct-XIP carry one build per slot (the
// manifest's "slot"): MCUboot runs an image where it lies, so only the build linked for the slot NOT running can
// boot. The CLI, the app and the update flow all choose through this one function.

import { bootMode, type UpdateStrategy } from "../device/boot-modes.js";
import { UpdateFlowError } from "./errors.js";
import { planUpdate } from "./flow-plan.js";
import type { SlotState } from "./flow-types.js";

export interface SlotBuild {
  readonly imageNumber: number;
  /** The slot this build runs from, when the package says so. */
  readonly slot?: number | undefined;
}

export interface SlotBuildChoice<T extends SlotBuild> {
  readonly imageNumber: number;
  readonly build: T;
  /** The slot the image will run from after the update. */
  readonly slot: number;
  /** The slot running now (undefined when nothing of this image runs). */
  readonly runningSlot: number | undefined;
  /** The package carried more than one build of this image and this one was picked for `slot`. */
  readonly picked: boolean;
}

/** The slot an image of this number will run from after the update: the one not running for in-place modes. */
export function destinationSlot(
  strategy: UpdateStrategy,
  slots: readonly SlotState[],
  imageNumber: number,
): number {
  if (strategy !== "other-slot") return 0;
  const active = slots.find((s) => s.image === imageNumber && s.active);
  return active?.slot === 0 ? 1 : 0;
}

function pickBuild<T extends SlotBuild>(group: readonly T[], slot: number, imageNumber: number): T {
  const exact = group.find((g) => g.slot === slot);
  if (exact) return exact;
  if (group.length === 1 && group[0]!.slot === undefined) return group[0]!;
  if (group.length === 1) {
    throw new UpdateFlowError(
      "verify",
      "variant-wrong-slot",
      { image: imageNumber, builtFor: group[0]!.slot, slot },
      { hint: "variant-wrong-slot" },
    );
  }
  throw new UpdateFlowError(
    "verify",
    "package-duplicate-image",
    { files: group.length, image: imageNumber, slot },
    { hint: "package-duplicate-image" },
  );
}

/**
 * One build per image number, in image order: the build for the slot the image goes to. Throws UpdateFlowError
 * `variant-wrong-slot` (the only build is linked for the other slot) or `package-duplicate-image`.
 */
export function chooseSlotBuilds<T extends SlotBuild>(
  images: readonly T[],
  strategy: UpdateStrategy,
  slots: readonly SlotState[],
): SlotBuildChoice<T>[] {
  const numbers = [...new Set(images.map((i) => i.imageNumber))].sort((a, b) => a - b);
  return numbers.map((imageNumber) => {
    const group = images.filter((i) => i.imageNumber === imageNumber);
    const slot = destinationSlot(strategy, slots, imageNumber);
    return {
      imageNumber,
      build: pickBuild(group, slot, imageNumber),
      slot,
      runningSlot: slots.find((s) => s.image === imageNumber && s.active)?.slot,
      picked: group.length > 1,
    };
  });
}

/**
 * The same choice from what a device panel knows: its slot list and the MCUboot mode number it reported
 * (undefined when it reports none: the mode is then inferred from the slot list, as the update flow does).
 */
export function chooseSlotBuildsForDevice<T extends SlotBuild>(
  images: readonly T[],
  slots: readonly SlotState[],
  modeNumber: number | undefined,
): SlotBuildChoice<T>[] {
  const mode = modeNumber === undefined ? undefined : bootMode(modeNumber);
  const boot =
    modeNumber === undefined ? undefined : { name: "MCUboot", modeNumber, ...(mode ? { mode } : {}) };
  return chooseSlotBuilds(images, planUpdate(boot, slots).strategy, slots);
}

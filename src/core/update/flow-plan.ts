// Which way the update goes on this device (MCUboot's mode from bootloader info, or inferred from the slot list
// when the device does not report it), and what the chosen update mode cannot do there.

import { bootMode, bootModeText, type BootMode, type UpdateStrategy } from "../device/boot-modes.js";
import type { BootloaderInfo } from "../device/device-client.js";
import { UpdateFlowError } from "./errors.js";
import type { ModeDecision, SlotState, UpdateMode } from "./flow-types.js";

export interface FlowPlan {
  readonly strategy: UpdateStrategy;
  /** A tested image that is not confirmed goes away at the next reset. */
  readonly reverts: boolean;
  /** Marking for test exists (swap, overwrite, direct-XIP with revert). */
  readonly marks: boolean;
  /** The bootloader's serial recovery answers (nothing runs): write the slot, reset. */
  readonly recovery: boolean;
  readonly decision: ModeDecision;
}

function fromMode(mode: BootMode, recovery: boolean, decision: ModeDecision): FlowPlan {
  return {
    strategy: recovery ? "single-slot" : mode.strategy,
    reverts: mode.reverts,
    marks: !recovery && (mode.strategy === "swap" || mode.strategy === "overwrite" || mode.reverts),
    recovery,
    decision,
  };
}

/** Nothing in the list runs: MCUboot's serial recovery (or a bootloader like it) is answering. */
export function answersFromBootloader(slots: readonly SlotState[]): boolean {
  return !slots.some((s) => s.active);
}

export function planUpdate(boot: BootloaderInfo | undefined, slots: readonly SlotState[]): FlowPlan {
  const recovery = answersFromBootloader(slots);
  const reported = boot?.mode;
  if (reported) {
    const note = recovery
      ? `MCUboot mode ${reported.number} (${reported.text}); the bootloader itself answers (no image runs), so the image goes straight into the slot`
      : `MCUboot reports mode ${reported.number} (${reported.text})`;
    return fromMode(reported, recovery, {
      number: reported.number,
      text: reported.text,
      inferred: false,
      note,
    });
  }
  const why =
    boot?.modeNumber !== undefined
      ? `the device reports MCUboot mode ${boot.modeNumber} (${bootModeText(boot.modeNumber)}), which McuFlash does not know`
      : "the device does not report its MCUboot mode";
  if (recovery) {
    return fromMode(bootMode(0)!, true, {
      number: undefined,
      text: "serial recovery",
      inferred: true,
      note: `${why}; no image runs, so MCUboot's serial recovery answers: the image goes straight into the slot`,
    });
  }
  if (slots.some((s) => s.image === 0 && s.slot === 1 && s.active)) {
    // Only the in-place modes run from slot 1. Revert or not cannot be told: test and confirm, which is safe
    // in both (a bootloader without revert ignores the marks).
    const mode = bootMode(5)!;
    return fromMode(mode, false, {
      number: undefined,
      text: "direct-XIP",
      inferred: true,
      note: `${why}; slot 1 runs, so it runs images in place (direct-XIP): the image goes to slot 0`,
    });
  }
  const mode = bootMode(3)!;
  return fromMode(mode, false, {
    number: undefined,
    text: "swap",
    inferred: true,
    note: `${why}; slot 0 runs, so a swap with revert is assumed (test, reset, check, confirm)`,
  });
}

/** Refuses, in plain words, an update mode the bootloader cannot carry out. */
export function refuseImpossible(plan: FlowPlan, mode: UpdateMode): void {
  if (mode !== "test-only") return;
  const text = plan.decision.text;
  if (plan.strategy === "overwrite") {
    throw new UpdateFlowError(
      "downgrade-check",
      "mode-cannot-test",
      `MCUboot runs in ${text} mode: an image marked for test is copied over the running one at the next reset, and nothing can undo that.`,
      {
        hint: "Nothing was sent. Use confirm-only (or test-and-confirm, which is the same here) if the update is meant to be permanent.",
      },
    );
  }
  if (!plan.reverts) {
    throw new UpdateFlowError(
      "downgrade-check",
      "mode-cannot-test",
      `MCUboot runs in ${text} mode, which has no test: the new image boots at the next reset and stays.`,
      { hint: "Nothing was sent. Use test-and-confirm or confirm-only." },
    );
  }
}

/** What the user is told before anything is sent. */
export function noticesFor(plan: FlowPlan, mode: UpdateMode): string[] {
  const notices: string[] = [];
  if (plan.decision.inferred) notices.push(`Mode inferred: ${plan.decision.note}.`);
  if (mode === "upload-only") return notices;
  if (plan.strategy === "overwrite") {
    notices.push(
      `MCUboot runs in ${plan.decision.text} mode: there is no revert. At the reset the new image replaces the running one for good.`,
    );
  } else if (plan.strategy === "other-slot" && !plan.reverts) {
    notices.push(
      `MCUboot runs in ${plan.decision.text} mode: it boots the newest valid image, with no test and no revert.`,
    );
  } else if (plan.strategy === "single-slot") {
    notices.push(
      `MCUboot runs in ${plan.decision.text} mode: the new image replaces the one in the application slot; there is no revert.`,
    );
  }
  return notices;
}

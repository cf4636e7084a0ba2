// Which way the update goes on this device (MCUboot's mode from bootloader info, or inferred from the slot list
// when the device does not report it), and what the chosen update mode cannot do there.

import { bootMode, bootModeText, type BootMode, type UpdateStrategy } from "../device/boot-modes.js";
import type { BootloaderInfo } from "../device/device-client.js";
import { type Message, words } from "../errors.js";
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
    const key = `boot-mode.${reported.key}`;
    const note = words(recovery ? "mode.reported-recovery" : "mode.reported", {
      number: reported.number,
      mode: reported.text,
      modeKey: key,
    });
    return fromMode(reported, recovery, {
      number: reported.number,
      text: reported.text,
      key,
      inferred: false,
      note,
    });
  }
  const why = (key: string): Message =>
    words(key, {
      unknown: boot?.modeNumber !== undefined ? "yes" : "no",
      number: boot?.modeNumber,
      mode: boot?.modeNumber !== undefined ? bootModeText(boot.modeNumber) : undefined,
      ...(boot?.modeNumber !== undefined
        ? { modeKey: boot.modeNumber === -1 ? "boot-mode.unknown" : "boot-mode.other" }
        : {}),
    });
  if (recovery) {
    return fromMode(bootMode(0)!, true, {
      number: undefined,
      text: "serial recovery",
      key: "boot-mode.serial-recovery",
      inferred: true,
      note: why("mode.inferred-recovery"),
    });
  }
  if (slots.some((s) => s.image === 0 && s.slot === 1 && s.active)) {
    // Only the in-place modes run from slot 1. Revert or not cannot be told: test and confirm, which is safe
    // in both (a bootloader without revert ignores the marks).
    const mode = bootMode(5)!;
    return fromMode(mode, false, {
      number: undefined,
      text: "direct-XIP",
      key: "boot-mode.direct-xip",
      inferred: true,
      note: why("mode.inferred-direct-xip"),
    });
  }
  const mode = bootMode(3)!;
  return fromMode(mode, false, {
    number: undefined,
    text: "swap",
    key: "boot-mode.swap",
    inferred: true,
    note: why("mode.inferred-swap"),
  });
}

/** A message's `mode` (English, as the CLI's JSON carries it) and `modeKey` (each language's words for it). */
export function modeParams(decision: ModeDecision): { mode: string; modeKey?: string } {
  return decision.key === undefined
    ? { mode: decision.text }
    : { mode: decision.text, modeKey: decision.key };
}

/** Refuses, in plain words, an update mode the bootloader cannot carry out. */
export function refuseImpossible(plan: FlowPlan, mode: UpdateMode): void {
  if (mode !== "test-only") return;
  const text = modeParams(plan.decision);
  if (plan.strategy === "overwrite") {
    throw new UpdateFlowError("downgrade-check", "mode-cannot-test", text, {
      variant: "overwrite",
      hint: "mode-cannot-test.overwrite",
    });
  }
  if (!plan.reverts) {
    throw new UpdateFlowError("downgrade-check", "mode-cannot-test", text, { hint: "mode-cannot-test" });
  }
}

/** What the user is told before anything is sent. */
export function noticesFor(plan: FlowPlan, mode: UpdateMode): Message[] {
  const notices: Message[] = [];
  if (plan.decision.inferred) notices.push(plan.decision.note);
  if (mode === "upload-only") return notices;
  const text = modeParams(plan.decision);
  if (plan.strategy === "overwrite") notices.push(words("notice.overwrite", text));
  // RAM load with revert (MCUBOOT_RAM_LOAD_REVERT) reports the same mode 6 as plain RAM load, so the notice
  // says what each build does rather than claiming "no revert".
  else if (plan.decision.number === 6) notices.push(words("notice.ram-load", text));
  else if (plan.strategy === "other-slot" && !plan.reverts) notices.push(words("notice.newest-boots", text));
  else if (plan.strategy === "single-slot") notices.push(words("notice.single-slot", text));
  return notices;
}

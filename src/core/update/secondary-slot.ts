// Making room when the device refuses an upload because its other slot is taken (NO_FREE_SLOT). Zephyr's
// img_mgmt keeps two kinds of slot from being written:
// - a slot set to boot next ("pending", for a test or permanently): erasable only in firmware built with
//   CONFIG_MCUMGR_GRP_IMG_ALLOW_ERASE_PENDING, so we ask the user, try the erase, and explain if it is refused;
// - the slot holding the image to go back to while the running one is on trial ("confirmed" in slot 1, the
//   running image unconfirmed): never erasable. Freeing it means confirming the running image, which the
//   flow must not do on its own (only the verified hash is ever marked), or a reset, so we explain both.

import { type ErrorParams, type Message, words } from "../errors.js";
import { UpdateFlowError } from "./errors.js";
import type { SlotState } from "./flow-types.js";

export interface SecondarySlotContext {
  readonly imageNumber: number;
  /** The device's slot list, read after the refusal. */
  readonly slots: readonly SlotState[];
  /** Asks the user; undefined when nobody can be asked (a vendor install page), which means no erase. */
  readonly confirmErase?: ((question: Message) => Promise<boolean>) | undefined;
  readonly eraseSecondary: () => Promise<void>;
  /** True when an error is the device refusing for want of a free slot. */
  readonly isNoFreeSlot: (error: unknown) => boolean;
}

/** Why a device's other slot is busy, read from its slot list (see the header), or undefined if it is not. */
interface BusySlot {
  readonly kind: "reverting" | "pending";
  readonly secondary: SlotState;
  readonly runningVersion: string;
}

function busySecondary(slots: readonly SlotState[], imageNumber: number): BusySlot | undefined {
  const mine = slots.filter((s) => s.image === imageNumber);
  const secondary = mine.find((s) => s.slot === 1 && !s.active);
  if (!secondary) return undefined;
  const runningVersion = mine.find((s) => s.active)?.version ?? "?";
  if (secondary.confirmed && !secondary.pending) return { kind: "reverting", secondary, runningVersion };
  return secondary.pending ? { kind: "pending", secondary, runningVersion } : undefined;
}

function revertingError(
  busy: BusySlot,
  step: string,
  cause: unknown,
  doing: "erase" | "upload",
): UpdateFlowError {
  const { secondary, runningVersion } = busy;
  return new UpdateFlowError(
    step,
    "secondary-slot-reverting",
    { runningVersion, version: secondary.version, doing },
    { hint: "secondary-slot-reverting", cause },
  );
}

/** What the messages about a pending slot show: its version, how it installs, and what runs now. */
function pendingParams(busy: BusySlot): ErrorParams {
  const { secondary, runningVersion } = busy;
  return { version: secondary.version, install: secondary.permanent ? "permanent" : "trial", runningVersion };
}

function eraseRefusedError(busy: BusySlot, step: string, cause: unknown): UpdateFlowError {
  return new UpdateFlowError(step, "secondary-slot-pending", pendingParams(busy), {
    variant: "erase-refused",
    hint: "secondary-slot-pending.erase-refused",
    cause,
  });
}

/**
 * For a hand-made erase the device refused (the CLI's `erase`): what its slot list says about why, as a typed
 * error with the way out, or undefined when the list does not explain it.
 */
export function explainEraseRefusal(
  slots: readonly SlotState[],
  imageNumber: number,
  refusal: unknown,
): UpdateFlowError | undefined {
  const busy = busySecondary(slots, imageNumber);
  if (!busy) return undefined;
  return busy.kind === "reverting"
    ? revertingError(busy, "erase", refusal, "erase")
    : eraseRefusedError(busy, "erase", refusal);
}

/**
 * Frees the secondary slot when the slot list explains the refusal and the user agrees, and returns the audit
 * detail; returns undefined when the slot list does not explain it (the caller rethrows the device's error);
 * throws an UpdateFlowError that says what to do otherwise.
 */
export async function makeRoomInSecondarySlot(
  ctx: SecondarySlotContext,
  refusal: unknown,
): Promise<Message | undefined> {
  const busy = busySecondary(ctx.slots, ctx.imageNumber);
  if (!busy) return undefined;
  if (busy.kind === "reverting") {
    throw revertingError(busy, "upload", refusal, "upload");
  }
  const { secondary } = busy;
  const params = pendingParams(busy);
  if (!ctx.confirmErase) {
    throw new UpdateFlowError("upload", "secondary-slot-pending", params, {
      hint: "secondary-slot-pending",
      cause: refusal,
    });
  }
  const agreed = await ctx.confirmErase({ key: "question.erase-pending-slot", params });
  if (!agreed) {
    throw new UpdateFlowError("upload", "secondary-slot-pending", params, {
      variant: "declined",
      hint: "secondary-slot-pending.declined",
      cause: refusal,
    });
  }
  try {
    await ctx.eraseSecondary();
  } catch (error) {
    if (!ctx.isNoFreeSlot(error)) throw error;
    throw eraseRefusedError(busy, "upload", error);
  }
  return words("audit.erased-pending", { version: secondary.version });
}

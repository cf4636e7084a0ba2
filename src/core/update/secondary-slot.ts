// Making room when the device refuses an upload because its other slot is taken (NO_FREE_SLOT). Zephyr's
// img_mgmt keeps two kinds of slot from being written:
// - a slot set to boot next ("pending", for a test or permanently): erasable only in firmware built with
//   CONFIG_MCUMGR_GRP_IMG_ALLOW_ERASE_PENDING, so we ask the user, try the erase, and explain if it is refused;
// - the slot holding the image to go back to while the running one is on trial ("confirmed" in slot 1, the
//   running image unconfirmed): never erasable. Freeing it means confirming the running image, which the
//   flow must not do on its own (only the verified hash is ever marked), or a reset, so we explain both.

import { UpdateFlowError } from "./errors.js";
import type { SlotState } from "./flow-types.js";

export interface SecondarySlotContext {
  readonly imageNumber: number;
  /** The device's slot list, read after the refusal. */
  readonly slots: readonly SlotState[];
  /** Asks the user; undefined when nobody can be asked (a vendor install page), which means no erase. */
  readonly confirmErase?: ((message: string) => Promise<boolean>) | undefined;
  readonly eraseSecondary: () => Promise<void>;
  /** True when an error is the device refusing for want of a free slot. */
  readonly isNoFreeSlot: (error: unknown) => boolean;
}

const ALLOW_ERASE_PENDING_NOTE =
  "(Firmware built with CONFIG_MCUMGR_GRP_IMG_ALLOW_ERASE_PENDING=y lets McuFlash erase it instead.)";

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
  const runningVersion = mine.find((s) => s.active)?.version ?? "the running version";
  if (secondary.confirmed && !secondary.pending) return { kind: "reverting", secondary, runningVersion };
  return secondary.pending ? { kind: "pending", secondary, runningVersion } : undefined;
}

function revertingError(busy: BusySlot, step: string, cause: unknown, doing: string): UpdateFlowError {
  const { secondary, runningVersion } = busy;
  return new UpdateFlowError(
    step,
    "secondary-slot-reverting",
    `The device is trying out version ${runningVersion} and keeps version ${secondary.version} in its ` +
      `other slot to go back to at the next reset, so ${doing}.`,
    {
      cause,
      hint:
        `Keep ${runningVersion} by confirming it (Keep in McuFlash's device panel, or 'mcuflash confirm'), ` +
        `or reset the device to go back to ${secondary.version}; then try again.`,
    },
  );
}

function installedWhen(secondary: SlotState): string {
  return secondary.permanent ? "for good" : "on trial";
}

function pendingHint(busy: BusySlot): string {
  const { secondary, runningVersion } = busy;
  return secondary.permanent
    ? `Reset the device to install version ${secondary.version} for good, then update again. ${ALLOW_ERASE_PENDING_NOTE}`
    : `Reset the device: it tries version ${secondary.version}, and a second reset takes it back to ` +
        `${runningVersion}. Then update again. ${ALLOW_ERASE_PENDING_NOTE}`;
}

function eraseRefusedError(busy: BusySlot, step: string, cause: unknown): UpdateFlowError {
  const { secondary } = busy;
  return new UpdateFlowError(
    step,
    "secondary-slot-pending",
    `The device refuses to erase version ${secondary.version}, which it will install ` +
      `${installedWhen(secondary)} at the next reset.`,
    { cause, hint: pendingHint(busy) },
  );
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
    ? revertingError(busy, "erase", refusal, "it will not erase that slot")
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
): Promise<string | undefined> {
  const busy = busySecondary(ctx.slots, ctx.imageNumber);
  if (!busy) return undefined;
  if (busy.kind === "reverting") {
    throw revertingError(busy, "upload", refusal, "it has no free slot for the new image");
  }
  const { secondary } = busy;
  const waiting =
    `The other slot holds version ${secondary.version}, set to be installed ${installedWhen(secondary)} ` +
    "at the next reset.";
  if (!ctx.confirmErase) {
    throw new UpdateFlowError("upload", "secondary-slot-pending", `The device has no free slot. ${waiting}`, {
      cause: refusal,
      hint: `Erase that slot with McuFlash ('mcuflash erase --slot 1'), or: ${pendingHint(busy)}`,
    });
  }
  const agreed = await ctx.confirmErase(`${waiting} Erase it to make room for the new image?`);
  if (!agreed) {
    const stopped = `Stopped: t${waiting.slice(1)} It was kept.`;
    throw new UpdateFlowError("upload", "secondary-slot-pending", stopped, {
      cause: refusal,
      hint: `Agree to erase it when asked ('--yes' on the command line), or: ${pendingHint(busy)}`,
    });
  }
  try {
    await ctx.eraseSecondary();
  } catch (error) {
    if (!ctx.isNoFreeSlot(error)) throw error;
    throw eraseRefusedError(busy, "upload", error);
  }
  return `Erased the secondary slot (version ${secondary.version}, pending) with the user's consent`;
}

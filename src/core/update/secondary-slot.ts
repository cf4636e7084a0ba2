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

/**
 * Frees the secondary slot when the slot list explains the refusal and the user agrees, and returns the audit
 * detail; returns undefined when the slot list does not explain it (the caller rethrows the device's error);
 * throws an UpdateFlowError that says what to do otherwise.
 */
export async function makeRoomInSecondarySlot(
  ctx: SecondarySlotContext,
  refusal: unknown,
): Promise<string | undefined> {
  const mine = ctx.slots.filter((s) => s.image === ctx.imageNumber);
  const secondary = mine.find((s) => s.slot === 1 && !s.active);
  const running = mine.find((s) => s.active);
  if (!secondary) return undefined;
  const runningVersion = running?.version ?? "the running version";

  if (secondary.confirmed && !secondary.pending) {
    throw new UpdateFlowError(
      "upload",
      "secondary-slot-reverting",
      `The device is trying out version ${runningVersion} and keeps version ${secondary.version} in its ` +
        "other slot to go back to at the next reset, so it has no free slot for the new image.",
      {
        cause: refusal,
        hint:
          `Keep ${runningVersion} by confirming it (Keep in McuFlash's device panel, or 'mcuflash confirm'), or reset the device to go back to ` +
          `${secondary.version}; then start the update again.`,
      },
    );
  }
  if (!secondary.pending) return undefined;

  const when = secondary.permanent ? "for good" : "on trial";
  const pendingHint = secondary.permanent
    ? `Reset the device to install version ${secondary.version} for good, then update again. ${ALLOW_ERASE_PENDING_NOTE}`
    : `Reset the device: it tries version ${secondary.version}, and a second reset takes it back to ` +
      `${runningVersion}. Then update again. ${ALLOW_ERASE_PENDING_NOTE}`;
  const waiting = `The other slot holds version ${secondary.version}, set to be installed ${when} at the next reset.`;

  if (!ctx.confirmErase) {
    throw new UpdateFlowError("upload", "secondary-slot-pending", `The device has no free slot. ${waiting}`, {
      cause: refusal,
      hint: `Erase that slot with McuFlash ('mcuflash erase --slot 1'), or: ${pendingHint}`,
    });
  }
  const agreed = await ctx.confirmErase(`${waiting} Erase it to make room for the new image?`);
  if (!agreed) {
    const stopped = `Stopped: t${waiting.slice(1)} It was kept.`;
    throw new UpdateFlowError("upload", "secondary-slot-pending", stopped, {
      cause: refusal,
      hint: `Agree to erase it when asked ('--yes' on the command line), or: ${pendingHint}`,
    });
  }
  try {
    await ctx.eraseSecondary();
  } catch (error) {
    if (!ctx.isNoFreeSlot(error)) throw error;
    throw new UpdateFlowError(
      "upload",
      "secondary-slot-pending",
      `The device refuses to erase version ${secondary.version}, which it will install ${when} at the next reset.`,
      { cause: error, hint: pendingHint },
    );
  }
  return `Erased the secondary slot (version ${secondary.version}, pending) with the user's consent`;
}

// Zephyr img_mgmt's view of one image's slots (subsys/mgmt/mcumgr/grp/img_mgmt/src/img_mgmt_state.c): which slot
// boots next and how, which slots may be erased or uploaded to, the pending/confirmed/active/permanent flags of
// image state, and the rules for marking a slot for test or confirming it (img_mgmt_set_next_boot_slot). Swap
// modes run from slot 0; the in-place modes (direct-XIP, RAM load) from either slot; the single-slot modes have
// the application in slot 0 and, in mode 7, the firmware loader in slot 1.

import type { Bootloader } from "./bootloader.js";
import { ImgErr } from "../smp/mgmt-codes.js";

export const ACTIVE_SLOT = 0;

export type NextBootType = "normal" | "test" | "revert";

/** img_mgmt_get_next_boot_slot for swap-based MCUboot modes. */
export function nextBootSlot(boot: Bootloader): { slot: number; type: NextBootType } {
  switch (boot.swapType()) {
    case "none":
      return { slot: ACTIVE_SLOT, type: "normal" };
    case "perm":
      return { slot: 1, type: "normal" };
    case "revert":
      return { slot: 1, type: "revert" };
    case "test":
      return { slot: 1, type: "test" };
  }
}

/**
 * img_mgmt_slot_in_use: the running slot and the revert copy are always in use; the slot set to boot next is
 * too, unless the build allows erasing pending slots (CONFIG_MCUMGR_GRP_IMG_ALLOW_ERASE_PENDING).
 */
export function slotInUse(boot: Bootloader, slot: number, allowErasePending = false): boolean {
  if (boot.family === "single") {
    // Serial recovery writes the application slot; the firmware loader writes it too, never its own slot.
    if (boot.inRecovery) return false;
    return slot !== 0 || boot.activeSlot === 0;
  }
  if (boot.family === "in-place") return inPlaceSlotInUse(boot, slot, allowErasePending);
  const next = nextBootSlot(boot);
  if (slot === next.slot && next.type === "revert") return true;
  const pending =
    (slot === next.slot && next.type === "test") || (ACTIVE_SLOT !== next.slot && next.type === "normal");
  if (pending && !allowErasePending) return true;
  return slot === ACTIVE_SLOT;
}

export interface SlotFlags {
  readonly active: boolean;
  readonly pending: boolean;
  readonly confirmed: boolean;
  readonly permanent: boolean;
}

/** The flags image state read reports for each slot (img_mgmt_state_read). */
export function slotFlags(boot: Bootloader): readonly [SlotFlags, SlotFlags] {
  if (boot.family !== "swap") return otherFamilyFlags(boot);
  const next = nextBootSlot(boot);
  const active: SlotFlags = {
    active: true,
    pending: false,
    confirmed: next.type !== "revert",
    permanent: false,
  };
  let other: SlotFlags = { active: false, pending: false, confirmed: false, permanent: false };
  if (next.slot !== ACTIVE_SLOT) {
    if (next.type === "normal") other = { ...other, pending: true, permanent: true };
    else if (next.type === "revert") other = { ...other, confirmed: true };
    else other = { ...other, pending: true };
  }
  return [active, other];
}

/** img_mgmt_set_next_boot_slot: 0 or an image-group error code. */
export function setNextBootSlot(boot: Bootloader, slot: number, confirm: boolean): number {
  if (boot.family === "in-place") return setNextInPlace(boot, slot, confirm);
  const next = nextBootSlot(boot);
  if (!confirm && slot === ACTIVE_SLOT) return ImgErr.IMAGE_SETTING_TEST_TO_ACTIVE_DENIED;
  if (next.type === "test") {
    // Asking again to test the slot already set for test is fine; anything else is not.
    if (!confirm && slot === next.slot) return 0;
    return ImgErr.IMAGE_ALREADY_PENDING;
  }
  if (next.type === "normal") {
    if (confirm && slot === next.slot) return 0;
    if (
      (slot === ACTIVE_SLOT && ACTIVE_SLOT !== next.slot) ||
      (!confirm && slot !== ACTIVE_SLOT && slot === next.slot)
    ) {
      return ImgErr.IMAGE_ALREADY_PENDING;
    }
  }
  if (next.type === "revert") {
    if (confirm && slot === next.slot) return 0;
    if (!confirm) return ImgErr.IMAGE_ALREADY_PENDING;
  }
  switch (boot.setNext(slot, slot === ACTIVE_SLOT, confirm)) {
    case "ok":
      return 0;
    case "bad-vector":
      return ImgErr.INVALID_IMAGE_VECTOR_TABLE;
    case "bad-image":
      return ImgErr.INVALID_IMAGE_HEADER_MAGIC;
  }
}

const NO_FLAGS: SlotFlags = { active: false, pending: false, confirmed: false, permanent: false };

/** Flags by slot index (not by active/other) for the modes that do not swap. */
function otherFamilyFlags(boot: Bootloader): readonly [SlotFlags, SlotFlags] {
  const flags: [SlotFlags, SlotFlags] = [NO_FLAGS, NO_FLAGS];
  if (boot.inRecovery) return flags;
  const active = boot.activeSlot === 0 ? 0 : 1;
  if (boot.family === "single") {
    flags[active] = { ...NO_FLAGS, active: true, confirmed: true };
    return flags;
  }
  const revert = boot.revertsInPlace;
  const other = active === 0 ? 1 : 0;
  const t = boot.slot(active)!.trailer;
  flags[active] = { ...NO_FLAGS, active: true, confirmed: !revert || t.imageOk };
  const o = boot.slot(other)?.trailer;
  if (revert && o?.magic === "good") {
    // Marked and not yet tried: it boots next if its version is the highest. Tried and confirmed: the revert copy.
    flags[other] = o.copyDone
      ? { ...NO_FLAGS, confirmed: o.imageOk }
      : { ...NO_FLAGS, pending: true, permanent: o.imageOk };
  }
  return flags;
}

function inPlaceSlotInUse(boot: Bootloader, slot: number, allowErasePending: boolean): boolean {
  if (slot === boot.activeSlot) return true;
  const flags = otherFamilyFlags(boot)[slot === 0 ? 0 : 1];
  const running = otherFamilyFlags(boot)[boot.activeSlot === 0 ? 0 : 1];
  // A trial image keeps the confirmed one in the other slot for the revert.
  if (!running.confirmed && flags.confirmed) return true;
  return flags.pending && !allowErasePending;
}

/** Direct-XIP / RAM load: test or confirm the slot that is not running, or confirm the running one. */
function setNextInPlace(boot: Bootloader, slot: number, confirm: boolean): number {
  const area = boot.slot(slot);
  if (!area) return ImgErr.INVALID_SLOT;
  if (slot === boot.activeSlot) {
    if (!confirm) return ImgErr.IMAGE_SETTING_TEST_TO_ACTIVE_DENIED;
    area.trailer = { magic: "good", imageOk: true, copyDone: true };
    return 0;
  }
  const t = area.trailer;
  if (t.magic === "good" && !t.copyDone) {
    if (confirm && !t.imageOk) area.trailer = { ...t, imageOk: true };
    return 0;
  }
  area.trailer = { magic: "good", imageOk: confirm, copyDone: false };
  return 0;
}

// One image slot as the device lists it (Zephyr's image state read, field names kept), with hex hashes and
// every flag present, so the app, the CLI and the update flow compare the same shape.

import { toHex } from "../bytes.js";
import type { ImageSlotState } from "../smp/index.js";

/** One slot as the device reports it (Zephyr field names). Hash is hex. */
export interface SlotState {
  readonly image: number;
  readonly slot: number;
  readonly version: string;
  readonly hash: string;
  readonly bootable: boolean;
  readonly pending: boolean;
  readonly confirmed: boolean;
  readonly active: boolean;
  readonly permanent: boolean;
}

export function toSlotState(slot: ImageSlotState): SlotState {
  return {
    image: slot.image ?? 0,
    slot: slot.slot,
    version: slot.version,
    hash: slot.hash ? toHex(slot.hash) : "",
    bootable: slot.bootable ?? false,
    pending: slot.pending ?? false,
    confirmed: slot.confirmed ?? false,
    active: slot.active ?? false,
    permanent: slot.permanent ?? false,
  };
}

/** Zephyr's flat slot number for erase: image N's slots are 2N and 2N + 1. */
export function flatSlot(image: number, slot: number): number {
  return 2 * image + slot;
}

// Which hand actions a slot offers, under the CLI's safety rules: only images the device lists (by their
// listed hash), never the running slot for erase, and a slot MCUboot would go back to (a confirmed image
// that does not run: the revert image) or one marked for the next boot only erased after an explicit
// question. Pure, unit-tested.

import type { SlotState } from "../../core/update/flow-types.js";
import type { SlotAction } from "../services/device.js";

export interface OfferedAction {
  readonly action: SlotAction;
  /** Asked first, in the page, with this warning. */
  readonly warning?: string;
}

export function slotActions(slot: SlotState): OfferedAction[] {
  if (!slot.hash) return [];
  const offered: OfferedAction[] = [];
  if (!slot.active && !slot.pending && !slot.confirmed) offered.push({ action: "test" });
  if (!slot.confirmed && !slot.permanent) offered.push({ action: "confirm" });
  if (!slot.active) {
    const warning = slot.confirmed
      ? "This is the image the device goes back to if the running one fails its trial: erasing it leaves no way back."
      : slot.pending || slot.permanent
        ? "This image is marked to boot at the next reset: erasing it cancels that."
        : undefined;
    offered.push(warning ? { action: "erase", warning } : { action: "erase" });
  }
  return offered;
}

// Which hand actions a slot offers, under the CLI's safety rules: only images the device lists (by their
// listed hash), never the running slot for erase, and a slot MCUboot would go back to (a confirmed image
// that does not run: the revert image) or one marked for the next boot only erased after an explicit
// question. Pure, unit-tested.

import type { SlotState } from "../../core/update/flow-types.js";
import type { SlotAction } from "../services/device.js";
import { i18n } from "../../i18n/browser-i18n.js";

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
      ? i18n._("app.slot-actions.warning-way-back")
      : slot.pending || slot.permanent
        ? i18n._("app.slot-actions.warning-marked")
        : undefined;
    offered.push(warning ? { action: "erase", warning } : { action: "erase" });
  }
  return offered;
}

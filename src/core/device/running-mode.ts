// Who answers: the application or MCUboot's serial recovery. The signal is the slot list, which both serve:
// MCUboot's boot_serial lists the slots but never marks one "active" (nothing runs while it waits for an
// image), whereas Zephyr's img_mgmt always marks the image it runs as active, frugal lists included. Other
// answers are weaker (serial recovery also refuses os info and bootloader info, but so do many application
// builds), so they are not used to decide.

import type { SlotState } from "../update/flow-types.js";

export type RunningMode = "application" | "serial-recovery";

/** Decides from a slot list already read. */
export function modeFromSlots(slots: readonly SlotState[]): RunningMode {
  return slots.some((s) => s.active) ? "application" : "serial-recovery";
}

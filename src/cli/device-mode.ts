// Who answers: the application or MCUboot's serial recovery. The signal is the slot list, which both serve:
// MCUboot's boot_serial lists the slots but never marks one "active" (nothing runs while it waits for an
// image), whereas Zephyr's img_mgmt always marks the image it runs as active, frugal lists included. Other
// answers are weaker (serial recovery also refuses os info and bootloader info, but so do many application
// builds), so they are not used to decide.

import { type SmpClient, imageStateRead } from "../core/smp/index.js";
import type { SlotState } from "../core/update/flow-types.js";
import { isUnsupported, toSlotState } from "../core/update/smp-device-session.js";

export type RunningMode = "application" | "serial-recovery";

export interface DeviceMode {
  readonly mode: RunningMode;
  /** The slot list, when the device has one. */
  readonly slots: readonly SlotState[] | undefined;
}

/** Decides from a slot list already read. */
export function modeFromSlots(slots: readonly SlotState[]): RunningMode {
  return slots.some((s) => s.active) ? "application" : "serial-recovery";
}

/** Reads the slot list and decides; a device without an image group is an application (MCUboot has one). */
export async function detectMode(
  client: SmpClient,
  options: { timeoutMs?: number } = {},
): Promise<DeviceMode> {
  try {
    const state = await client.request(
      imageStateRead,
      {},
      options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {},
    );
    const slots = state.images.map(toSlotState);
    return { mode: modeFromSlots(slots), slots };
  } catch (error) {
    if (isUnsupported(error)) return { mode: "application", slots: undefined };
    throw error;
  }
}

export const SERIAL_RECOVERY_NOTE =
  "The device is in MCUboot serial recovery: no application runs; it takes an image upload, lists slots, " +
  "echoes and resets ('mcuflash reset' starts the application).";

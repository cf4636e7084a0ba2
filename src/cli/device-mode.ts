// Who answers, as the CLI asks it: the slot list decides (core/device/running-mode.ts says why).

import { type RunningMode, modeFromSlots } from "../core/device/running-mode.js";
import { type SmpClient, imageStateRead } from "../core/smp/index.js";
import type { SlotState } from "../core/update/flow-types.js";
import { isUnsupported, toSlotState } from "../core/update/smp-device-session.js";

export { type RunningMode, modeFromSlots };

export interface DeviceMode {
  readonly mode: RunningMode;
  /** The slot list, when the device has one. */
  readonly slots: readonly SlotState[] | undefined;
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

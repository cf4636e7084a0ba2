// Who answers, as the CLI asks it: the slot list decides (core/device/running-mode.ts says why).

import type { I18n } from "@lingui/core";
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

/** What a technician should know when MCUboot's serial recovery answers instead of the application. */
export function serialRecoveryNote(i18n: I18n): string {
  return i18n._("cli.device.serial-recovery-note");
}

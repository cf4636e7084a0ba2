// Adapter between the device panel and a connected device. The SMP side lives in device-control.ts, a lazy
// chunk; this file holds only the shapes the UI renders, so the shell does not pull in the SMP client.

import type { SmpClient } from "../../core/smp/index.js";
import type { TransportCloseReason, TransportFactory } from "../../core/transport.js";
import type { SlotState } from "../../core/update/flow-types.js";
import type * as DeviceControlModule from "./device-control.js";

export interface DeviceSnapshot {
  readonly slots: readonly SlotState[];
  /** mcumgr params; undefined when the device does not report them. */
  readonly params: { readonly bufSize: number; readonly bufCount: number } | undefined;
  /** `os info -a` output, e.g. "Zephyr nrf52840dk v4.1.0 ..."; undefined when not enabled. */
  readonly osInfo: string | undefined;
  readonly bootloader:
    | {
        readonly name: string | undefined;
        readonly mode: string | undefined;
        /** The MCUboot mode number behind `mode` (what the update picks a per-slot build by). */
        readonly modeNumber?: number | undefined;
        readonly noDowngrade: boolean | undefined;
      }
    | undefined;
  readonly readAt: string;
}

export interface DeviceControl {
  readonly label: string;
  /** The SMP client over the open link, for screens that talk to other groups (the Tools panel). */
  readonly client: SmpClient;
  /** Settles when the link ends: closed by us, or lost (unplugged, reset, out of range). */
  readonly closed: Promise<TransportCloseReason>;
  read(signal?: AbortSignal): Promise<DeviceSnapshot>;
  echo(text: string): Promise<{ reply: string; ms: number }>;
  /** Restarts the device; bootMode 1 asks it to stay in MCUboot's serial recovery (Zephyr's boot_mode). */
  reset(options?: { readonly bootMode?: number }): Promise<void>;
  /** Makes the running image (this hash, as the device listed it) permanent: "keep this version". */
  confirmRunning(hash: string): Promise<void>;
  /** Test (boot once), confirm (keep) or erase one listed slot; hashes only as the device listed them. */
  slotAction(action: SlotAction, slot: SlotState): Promise<void>;
  close(): Promise<void>;
}

export type SlotAction = "test" | "confirm" | "erase";

export function loadDeviceControl(): Promise<typeof DeviceControlModule> {
  return import("./device-control.js");
}

/** Opens the link through its factory and wraps it in a DeviceControl. */
export async function openDevice(factory: TransportFactory, signal?: AbortSignal): Promise<DeviceControl> {
  const [{ createDeviceControl }, transport] = await Promise.all([loadDeviceControl(), factory.open(signal)]);
  return createDeviceControl(transport);
}

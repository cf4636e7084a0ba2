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
  /** The hardware as `os info` names it (only the fields the device answered); undefined without os info. */
  readonly hardware: DeviceHardware | undefined;
  readonly bootloader:
    | {
        readonly name: string | undefined;
        /** MCUboot's mode number as reported (core's boot-mode table words it); undefined when not reported. */
        readonly modeNumber: number | undefined;
        readonly noDowngrade: boolean | undefined;
      }
    | undefined;
  readonly readAt: string;
}

/** Zephyr's `os info` fields that name the hardware: "i" hardware platform (the board, e.g.
 * "nrf52840dk/nrf52840"), "p" processor (e.g. "cortex-m4"), "m" machine (the architecture, e.g. "arm"). Stock
 * SMP has no serial number or chip id; this is the closest the device itself reports. */
export interface DeviceHardware {
  readonly platform?: string;
  readonly processor?: string;
  readonly machine?: string;
}

/** One line for the audit: "nrf52840dk/nrf52840 · cortex-m4 · arm", from the fields answered; undefined if none. */
export function hardwareId(hardware: DeviceHardware | undefined): string | undefined {
  if (!hardware) return undefined;
  const parts = [hardware.platform, hardware.processor, hardware.machine].filter(
    (p): p is string => p !== undefined && p.trim() !== "",
  );
  return parts.length > 0 ? parts.map((p) => p.trim()).join(" · ") : undefined;
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

// What the update flow needs from a connected device, independent of the SMP client and the link. The adapter
// in smp-device-session.ts implements it over SmpClient; tests may implement it directly.

import type { BootloaderInfo, DeviceParams } from "../device/device-client.js";
import type { LinkKind } from "../transport.js";
import type { SlotState } from "./flow-types.js";
import type { UploadRpc } from "./upload.js";

export type { DeviceParams } from "../device/device-client.js";

export interface DeviceSession {
  /** Label of the link, for audit records. */
  readonly label: string;
  /** Largest SMP packet the link carries. */
  readonly maxPacketSize: number;
  /** The kind of link, where known: a serial console earns its upload window (see upload.ts). */
  readonly linkKind?: LinkKind | undefined;
  readonly upload: UploadRpc;
  /** See Transport.lowerMaxPacketSize; undefined when the link cannot change its packet size. */
  readonly shrinkPacketLimit?: (() => number) | undefined;
  readImageState(signal?: AbortSignal): Promise<SlotState[]>;
  /** undefined when the device does not implement mcumgr params. */
  readParams(signal?: AbortSignal): Promise<DeviceParams | undefined>;
  /** The bootloader's name and mode; undefined when the device does not say. */
  readBootloader?(signal?: AbortSignal): Promise<BootloaderInfo | undefined>;
  /** Marks the image with this hash for test (confirm=false) or permanently (confirm=true). */
  writeImageState(hash: Uint8Array, confirm: boolean, signal?: AbortSignal): Promise<SlotState[]>;
  eraseSlot(slot: number | undefined, signal?: AbortSignal): Promise<void>;
  /** `bootMode` 1 asks Zephyr to stay in the bootloader (serial recovery or the firmware loader). */
  reset(signal?: AbortSignal, bootMode?: number): Promise<void>;
  /** Resolves when the link drops (after a reset, an unplug...). */
  readonly lost: Promise<void>;
  close(): Promise<void>;
}

/** Opens a session to the same device, again after each reset. */
export interface DeviceConnector {
  readonly label: string;
  connect(signal?: AbortSignal): Promise<DeviceSession>;
}

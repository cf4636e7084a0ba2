// What the simulated device tells its listeners (requests, drops, resets, boots, upload progress) and the handle
// a link gets when it attaches.

import type { RequestAnnotations } from "./device-queue.js";
import type { DropReason } from "./device-queue.js";
import type { BootReport } from "./mcuboot/bootloader.js";

export type DeviceState = "running" | "booting";

export type DeviceEvent =
  | { readonly type: "request"; readonly group: number; readonly id: number; readonly op: number }
  | { readonly type: "dropped"; readonly reason: DropReason; readonly length: number }
  | { readonly type: "reset"; readonly reason: string }
  | { readonly type: "boot"; readonly report: BootReport }
  | { readonly type: "upload"; readonly image: number; readonly off: number; readonly size: number };

export interface AttachedPort {
  /** A whole request packet, past any framing (BLE, UDP; serial links that do not model the console). */
  receive(packet: Uint8Array, annotations?: RequestAnnotations): void;
  /**
   * Serial links: raw console bytes as the UART receives them, through Zephyr's line buffers (uart-console.ts).
   * `annotations` belong to the request these bytes carry.
   */
  receiveSerial(bytes: Uint8Array, annotations?: RequestAnnotations): void;
  detach(): void;
}

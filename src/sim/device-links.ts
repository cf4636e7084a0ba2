// The links attached to the simulated device: each port's requests go to the device's queue (serial ports through
// Zephyr's UART console line buffers first), and a reset or a pulled cable drops them all.

import { TransportError } from "../core/transport.js";
import type { DevicePort, DropReason, RequestQueue } from "./device-queue.js";
import type { AttachedPort } from "./device-types.js";
import { UartConsoleReceiver, type UartConsoleOptions } from "./uart-console.js";

export interface LinkParts {
  readonly queue: RequestQueue;
  readonly console: UartConsoleOptions;
  /** False while MCUboot runs: nothing listens on the application's console then. */
  running(): boolean;
  dropped(reason: DropReason, length: number): void;
}

export class DeviceLinks {
  private readonly ports = new Set<DevicePort>();
  private readonly consoles = new Map<DevicePort, UartConsoleReceiver>();

  constructor(private readonly parts: LinkParts) {}

  has(port: DevicePort): boolean {
    return this.ports.has(port);
  }

  /** Connects a link. Requests go in through `receive`; responses come out through `port.send`. */
  attach(port: DevicePort): AttachedPort {
    const { queue } = this.parts;
    this.ports.add(port);
    return {
      receive: (packet, annotations) => queue.receive(port, packet, annotations),
      receiveSerial: (bytes, annotations) => {
        if (!this.parts.running()) return;
        this.console(port).receive(bytes, annotations);
      },
      detach: () => {
        this.ports.delete(port);
        this.consoles.delete(port);
      },
    };
  }

  /** The UART line buffers lose what they held (a reset). */
  resetConsoles(): void {
    for (const receiver of this.consoles.values()) receiver.reset();
  }

  /** Every link ends with `link-lost` (`variant` says why: a reset, or links dropped by a test). */
  dropAll(reason: string, variant: "device-reset-dropped" | "simulated-links-dropped"): void {
    for (const port of [...this.ports]) {
      this.ports.delete(port);
      port.lost(new TransportError("link-lost", { reason }, { variant }));
    }
  }

  private console(port: DevicePort): UartConsoleReceiver {
    let receiver = this.consoles.get(port);
    if (receiver === undefined) {
      const { queue } = this.parts;
      receiver = new UartConsoleReceiver(this.parts.console, {
        stalled: () => queue.stalled,
        whenUnstalled: (fn) => queue.whenUnstalled(fn),
        deliver: (packet, annotations) => queue.receive(port, packet, annotations),
        dropped: (reason, length) => this.parts.dropped(reason, length),
      });
      this.consoles.set(port, receiver);
    }
    return receiver;
  }
}

// The simulated device behind the simulator's UDP front on 127.0.0.1 (one SMP packet per datagram, like Zephyr's
// UDP transport), so CLI verbs run end to end with --udp. Real time, fast flash and no processing delay.

import { RealClock } from "../../../src/sim/clock.js";
import { SimulatedDevice } from "../../../src/sim/device.js";
import type { SimulatedDeviceOptions } from "../../../src/sim/device-options.js";
import { startUdpFront } from "../../../src/sim/node/udp-front.js";

export interface UdpSim {
  readonly device: SimulatedDevice;
  /** "127.0.0.1:PORT" for --udp. */
  readonly address: string;
  close(): Promise<void>;
}

export async function startUdpSim(options: SimulatedDeviceOptions = {}): Promise<UdpSim> {
  const device = await SimulatedDevice.create({
    clock: new RealClock(),
    transport: "udp",
    processingMs: 0,
    flash: { writeBytesPerMs: 1e6 },
    ...options,
  });
  const front = await startUdpFront(device, "127.0.0.1", 0);
  return { device, address: `127.0.0.1:${front.port}`, close: () => front.close() };
}

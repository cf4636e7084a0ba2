// A simulated device tuned for browser tests: real Zephyr/MCUboot behaviour, but flash and boot times cut so a
// whole upload, reset and swap take well under a second of wall-clock time.

import { SimulatedDevice, buildImage } from "../../../src/sim/index.js";
import type { SimulatedDeviceOptions } from "../../../src/sim/device-options.js";

/** `build` changes what the firmware was built with (e.g. `os: { info: false }` for a stock device without os info). */
export async function fastSimulatedDevice(
  transport: "serial" | "ble",
  build: Pick<SimulatedDeviceOptions, "os" | "appInfo"> = {},
): Promise<SimulatedDevice> {
  return SimulatedDevice.create({
    ...build,
    transport,
    processingMs: 0.2,
    resetMs: 20,
    flash: { pageEraseMs: 0.2, writeBytesPerMs: 1_000_000 },
    mcuboot: { slotSize: 128 * 1024, bootMs: 30, hashBytesPerMs: 1_000_000 },
    firmware: { version: { major: 1, minor: 0, revision: 0 }, bodySize: 4096, seed: 1 },
  });
}

/** A signed-looking MCUboot image the device will accept (version 1.1.0 unless told otherwise). */
export function testImage(bodySize = 24 * 1024, seed = 7): Promise<Uint8Array> {
  return buildImage({ version: { major: 1, minor: 1, revision: 0 }, bodySize, seed });
}

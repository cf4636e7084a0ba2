// Lazy chunk: a fresh simulated MCUboot device for each "Demo device" pick, so a batch of demo installs shows
// several devices (each starts at 1.0.0 on an nRF52840 DK, like the app's own demo device).

import type { InstallTarget } from "../core/manifest/index.js";
import { SimulatedDevice, bleLink, createMemoryTransportFactory } from "../sim/index.js";

let created = 0;

export async function requestDemoTarget(): Promise<InstallTarget> {
  created += 1;
  const n = created;
  const name = `mcuflash-demo-${n}`;
  const device = await SimulatedDevice.create({
    transport: "ble",
    firmware: { version: { major: 1, minor: 0, revision: 0, build: 0 }, bodySize: 24 * 1024, seed: 6 + n },
    appInfo: { nodeName: name, hardwarePlatform: "nrf52840dk/nrf52840" },
    // Fast flash: the swap after the reset takes a moment, not a minute.
    flash: { pageEraseMs: 20, writeBytesPerMs: 400 },
  });
  return {
    factory: createMemoryTransportFactory(device, {
      // The simulated device's own name: the install page words the "demo" kind around it.
      label: name,
      linkModel: bleLink(),
    }),
    link: { kind: "demo", name },
  };
}

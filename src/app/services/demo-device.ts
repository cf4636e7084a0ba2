// Lazy chunk: the "Demo device", a simulated MCUboot/Zephyr device over a simulated Bluetooth link, so the
// whole flow (connect, verify, upload, test, reset, confirm) can be tried without hardware.
//
// Expects from src/sim: SimulatedDevice.create(options), createMemoryTransportFactory(device, options) → a
// TransportFactory whose links drop on a device reset and reopen once it has booted, and bleLink().

import { i18n } from "../../i18n/browser-i18n.js";
import type { TransportFactory } from "../../core/transport.js";
import { SimulatedDevice, bleLink, createMemoryTransportFactory } from "../../sim/index.js";

// One device for the life of the page: disconnecting and connecting again finds the same slots, as with a
// real board on the bench.
let device: Promise<SimulatedDevice> | undefined;

function demoDevice(): Promise<SimulatedDevice> {
  device ??= SimulatedDevice.create({
    transport: "ble",
    firmware: { version: { major: 1, minor: 0, revision: 0, build: 0 }, bodySize: 24 * 1024, seed: 7 },
    appInfo: { nodeName: "mcuflash-demo", hardwarePlatform: "nrf52840dk/nrf52840" },
    // Flash four times faster than an nRF52840, so the swap after a reset takes seconds rather than the
    // better part of a minute: the demo shows every step without making the visitor wait through it.
    flash: { pageEraseMs: 20, writeBytesPerMs: 400 },
  }).catch((error: unknown) => {
    device = undefined;
    throw error;
  });
  return device;
}

export async function requestLink(): Promise<TransportFactory> {
  return createMemoryTransportFactory(await demoDevice(), {
    label: i18n._("app.demo-device.demo-device-simulated-bluetooth"),
    linkModel: bleLink(),
  });
}

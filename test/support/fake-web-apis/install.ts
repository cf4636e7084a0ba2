// Installs the fake Web Serial and Web Bluetooth into a Playwright page, backed by SMP peers (usually a
// SimulatedDevice) running in the test process. Only navigator.serial and navigator.bluetooth are replaced;
// everything above them (transports, SMP client, upload engine, the app) is the real code.
//
//   const fakes = await installFakeWebApis(page, { device });   // before page.goto()
//   await page.goto(app.url);
//   ... the app (or a harness) picks "serial" / "ble" in the choosers ...
//   fakes.hub.unplug(FAKE_SERIAL_ID);                           // pull the cable mid-upload
//
// How bytes move: the page-side fakes (bundled by Vite, injected with addInitScript) call one exposed binding
// with a FakeCall (open, write, connect, GATT write...); the device end (FakeDeviceHub) feeds the bytes to the
// peer and pushes answers, notifications and unplug events back with page.evaluate, one batch at a time in order.

import type { Page } from "playwright-core";
import { bundleForBrowser } from "./bundle.js";
import { FakeDeviceHub, type FakeDeviceHubOptions } from "./device.js";
import type { SmpPeer } from "./links.js";
import { FAKE_CALL_BINDING, FAKE_DELIVER_FUNCTION } from "./page-entry.js";
import { parseFakeCall, type FakeEvent, type FakeResult } from "./protocol.js";

/** Ids used by the `device` shorthand. */
export const FAKE_SERIAL_ID = "serial";
export const FAKE_BLE_ID = "ble";
/** USB ids of Zephyr's CDC ACM sample (what a Zephyr board's USB port reports). */
export const ZEPHYR_USB = { usbVendorId: 0x2fe3, usbProductId: 0x0100 } as const;

export interface InstallFakeWebApisOptions extends FakeDeviceHubOptions {
  /**
   * One device reachable both as USB serial port FAKE_SERIAL_ID (Zephyr's USB ids) and as Bluetooth device
   * FAKE_BLE_ID named "Zephyr SMP" (ATT MTU 247, reassembly on). Added to any ports/devices listed explicitly.
   */
  readonly device?: SmpPeer;
}

export interface InstalledFakeWebApis {
  /** The device end: choosers, unplug/replug, mute, busy port, one-off failures, call log. */
  readonly hub: FakeDeviceHub;
  /** Resolves once every event emitted so far has reached the page. */
  flush(): Promise<void>;
}

/** Call before page.goto(): the fakes must exist before the page's own scripts run. */
export async function installFakeWebApis(
  page: Page,
  options: InstallFakeWebApisOptions,
): Promise<InstalledFakeWebApis> {
  const { device, ...explicit } = options;
  const hubOptions: FakeDeviceHubOptions = {
    serialPorts: [
      ...(explicit.serialPorts ?? []),
      ...(device ? [{ id: FAKE_SERIAL_ID, ...ZEPHYR_USB, peer: device }] : []),
    ],
    bluetoothDevices: [
      ...(explicit.bluetoothDevices ?? []),
      ...(device ? [{ id: FAKE_BLE_ID, name: "Zephyr SMP", peer: device }] : []),
    ],
  };

  const queue: FakeEvent[] = [];
  let draining: Promise<void> | undefined;
  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.splice(0);
      await page
        .evaluate(
          ([name, events]) => {
            const deliver: unknown = Reflect.get(window, name);
            if (typeof deliver === "function") deliver(events);
          },
          [FAKE_DELIVER_FUNCTION, batch] as const,
        )
        // The page may be navigating or closed; its fakes are gone with it.
        .catch(() => undefined);
    }
  };
  const hub = new FakeDeviceHub(hubOptions, (event) => {
    queue.push(event);
    draining ??= drain().finally(() => {
      draining = undefined;
    });
  });

  await page.exposeBinding(FAKE_CALL_BINDING, async (_source, call: unknown): Promise<FakeResult> => {
    const parsed = parseFakeCall(call);
    if (!parsed) return { ok: false, name: "TypeError", message: "Malformed call to the fake device end." };
    return hub.handle(parsed);
  });
  const code = await bundleForBrowser("./page-entry.ts", "McuFlashFakes");
  await page.addInitScript({ content: `${code}\nMcuFlashFakes.install(${JSON.stringify(hub.setup)});` });

  return {
    hub,
    async flush() {
      while (draining) await draining;
    },
  };
}

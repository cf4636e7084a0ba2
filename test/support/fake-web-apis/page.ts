// The page side of the fake Web Serial / Web Bluetooth: both fakes over one backend, and the entry point for
// events from the device end. In the browser the backend is a Playwright binding (page-entry.ts);
// in Node the contract tests hand in the device end directly.

import { FakeBluetooth } from "./bluetooth.js";
import { decodeBytes, parseFakeEvents, type FakeBackend, type FakePageSetup } from "./protocol.js";
import { FakeSerial } from "./serial.js";

export interface FakeWebApis {
  readonly serial: FakeSerial;
  readonly bluetooth: FakeBluetooth;
  /** Applies events from the device end, in order. */
  deliver(events: unknown): void;
}

export function createFakeWebApis(backend: FakeBackend, setup: FakePageSetup): FakeWebApis {
  const serial = new FakeSerial(setup, backend);
  const bluetooth = new FakeBluetooth(setup, backend);
  return {
    serial,
    bluetooth,
    deliver(events: unknown): void {
      for (const event of parseFakeEvents(events)) {
        switch (event.type) {
          case "serial-data":
            serial.port(event.port)?.deliver(decodeBytes(event.data));
            break;
          case "serial-lost":
            serial.port(event.port)?.unplug();
            break;
          case "serial-connect":
            serial.port(event.port)?.replug();
            break;
          case "ble-notification":
            bluetooth.device(event.device)?.gatt.notify(decodeBytes(event.data));
            break;
          case "ble-disconnected":
            bluetooth.device(event.device)?.gatt.dropped();
            break;
        }
      }
    },
  };
}

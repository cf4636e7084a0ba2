// The fake Web Serial / Web Bluetooth wired to the device end inside one Node process, for the transport contract
// tests: same fakes, same device end and same messages as in the browser, minus Playwright. Events are delivered
// on a later macrotask, as they would be across the page boundary, so no answer arrives inside the call that
// caused it. Virtual-time tests pass `defer` (their clock's scheduler), so delivery follows simulated time.

import { FakeDeviceHub, type FakeDeviceHubOptions } from "./device.js";
import { createFakeWebApis, type FakeWebApis } from "./page.js";
import { parseFakeCall, type FakeEvent, type FakeResult } from "./protocol.js";

export interface InProcessFakes extends FakeWebApis {
  readonly hub: FakeDeviceHub;
}

export function createInProcessFakes(
  options: FakeDeviceHubOptions,
  defer: (fn: () => void) => void = (fn) => setTimeout(fn, 0),
): InProcessFakes {
  let pending: FakeEvent[] = [];
  let scheduled = false;
  const hub = new FakeDeviceHub(options, (event) => {
    pending.push(event);
    if (scheduled) return;
    scheduled = true;
    defer(() => {
      scheduled = false;
      const batch = pending;
      pending = [];
      // Runs on a later task, after `fakes` below exists.
      fakes.deliver(batch);
    });
  });
  // Round-trip the call through the validator, as the page binding does.
  const backend = async (call: unknown): Promise<FakeResult> => {
    const parsed = parseFakeCall(JSON.parse(JSON.stringify(call)));
    return parsed ? hub.handle(parsed) : { ok: false, name: "TypeError", message: "Malformed fake call." };
  };
  const fakes = createFakeWebApis(backend, hub.setup);
  return { ...fakes, hub };
}

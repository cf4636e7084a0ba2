// Bundled (IIFE, global `McuFlashFakes`) and run by page.addInitScript before any page script: replaces only
// navigator.serial and navigator.bluetooth with the fakes, wired to the Node device end through the binding
// FAKE_CALL_BINDING; Node pushes events by calling window[FAKE_DELIVER_FUNCTION].

import { createFakeWebApis } from "./page.js";
import { parseFakeResult, type FakeCall, type FakePageSetup, type FakeResult } from "./protocol.js";

export const FAKE_CALL_BINDING = "__mcuflashFakeCall";
export const FAKE_DELIVER_FUNCTION = "__mcuflashFakeDeliver";

export function install(setup: FakePageSetup): void {
  const backend = async (call: FakeCall): Promise<FakeResult> => {
    const binding: unknown = Reflect.get(window, FAKE_CALL_BINDING);
    if (typeof binding !== "function") {
      return { ok: false, name: "NetworkError", message: "The fake device end is not connected." };
    }
    const answer: unknown = await binding(call);
    return parseFakeResult(answer);
  };
  const fakes = createFakeWebApis(backend, setup);
  Object.defineProperty(navigator, "serial", { value: fakes.serial, configurable: true });
  Object.defineProperty(navigator, "bluetooth", { value: fakes.bluetooth, configurable: true });
  Object.defineProperty(window, FAKE_DELIVER_FUNCTION, { value: fakes.deliver, configurable: true });
}

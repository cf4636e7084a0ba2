// Nothing is marked unless the device lists the exact verified hash for the image number it was sent as: after
// the upload the flow reads the slot list, and a device that lists another hash (another tool wrote the slot, a
// server that keeps a stale list) or the right hash under another image number stops the update before any
// test, confirm or reset.

import { describe, expect, test } from "vitest";
import type { SlotState } from "../../../src/core/device/slot-state.js";
import type { DeviceConnector } from "../../../src/core/update/device-session.js";
import { UpdateFlowError } from "../../../src/core/update/errors.js";
import { smpConnector } from "../../../src/core/update/smp-device-session.js";
import { runUpdate } from "../../../src/core/update/update-flow.js";
import { simFlowOptions, startSim } from "../../support/sim/harness.js";
import { FAST_FLASH, LINKS, image } from "./support/mode-scenarios.js";

/** The same device, but its slot list passes through `edit` before the flow sees it. */
function listedAs(connector: DeviceConnector, edit: (slots: SlotState[]) => SlotState[]): DeviceConnector {
  return {
    label: connector.label,
    async connect(signal) {
      const session = await connector.connect(signal);
      return Object.assign(Object.create(session) as typeof session, {
        readImageState: async (s?: AbortSignal) => edit(await session.readImageState(s)),
      });
    },
  };
}

describe("the slot list after the upload", () => {
  const cases: [string, (hash: string) => (s: SlotState) => SlotState][] = [
    ["another hash in the slot", (hash) => (s) => (s.hash === hash ? { ...s, hash: "ee".repeat(32) } : s)],
    ["the hash under another image number", (hash) => (s) => (s.hash === hash ? { ...s, image: 1 } : s)],
  ];
  test.each(cases)("%s: the update stops, nothing marked, no reset", async (_name, edit) => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH });
    const next = await image({ major: 2 });
    const connector = listedAs(smpConnector(sim.factory, sim.clientOptions), (slots) =>
      slots.map(edit(next.hash)),
    );
    const error = await sim.clock
      .run(runUpdate(connector, next.bytes, simFlowOptions(sim, "test-and-confirm")))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UpdateFlowError);
    expect(error).toMatchObject({ code: "hash-not-on-device", step: "upload", params: { image: 0 } });
    // The image did reach the device; only the list disagrees, so nothing is marked or reset.
    expect(sim.device.slotBytes(1).subarray(0, next.bytes.length)).toEqual(next.bytes);
    expect(sim.markedHashes()).toEqual([]);
    expect(sim.sent.filter((r) => r.group === 0 && r.command === 5)).toEqual([]);
  });

  test("the device listing it as sent: the same update goes on to mark it (the check is not a blanket stop)", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH });
    const next = await image({ major: 2 });
    const connector = listedAs(smpConnector(sim.factory, sim.clientOptions), (slots) => slots);
    await sim.clock.run(runUpdate(connector, next.bytes, simFlowOptions(sim, "test-and-confirm")));
    expect(sim.markedHashes()[0]).toBe(next.hash);
  });
});

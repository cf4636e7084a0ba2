// Garbage in, well-formed SMP out: whatever bytes arrive, the simulated device answers only with packets whose
// header matches their length and whose body is a CBOR map (or does not answer at all), and never throws.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { SimulatedDevice, VirtualClock } from "../../src/sim/index.js";
import { fuzzRuns } from "../support/campaign-size.js";
import { decode, req } from "../support/sim/smp-packets.js";

describe("dispatcher fuzz", () => {
  test("random and mutated packets", async () => {
    const device = await SimulatedDevice.create({ clock: new VirtualClock(0), transport: "udp" });
    const seeds = [
      req(0, 0, "write", { d: "hello" }),
      req(1, 1, "write", { off: 0, len: 100, data: new Uint8Array(40) }),
      req(8, 0, "write", { off: 0, len: 3, name: "/lfs1/a", data: new Uint8Array(3) }),
      req(10, 3, "read", { groups: [0, 1] }),
      req(9, 0, "write", { argv: ["kernel", "version"] }),
    ];
    const packet = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc
        .tuple(
          fc.constantFrom(...seeds),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        )
        .map(([base, edits]) => {
          const out = base.slice();
          for (const [at, value] of edits) out[at % out.length] = value;
          return out;
        }),
    );
    await fc.assert(
      fc.asyncProperty(packet, async (bytes) => {
        const responses = await device.handlePacket(bytes, "udp");
        for (const r of responses) {
          const answer = decode(r);
          expect(answer.header.op === 1 || answer.header.op === 3).toBe(true);
        }
      }),
      { numRuns: fuzzRuns(100_000, 300) },
    );
  });
});

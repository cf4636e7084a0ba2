// Replays real Zephyr 4.4.0 exchanges (../shared/vectors/smp/responses.json) against the simulator configured
// like the captured builds, and expects byte-identical responses.
import { describe, expect, test } from "vitest";
import {
  NATIVE_SIM_SERIAL,
  SimulatedDevice,
  VirtualClock,
  mps2SerialRecoveryOptions,
} from "../../src/sim/index.js";
import { decode, hex, req } from "../support/sim/smp-packets.js";
import {
  type Capture,
  mps2Captures,
  nativeSimCaptures,
  uploadSessionOffsets,
} from "../support/captures/zephyr-exchanges.js";

describe("native_sim smp_server captures", () => {
  test("every captured request gets the captured response, byte for byte", async () => {
    // The capture read smp_svr_stats "ticks": 3, the sample's seconds counter.
    const clock = new VirtualClock(0);
    const device = await SimulatedDevice.create({ ...NATIVE_SIM_SERIAL, clock });
    await clock.advance(3_500);
    const mismatches: string[] = [];
    for (const c of nativeSimCaptures()) {
      const responses = await device.handlePacket(c.request);
      const got = responses.map(hex).join(" | ");
      if (got !== hex(c.response)) mismatches.push(`${c.name}\n  want ${hex(c.response)}\n  got  ${got}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe("mps2-an385 MCUboot captures (image group)", () => {
  test("state read, upload with offset replies, erase: byte-identical to the capture", async () => {
    const clock = new VirtualClock(0);
    const device = await SimulatedDevice.create({ ...(await mps2SerialRecoveryOptions()), clock });
    const captures = mps2Captures();
    const byName = (name: string): Capture => {
      const c = captures.find((x) => x.name.startsWith(name));
      if (!c) throw new Error(name);
      return c;
    };
    const mismatches: string[] = [];
    const replay = async (c: Capture): Promise<void> => {
      const responses = await device.handlePacket(c.request);
      const got = responses.map(hex).join(" | ");
      if (got !== hex(c.response)) mismatches.push(`${c.name}\n  want ${hex(c.response)}\n  got  ${got}`);
    };
    for (const c of captures) {
      if (c.name.startsWith("img.upload chunk #133")) {
        // The capture kept the first chunks and the last; fill the middle (its content is not reported).
        const last = byName("img.upload chunk #133");
        let off = 2927;
        while (off < 132273) {
          const n = Math.min(900, 132273 - off);
          const [rsp] = await device.handlePacket(req(1, 1, "write", { off, data: new Uint8Array(n) }));
          expect(decode(rsp!).body).toEqual({ off: off + n });
          off += n;
        }
        await replay(last);
        continue;
      }
      await replay(c);
    }
    expect(captures.length).toBe(18);
    expect(mismatches).toEqual([]);
  });

  test("the captured session's acknowledged offsets follow from its chunk sizes", async () => {
    const clock = new VirtualClock(0);
    const device = await SimulatedDevice.create({ ...(await mps2SerialRecoveryOptions()), clock });
    const first = mps2Captures().find((c) => c.name.startsWith("img.upload first chunk (smpclient"));
    const [rsp] = await device.handlePacket(first!.request);
    const offsets = uploadSessionOffsets();
    expect(decode(rsp!).body).toEqual({ off: offsets[0] });
    for (let i = 1; i < offsets.length; i++) {
      const off = offsets[i - 1]!;
      const [answer] = await device.handlePacket(
        req(1, 1, "write", { off, data: new Uint8Array(offsets[i]! - off) }),
      );
      expect(decode(answer!).body).toEqual({ off: offsets[i] });
    }
  });
});

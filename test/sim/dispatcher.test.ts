// The SMP server core: several requests in one packet, truncated packets, response ops, oversize responses,
// and every request in ../shared/vectors/smp/requests.json answered with matching header fields.
import { describe, expect, test } from "vitest";
import { concatBytes } from "../../src/core/bytes.js";
import { SimulatedDevice, VirtualClock } from "../../src/sim/index.js";
import { hexToBytes, readVectorJson } from "../support/vectors.js";
import { G, decode, req } from "../support/sim/smp-packets.js";

async function device(options: Parameters<typeof SimulatedDevice.create>[0] = {}): Promise<SimulatedDevice> {
  return SimulatedDevice.create({ clock: new VirtualClock(0), ...options });
}

describe("packets", () => {
  test("two requests in one packet get two responses, in order", async () => {
    const d = await device();
    const packet = concatBytes(
      req(G.os, 0, "write", { d: "a" }, { sequence: 1 }),
      req(G.os, 6, "read", {}, { sequence: 2 }),
    );
    const responses = (await d.handlePacket(packet)).map(decode);
    expect(responses.map((r) => [r.header.sequence, r.body])).toEqual([
      [1, { r: "a" }],
      [2, { buf_size: 384, buf_count: 4 }],
    ]);
  });

  test("a header announcing more bytes than the packet holds is answered MGMT_ERR_ECORRUPT", async () => {
    const d = await device();
    const packet = req(G.os, 0, "write", { d: "abc" });
    const [rsp] = await d.handlePacket(packet.subarray(0, packet.length - 2));
    expect(decode(rsp!).body).toEqual({ rc: 9 });
  });

  test("fewer than 8 bytes get no answer at all", async () => {
    const d = await device();
    expect(await d.handlePacket(new Uint8Array([1, 2, 3]))).toEqual([]);
  });

  test("a request carrying a response op is MGMT_ERR_ENOTSUP, answered with op 3", async () => {
    const d = await device();
    const packet = req(G.os, 0, "write", { d: "x" });
    packet[0] = (1 << 3) | 1;
    const answer = decode((await d.handlePacket(packet))[0]!);
    expect(answer.header.op).toBe(3);
    expect(answer.body).toEqual({ rc: 8 });
  });

  test("a response that would not fit in buf_size is MGMT_ERR_EMSGSIZE", async () => {
    const tasks = Array.from({ length: 20 }, (_, i) => ({
      name: `thread-${i}`,
      prio: i,
      state: 0,
      stackSize: 256,
      stackUsed: 10,
    }));
    const d = await device({ bufSize: 256, tasks });
    expect(decode((await d.handlePacket(req(G.os, 2, "read")))[0]!).body).toEqual({ rc: 7 });
  });
});

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

describe("requests.json", () => {
  test("every request model is answered with the request's group, command and sequence", async () => {
    const root = readVectorJson("smp", "requests.json");
    if (!isRecord(root) || !Array.isArray(root.requests)) throw new Error("unexpected requests.json");
    const d = await device({ transport: "ble", fs: { files: { "/lfs1/test.txt": new Uint8Array(176) } } });
    const unsupported: string[] = [];
    for (const entry of root.requests) {
      if (!isRecord(entry) || typeof entry.hex !== "string" || typeof entry.name !== "string")
        throw new Error("bad");
      const request = hexToBytes(entry.hex);
      const responses = await d.handlePacket(request, "ble");
      expect(responses, entry.name).toHaveLength(1);
      const answer = decode(responses[0]!);
      expect(answer.header.group).toBe(entry.group_id);
      expect(answer.header.command).toBe(entry.command_id);
      expect(answer.header.sequence).toBe(entry.sequence);
      expect(answer.header.op).toBe(Number(entry.op) + 1);
      if (answer.body.rc === 8) unsupported.push(entry.name);
    }
    // (The clock never moves here, so the resets that os.reset schedules do not happen.)
    // Zephyr implements neither memory-pool statistics nor Intercreate's user group.
    expect([...new Set(unsupported)].sort()).toEqual([
      "intercreate.upload first chunk (user group 64)",
      "os.mpstat",
    ]);
  });
});

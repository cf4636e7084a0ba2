// Link timing models: serial wire bytes against the framing vectors (client and Zephyr encoders), BLE
// payload counts, capacities.
import { describe, expect, test } from "vitest";
import {
  bleLink,
  linkCapacityBytesPerSecond,
  linkMaxPacketSize,
  serialLink,
  serialWireBytes,
  udpLink,
} from "../../src/sim/index.js";
import { blePayloads } from "../../src/sim/link-model.js";
import { readVectorJson } from "../support/vectors.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function vectors(key: string): { packetLength: number; wireLength: number; name: string }[] {
  const root = readVectorJson("smp", "serial_frames.json");
  if (!isRecord(root) || !Array.isArray(root[key])) throw new Error("unexpected serial_frames.json");
  return root[key].flatMap((v: unknown) => {
    if (!isRecord(v) || typeof v.packet_length !== "number" || typeof v.wire_hex !== "string") return [];
    if (typeof v.name !== "string" || v.line_length_param === 8 || v.line_length_param === 8192) return [];
    return [{ packetLength: v.packet_length, wireLength: v.wire_hex.length / 2, name: v.name }];
  });
}

describe("serial", () => {
  test("request wire bytes match smpclient's 127-byte-line encoder", () => {
    const list = vectors("encode_vectors");
    expect(list.length).toBeGreaterThan(2);
    for (const v of list) expect(serialWireBytes(v.packetLength, "request"), v.name).toBe(v.wireLength);
  });

  test("response wire bytes match what Zephyr's encoder wrote to the UART", () => {
    const list = vectors("zephyr_encoded_vectors");
    expect(list).toHaveLength(22);
    for (const v of list) expect(serialWireBytes(v.packetLength, "response"), v.name).toBe(v.wireLength);
  });

  test("capacity: payload share of the wire at 10 bits per byte", () => {
    const model = serialLink({ baudRate: 115200 });
    const capacity = linkCapacityBytesPerSecond(model, 512);
    expect(capacity).toBeGreaterThan(8000);
    expect(capacity).toBeLessThan(11520);
    expect(linkMaxPacketSize(model)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("BLE and UDP", () => {
  test("a packet needs ceil(length / (MTU − 3)) writes", () => {
    const model = bleLink({ attMtu: 247 });
    expect(blePayloads(244, model)).toBe(1);
    expect(blePayloads(245, model)).toBe(2);
    expect(
      linkCapacityBytesPerSecond(bleLink({ attMtu: 247, connectionIntervalMs: 15, packetsPerInterval: 4 })),
    ).toBe((244 * 4 * 1000) / 15);
    expect(linkMaxPacketSize(bleLink({ reassembly: false, attMtu: 65 }))).toBe(62);
  });

  test("UDP capacity is its bandwidth", () => {
    expect(linkCapacityBytesPerSecond(udpLink({ bytesPerMs: 500 }))).toBe(500_000);
  });
});

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
import { bleUploadCeiling, blePayloads, createChannel } from "../../src/sim/link-model.js";
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

  test("data goes in the connection event after it is handed over, never the one under way", () => {
    const model = bleLink({ attMtu: 247, connectionIntervalMs: 15, packetsPerInterval: 4 });
    const up = createChannel(model, "request");
    const down = createChannel(model, "response");
    // A write at t = 0 (event 0 has started) goes in event 1.
    expect(up.transmit(100, 0).arriveAt).toBe(15);
    // The device answers as the request arrives, at exactly t = 15: event 2, not event 1.
    expect(down.transmit(50, 15).arriveAt).toBe(30);
    // The app writes again on the answer, at t = 30: event 3.
    expect(up.transmit(100, 30).arriveAt).toBe(45);
    // Mid-interval, the next event boundary.
    expect(up.transmit(100, 46).arriveAt).toBe(60);
  });

  test("an event carries at most packetsPerInterval payloads each way; more spill into later events", () => {
    const model = bleLink({
      attMtu: 247,
      connectionIntervalMs: 10,
      packetsPerInterval: 4,
      controllerBuffers: 100,
    });
    const up = createChannel(model, "request");
    // 5 payloads of 244 bytes: 4 in event 1, the fifth in event 2.
    expect(up.transmit(5 * 244, 0).arriveAt).toBe(20);
    // The next packet finds event 2 with 3 payloads left.
    expect(up.transmit(3 * 244, 0).arriveAt).toBe(20);
    expect(up.transmit(1, 0).arriveAt).toBe(30);
  });

  test("a write completes when the controller's transmit buffer holds it, not when it is sent", () => {
    const model = bleLink({
      attMtu: 247,
      connectionIntervalMs: 10,
      packetsPerInterval: 1,
      controllerBuffers: 2,
    });
    const up = createChannel(model, "request");
    // Two payloads fit the buffer at once; they leave in events 1 and 2.
    expect(up.transmit(244, 0)).toEqual({ doneAt: 0, arriveAt: 10 });
    expect(up.transmit(244, 0)).toEqual({ doneAt: 0, arriveAt: 20 });
    // The third waits for the first to leave (t = 10), and goes in event 3.
    expect(up.transmit(244, 0)).toEqual({ doneAt: 10, arriveAt: 30 });
  });

  test("the upload ceiling is the lower of the link's payloads per event and the window's round trips", () => {
    const model = bleLink({ attMtu: 247, connectionIntervalMs: 15, packetsPerInterval: 4 });
    // Zephyr smp_svr's 384-byte buffers × 4: 2 payloads per request, window 3 → 1.5 requests per event.
    expect(bleUploadCeiling(model, 384, 330, 3)).toEqual({
      bytesPerSecond: (1.5 * 330 * 1000) / 15,
      bound: "round-trip",
    });
    // 2475-byte packets over MTU 498: 5 payloads each (two events), 0.8 requests per event for a window of 3,
    // and one request per three events when stopping and waiting.
    const wide = bleLink({ attMtu: 498, connectionIntervalMs: 15, packetsPerInterval: 4 });
    expect(bleUploadCeiling(wide, 2475, 2400, 3)).toEqual({
      bytesPerSecond: (0.8 * 2400 * 1000) / 15,
      bound: "link",
    });
    expect(bleUploadCeiling(wide, 2475, 2400, 1)).toEqual({
      bytesPerSecond: ((1 / 3) * 2400 * 1000) / 15,
      bound: "round-trip",
    });
  });

  test("UDP capacity is its bandwidth", () => {
    expect(linkCapacityBytesPerSecond(udpLink({ bytesPerMs: 500 }))).toBe(500_000);
  });
});

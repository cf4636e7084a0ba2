// The in-memory link: timing per link model, oversize drops, buffer exhaustion, link loss on reset and the
// reconnect path through the TransportFactory.
import { describe, expect, test } from "vitest";
import { TransportError } from "../../src/core/transport.js";
import {
  SimulatedDevice,
  VirtualClock,
  bleLink,
  createMemoryLink,
  createMemoryTransportFactory,
  serialLink,
  serialWireBytes,
  udpLink,
} from "../../src/sim/index.js";
import { TestClient, TimeoutError } from "../support/sim/packet-client.js";
import { G, decode, req } from "../support/sim/smp-packets.js";

async function setup(options: Parameters<typeof SimulatedDevice.create>[0] = {}) {
  const clock = new VirtualClock(0);
  const device = await SimulatedDevice.create({ clock, ...options });
  return { clock, device };
}

describe("timing", () => {
  test("serial: request and response take their base64 wire time at the baud rate", async () => {
    const { clock, device } = await setup({ processingMs: 0.5 });
    const link = createMemoryLink(device, { linkModel: serialLink({ baudRate: 115200, latencyMs: 1 }) });
    const client = new TestClient(link, clock);
    const start = clock.now();
    const answer = await clock.run(client.request(G.os, 0, "write", { d: "hello" }));
    expect(answer.body).toEqual({ r: "hello" });
    const byteMs = 10_000 / 115200;
    // 17-byte request → 31 bytes on the wire; 18-byte response → 35 bytes.
    expect(serialWireBytes(17, "request")).toBe(31);
    expect(serialWireBytes(18, "response")).toBe(35);
    expect(clock.now() - start).toBeCloseTo(31 * byteMs + 1 + 0.5 + 35 * byteMs + 1, 6);
  });

  test("BLE: packets leave on connection events, MTU − 3 bytes at a time", async () => {
    const { clock, device } = await setup({ transport: "ble", processingMs: 0.5 });
    const model = bleLink({ attMtu: 23, connectionIntervalMs: 30, packetsPerInterval: 1 });
    const link = createMemoryLink(device, { linkModel: model });
    const client = new TestClient(link, clock);
    await clock.advance(1); // not on an event
    const answer = await clock.run(client.request(G.os, 0, "write", { d: "x".repeat(40) }));
    expect(answer.body).toEqual({ r: "x".repeat(40) });
    // 52-byte request = 3 writes of 20 bytes → events at 30, 60, 90; the 53-byte answer needs 3 notifications
    // starting at the first event after 90.5: 120, 150, 180.
    expect(clock.now()).toBe(180);
  });

  test("UDP: latency plus bandwidth", async () => {
    const { clock, device } = await setup({ transport: "udp", processingMs: 1 });
    const link = createMemoryLink(device, { linkModel: udpLink({ latencyMs: 5, bytesPerMs: 1000 }) });
    const client = new TestClient(link, clock);
    await clock.run(client.request(G.os, 6, "read"));
    expect(clock.now()).toBeCloseTo(0.009 + 5 + 1 + 0.033 + 5, 6);
  });
});

describe("packet size limits", () => {
  test("serial drops a request over buf_size − 4 and answers one at the limit", async () => {
    const { clock, device } = await setup({ bufSize: 384 });
    const client = new TestClient(createMemoryLink(device), clock);
    const dropped: string[] = [];
    device.onEvent((e) => {
      if (e.type === "dropped") dropped.push(`${e.reason}:${e.length}`);
    });
    // Header 8 + map 1 + "d" 2 + text header 3 → a string of n chars makes a 14 + n byte packet.
    const atLimit = await clock.run(client.request(G.os, 0, "write", { d: "a".repeat(380 - 14) }));
    expect(atLimit.body).toEqual({ r: "a".repeat(366) });
    await expect(clock.run(client.request(G.os, 0, "write", { d: "a".repeat(381 - 14) }))).rejects.toThrow(
      TimeoutError,
    );
    expect(dropped).toEqual(["oversize:381"]);
  });

  test("BLE with reassembly accepts a packet of exactly buf_size", async () => {
    const { device } = await setup({ transport: "ble", bufSize: 512 });
    expect(device.maxRequestSize("ble")).toBe(512);
    expect(await device.handlePacket(req(G.os, 0, "write", { d: "b".repeat(512 - 14) }), "ble")).toHaveLength(
      1,
    );
    expect(await device.handlePacket(req(G.os, 0, "write", { d: "b".repeat(513 - 14) }), "ble")).toHaveLength(
      0,
    );
  });

  test("BLE without reassembly: one write per packet, so a split packet is answered MGMT_ERR_ECORRUPT", async () => {
    const { clock, device } = await setup({ transport: "ble" });
    const link = createMemoryLink(device, { linkModel: bleLink({ attMtu: 23, reassembly: false }) });
    expect(link.maxPacketSize).toBe(20);
    const client = new TestClient(link, clock);
    const answer = await clock.run(client.request(G.os, 0, "write", { d: "too long for one write" }));
    expect(answer.body).toEqual({ rc: 9 });
  });
});

describe("buffers", () => {
  test("with 4 buffers, a burst of 5 requests loses the last 2 (one buffer is kept for the answer)", async () => {
    const { clock, device } = await setup({ bufCount: 4 });
    const client = new TestClient(createMemoryLink(device, { linkModel: udpLink({ latencyMs: 0 }) }), clock);
    const results = await clock.run(
      Promise.allSettled([0, 1, 2, 3, 4].map((i) => client.request(G.os, 0, "write", { d: `${i}` }))),
    );
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
    ]);
  });

  test("unlimited buffering answers them all, in order", async () => {
    const { clock, device } = await setup({ bufCount: 4, buffering: "unlimited" });
    const client = new TestClient(createMemoryLink(device, { linkModel: udpLink({ latencyMs: 0 }) }), clock);
    const answers = await clock.run(
      Promise.all([0, 1, 2, 3, 4].map((i) => client.request(G.os, 0, "write", { d: `${i}` }))),
    );
    expect(answers.map((a) => a.body.r)).toEqual(["0", "1", "2", "3", "4"]);
    expect(client.received.map((a) => a.header.sequence)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("link loss and reconnect", () => {
  test("a reset command drops the link; the factory reconnects once the device has booted", async () => {
    const { clock, device } = await setup({ resetMs: 250, mcuboot: { bootMs: 300 } });
    const factory = createMemoryTransportFactory(device);
    const first = await clock.run(factory.open());
    const client = new TestClient(first, clock);
    expect((await clock.run(client.request(G.os, 5, "write"))).body).toEqual({});
    const reason = await clock.run(first.closed);
    expect(reason.kind).toBe("lost");
    expect(reason.kind === "lost" && reason.error).toBeInstanceOf(TransportError);
    expect(device.resetCount).toBe(1);
    await expect(first.send(req(G.os, 0, "write", { d: "x" }))).rejects.toMatchObject({
      code: "link-closed",
    });
    const resetAt = clock.now();
    const second = await clock.run(factory.open());
    expect(clock.now() - resetAt).toBeCloseTo(300, 6);
    const again = new TestClient(second, clock);
    expect((await clock.run(again.request(G.os, 0, "write", { d: "back" }))).body).toEqual({ r: "back" });
    expect(factory.links).toHaveLength(2);
  });

  test("disconnect() loses the link; close() is a user close", async () => {
    const { device } = await setup();
    const a = createMemoryLink(device);
    a.disconnect();
    expect((await a.closed).kind).toBe("lost");
    const b = createMemoryLink(device);
    await b.close();
    await b.close();
    expect(await b.closed).toEqual({ kind: "user" });
  });

  test("a link that survives resets (UART behind a USB adapter) just sees silence while the device boots", async () => {
    const { clock, device } = await setup({ linkDropsOnReset: false, mcuboot: { bootMs: 500 } });
    const link = createMemoryLink(device, { linkModel: udpLink({ latencyMs: 0 }) });
    const client = new TestClient(link, clock);
    device.reset();
    await expect(clock.run(client.request(G.os, 0, "write", { d: "a" }, { timeoutMs: 100 }))).rejects.toThrow(
      TimeoutError,
    );
    await clock.advance(500);
    expect((await clock.run(client.request(G.os, 0, "write", { d: "b" }))).body).toEqual({ r: "b" });
  });

  test("responses of a packet stay in the device's order even when several requests are queued", async () => {
    const { clock, device } = await setup();
    const link = createMemoryLink(device);
    const seen: number[] = [];
    link.onPacket((p) => seen.push(decode(p).header.sequence));
    await link.send(req(G.os, 0, "write", { d: "1" }, { sequence: 7 }));
    await link.send(req(G.os, 6, "read", {}, { sequence: 8 }));
    await clock.advance(100);
    expect(seen).toEqual([7, 8]);
  });
});

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { serialPacketLimitForLines } from "../../../src/core/framing/index.js";
import { encodeSerialFrame } from "../../../src/core/framing/index.js";
import { ConsolePacing, DevicePacing } from "../../../src/core/update/pacing.js";
import { RetransmissionTimer } from "../../../src/core/update/retransmission-timer.js";

const FULL = 380;

/** Acknowledges `n` chunks of `bytes` each, `msEach` apart, starting at `t`; returns the time after. */
function ack(pacing: ConsolePacing | DevicePacing, n: number, bytes: number, msEach: number, t = 0): number {
  for (let i = 0; i < n; i++) {
    t += msEach;
    pacing.onAck(bytes, t);
  }
  return t;
}

/** Acknowledges full chunks 8 ms apart until two are allowed in flight; returns the time then. */
function growToTwo(pacing: ConsolePacing, from = 0): number {
  let t = from;
  for (let acks = 0; pacing.window < 2 && acks < 100; acks++) pacing.onAck(FULL, (t += 8));
  return t;
}

describe("console pacing (serial)", () => {
  test("starts with one request in flight and grows only after a clean run", () => {
    const pacing = new ConsolePacing(3);
    expect(pacing.window).toBe(1);
    expect(pacing.packetLimit(FULL)).toBe(FULL);
    const t = growToTwo(pacing);
    expect(t / 8).toBeGreaterThanOrEqual(4);
    expect(pacing.window).toBe(2);
  });

  test("a loss at two full requests tries two short ones that fit two console lines, and keeps them when faster", () => {
    const pacing = new ConsolePacing(3);
    // One full request at a time: 380 bytes per 8 ms.
    let t = growToTwo(pacing);
    pacing.onLoss();
    expect(pacing.window).toBe(1);
    expect(pacing.profile.windowLimit).toBe(1);
    // The trial starts at one in flight, then two short ones.
    while (pacing.window < 2) t = ack(pacing, 1, FULL, 8, t);
    const shortLimit = pacing.packetLimit(FULL);
    expect(shortLimit).toBe(serialPacketLimitForLines(2));
    expect(shortLimit).toBeLessThan(FULL);
    // Two short requests move 159 bytes every 2.5 ms: faster.
    ack(pacing, 40, 159, 2.5, t);
    expect(pacing.profile).toEqual({ windowLimit: 1, pipelinedLines: 2 });
    expect(pacing.window).toBe(2);
  });

  test("short requests that are not faster are given up: one full request at a time, never slower", () => {
    const pacing = new ConsolePacing(3);
    let t = growToTwo(pacing);
    pacing.onLoss();
    while (pacing.window < 2) t = ack(pacing, 1, FULL, 8, t);
    // 159 bytes every 5 ms is slower than 380 every 8.
    ack(pacing, 40, 159, 5, t);
    expect(pacing.profile).toEqual({ windowLimit: 1, pipelinedLines: 0 });
    expect(pacing.window).toBe(1);
    expect(pacing.packetLimit(FULL)).toBe(FULL);
  });

  test("short requests that lose lines too leave one full request at a time, for good", () => {
    const pacing = new ConsolePacing(3);
    growToTwo(pacing);
    pacing.onLoss();
    while (pacing.window < 2) pacing.onAck(FULL, 1);
    pacing.onLoss();
    expect(pacing.profile).toEqual({ windowLimit: 1, pipelinedLines: 0 });
    ack(pacing, 500, FULL, 8);
    expect(pacing.window).toBe(1);
  });

  test("a remembered profile is used from the start: no loss is paid again", () => {
    const pacing = new ConsolePacing(3, { windowLimit: 1, pipelinedLines: 2 });
    growToTwo(pacing);
    expect(pacing.window).toBe(2);
    expect(pacing.packetLimit(FULL)).toBe(serialPacketLimitForLines(2));
    const stopAndWait = new ConsolePacing(3, { windowLimit: 1, pipelinedLines: 0 });
    ack(stopAndWait, 200, FULL, 8);
    expect(stopAndWait.window).toBe(1);
  });

  test("a device with one buffer (buf_count 2) is never pipelined", () => {
    const pacing = new ConsolePacing(1);
    ack(pacing, 200, FULL, 8);
    pacing.onLoss();
    ack(pacing, 200, FULL, 8);
    expect(pacing.window).toBe(1);
  });

  test("property: window within 1..max, packets never above the full limit, short packets fit two lines", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.oneof(fc.constant("loss" as const), fc.integer({ min: 1, max: 400 })), {
          maxLength: 300,
        }),
        (max, events) => {
          const pacing = new ConsolePacing(max);
          let t = 0;
          for (const event of events) {
            if (event === "loss") pacing.onLoss();
            else pacing.onAck(event, (t += 3));
            expect(pacing.window).toBeGreaterThanOrEqual(1);
            expect(pacing.window).toBeLessThanOrEqual(max);
            const limit = pacing.packetLimit(FULL);
            expect(limit).toBeLessThanOrEqual(FULL);
            if (limit < FULL) {
              const frame = encodeSerialFrame(new Uint8Array(limit));
              expect(frame.filter((b) => b === 0x0a).length).toBeLessThanOrEqual(2);
            }
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe("device pacing (Bluetooth, UDP)", () => {
  test("keeps buf_count's rule: two in flight at once, growing to buf_count − 1", () => {
    const pacing = new DevicePacing(3);
    expect(pacing.window).toBe(2);
    ack(pacing, 50, 240, 15);
    expect(pacing.window).toBe(3);
    expect(pacing.packetLimit(495)).toBe(495);
  });
});

describe("retransmission timeout", () => {
  test("follows the measured round trip (RFC 6298), within its floor and ceiling", () => {
    const rto = new RetransmissionTimer({ floorMs: 50, ceilingMs: 5_000, initialMs: 1_000 });
    expect(rto.timeoutMs).toBe(1_000);
    rto.sample(40);
    // First sample: SRTT = 40, RTTVAR = 20 → 40 + 4 × 20.
    expect(rto.timeoutMs).toBe(120);
    for (let i = 0; i < 50; i++) rto.sample(40);
    expect(rto.smoothedRttMs).toBeCloseTo(40, 5);
    expect(rto.timeoutMs).toBe(50); // 40 + max(10, ~0): below the floor
    for (let i = 0; i < 50; i++) rto.sample(300);
    expect(rto.timeoutMs).toBeGreaterThan(300);
    expect(rto.timeoutMs).toBeLessThan(400);
  });

  test("a timeout doubles it up to the ceiling; the next answer ends the backoff", () => {
    const rto = new RetransmissionTimer({ floorMs: 100, ceilingMs: 1_000 });
    for (let i = 0; i < 20; i++) rto.sample(20);
    expect(rto.timeoutMs).toBe(100);
    rto.backoff();
    expect(rto.timeoutMs).toBe(200);
    rto.backoff();
    rto.backoff();
    rto.backoff();
    expect(rto.timeoutMs).toBe(1_000);
    rto.sample(20);
    expect(rto.timeoutMs).toBe(100);
  });

  test("property: always between floor and ceiling, whatever the samples and timeouts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(-1), fc.double({ min: 0, max: 60_000, noNaN: true })), {
          maxLength: 100,
        }),
        (events) => {
          const rto = new RetransmissionTimer({ floorMs: 100, ceilingMs: 5_000 });
          for (const e of events) {
            if (e < 0) rto.backoff();
            else rto.sample(e);
            expect(rto.timeoutMs).toBeGreaterThanOrEqual(100);
            expect(rto.timeoutMs).toBeLessThanOrEqual(5_000);
          }
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });
});

// The serial console's short-request trial at its edges (pacing.ts): its rate is judged after 24 clean acks
// at two in flight (the first ack only starts the clock), short requests are kept only when they move at least
// 5 % more bytes per ms than one full request at a time, and a remembered profile starts where the last run
// ended. pacing.test.ts walks the main paths; this pins the numbers that decide them.
import { describe, expect, test } from "vitest";
import { serialPacketLimitForLines } from "../../../src/core/framing/index.js";
import { ConsolePacing, DevicePacing } from "../../../src/core/update/pacing.js";

const FULL = 380;
/** One full request at a time: 380 bytes every 8 ms, 47.5 bytes/ms. */
const SINGLE_MS = 8;

/** Grows to two full requests, loses one (the trial starts), and acks full chunks until two short ones fly. */
function startTrial(fullBytes = FULL): { pacing: ConsolePacing; t: number } {
  const pacing = new ConsolePacing(3);
  let t = 0;
  while (pacing.window < 2) pacing.onAck(fullBytes, (t += SINGLE_MS));
  pacing.onLoss();
  while (pacing.window < 2) pacing.onAck(fullBytes, (t += SINGLE_MS));
  return { pacing, t };
}

/** `n` acks of `bytes`, `msEach` apart, from `t`. */
function acks(pacing: ConsolePacing, n: number, bytes: number, msEach: number, t: number): number {
  for (let i = 0; i < n; i++) pacing.onAck(bytes, (t += msEach));
  return t;
}

describe("the short-request trial", () => {
  test("is judged on the 25th ack at two in flight, not before", () => {
    const { pacing, t } = startTrial();
    const after = acks(pacing, 24, 159, 2.5, t);
    expect(pacing.profile).toEqual({ windowLimit: 1 });
    acks(pacing, 1, 159, 2.5, after);
    expect(pacing.profile).toEqual({ windowLimit: 1, pipelinedLines: 2 });
  });

  test("short requests 8 % faster are kept; 3 % faster (within the 5 % margin) are given up", () => {
    // 159 bytes every 3.1 ms = 51.3 bytes/ms (1.08 × 47.5); every 3.25 ms = 48.9 bytes/ms (1.03 ×).
    const faster = startTrial();
    acks(faster.pacing, 30, 159, 3.1, faster.t);
    expect(faster.pacing.profile.pipelinedLines).toBe(2);
    expect(faster.pacing.window).toBe(2);
    expect(faster.pacing.packetLimit(FULL)).toBe(serialPacketLimitForLines(2));

    const barely = startTrial();
    acks(barely.pacing, 30, 159, 3.25, barely.t);
    expect(barely.pacing.profile.pipelinedLines).toBe(0);
    expect(barely.pacing.window).toBe(1);
    expect(barely.pacing.packetLimit(FULL)).toBe(FULL);
  });

  test("exactly 5 % faster is not enough: short requests must beat the margin, not meet it", () => {
    // One full request of 400 bytes every 8 ms is 50 bytes/ms; 210 bytes every 4 ms is 52.5 = 1.05 × 50.
    const equal = startTrial(400);
    acks(equal.pacing, 30, 210, 4, equal.t);
    expect(equal.pacing.profile.pipelinedLines).toBe(0);
    // One byte more per request (52.75 bytes/ms) clears it.
    const above = startTrial(400);
    acks(above.pacing, 30, 211, 4, above.t);
    expect(above.pacing.profile.pipelinedLines).toBe(2);
  });

  test("the baseline is measured after the loss, without the time the lost request was waited for", () => {
    // 50 bytes/ms at one request in flight, then a second request is lost and noticed only after a 1 s
    // timeout. Short requests at 48 bytes/ms are slower than one full request at a time: given up. Counting
    // the second of waiting into the baseline would make them look faster.
    const pacing = new ConsolePacing(3);
    let t = 0;
    while (pacing.window < 2) pacing.onAck(400, (t += 8));
    t += 1_000;
    pacing.onLoss();
    while (pacing.window < 2) pacing.onAck(400, (t += 8));
    acks(pacing, 30, 192, 4, t);
    expect(pacing.profile.pipelinedLines).toBe(0);
    expect(pacing.window).toBe(1);
  });

  test("the baseline comes from the run just before the trial, not from the first one", () => {
    // The first run moves 50 bytes/ms, the run after the loss 25 bytes/ms: short requests at 30 bytes/ms
    // beat the baseline that holds now and are kept.
    const pacing = new ConsolePacing(3);
    let t = 0;
    while (pacing.window < 2) pacing.onAck(400, (t += 8));
    pacing.onLoss();
    while (pacing.window < 2) pacing.onAck(400, (t += 16));
    acks(pacing, 30, 120, 4, t);
    expect(pacing.profile.pipelinedLines).toBe(2);
  });

  test("a clock too coarse to time one request at a time leaves no baseline: short requests are kept", () => {
    // Every ack in the same millisecond (a browser that coarsens its timers): no rate can be measured.
    const pacing = new ConsolePacing(3);
    while (pacing.window < 2) pacing.onAck(FULL, 0);
    pacing.onLoss();
    while (pacing.window < 2) pacing.onAck(FULL, 0);
    acks(pacing, 30, 159, 2.5, 0);
    expect(pacing.profile).toEqual({ windowLimit: 1, pipelinedLines: 2 });
  });

  test("while the trial is at one request in flight, requests stay full size", () => {
    const pacing = new ConsolePacing(3);
    let t = 0;
    while (pacing.window < 2) pacing.onAck(FULL, (t += SINGLE_MS));
    pacing.onLoss();
    expect(pacing.window).toBe(1);
    expect(pacing.packetLimit(FULL)).toBe(FULL);
    // A link whose own limit is already below two console lines keeps it.
    while (pacing.window < 2) pacing.onAck(FULL, (t += SINGLE_MS));
    expect(pacing.packetLimit(100)).toBe(100);
  });

  test("a loss at three full requests in flight does not start a trial", () => {
    const pacing = new ConsolePacing(4);
    let t = 0;
    while (pacing.window < 3) pacing.onAck(FULL, (t += SINGLE_MS));
    pacing.onLoss();
    expect(pacing.profile).toEqual({ windowLimit: 2 });
    while (pacing.window < 2) pacing.onAck(FULL, (t += SINGLE_MS));
    expect(pacing.packetLimit(FULL)).toBe(FULL);
  });

  test("after the trial was given up, a later loss never starts another", () => {
    const { pacing, t } = startTrial();
    const after = acks(pacing, 30, 159, 5, t);
    expect(pacing.profile.pipelinedLines).toBe(0);
    acks(pacing, 200, FULL, SINGLE_MS, after);
    expect(pacing.window).toBe(2); // probed past the limit after 128 clean acks
    pacing.onLoss();
    expect(pacing.profile.pipelinedLines).toBe(0);
    acks(pacing, 10, FULL, SINGLE_MS, after + 20_000);
    expect(pacing.packetLimit(FULL)).toBe(FULL);
  });
});

describe("a remembered profile", () => {
  test("short requests that paid last time: two in flight after 4 clean acks, fitted to the remembered lines", () => {
    const pacing = new ConsolePacing(3, { windowLimit: 1, pipelinedLines: 3 });
    expect(pacing.window).toBe(1);
    expect(pacing.packetLimit(FULL)).toBe(FULL);
    acks(pacing, 4, FULL, SINGLE_MS, 0);
    expect(pacing.window).toBe(2);
    expect(pacing.packetLimit(1_000)).toBe(serialPacketLimitForLines(3));
    expect(pacing.profile).toEqual({ windowLimit: 1, pipelinedLines: 3 });
  });

  test("a device with two buffers (buf_count 3) takes the remembered short requests too", () => {
    const pacing = new ConsolePacing(2, { windowLimit: 1, pipelinedLines: 2 });
    acks(pacing, 4, FULL, SINGLE_MS, 0);
    expect(pacing.window).toBe(2);
    expect(pacing.packetLimit(FULL)).toBe(serialPacketLimitForLines(2));
  });

  test("pipelined lines on a device with one buffer, or with a larger full window, start no short requests", () => {
    const oneBuffer = new ConsolePacing(1, { windowLimit: 1, pipelinedLines: 2 });
    acks(oneBuffer, 50, FULL, SINGLE_MS, 0);
    expect(oneBuffer.window).toBe(1);
    expect(oneBuffer.packetLimit(FULL)).toBe(FULL);
    const wider = new ConsolePacing(3, { windowLimit: 2, pipelinedLines: 2 });
    acks(wider, 4, FULL, SINGLE_MS, 0);
    expect(wider.window).toBe(2);
    expect(wider.packetLimit(FULL)).toBe(FULL);
  });

  test("a full window remembered at two grows to it, and a loss there starts no new trial once one was judged", () => {
    const pacing = new ConsolePacing(3, { windowLimit: 2, pipelinedLines: 0 });
    acks(pacing, 4, FULL, SINGLE_MS, 0);
    expect(pacing.window).toBe(2);
    pacing.onLoss();
    expect(pacing.profile).toEqual({ windowLimit: 1, pipelinedLines: 0 });
    acks(pacing, 8, FULL, SINGLE_MS, 100);
    expect(pacing.packetLimit(FULL)).toBe(FULL);
  });
});

describe("device pacing", () => {
  test("a remembered window limit holds the window below buf_count − 1 until a long clean run", () => {
    const pacing = new DevicePacing(4, { windowLimit: 2 });
    expect(pacing.profile).toEqual({ windowLimit: 2 });
    for (let i = 0; i < 1_000; i++) pacing.onAck();
    expect(pacing.window).toBe(2);
    pacing.onLoss();
    expect(pacing.window).toBe(1);
    expect(pacing.profile).toEqual({ windowLimit: 1 });
  });
});

// The retransmission timeout against RFC 6298 worked by hand (section 2: SRTT ← R, RTTVAR ← R/2 on the first
// sample; then RTTVAR ← 3/4·RTTVAR + 1/4·|SRTT − R'|, SRTT ← 7/8·SRTT + 1/8·R'; RTO = SRTT + max(G, 4·RTTVAR)
// with G = 10 ms), clamped to the floor and ceiling, doubled per timeout. pacing.test.ts checks the bounds.
import { describe, expect, test } from "vitest";
import {
  DEFAULT_RTO_FLOOR_MS,
  DEFAULT_RTO_INITIAL_MS,
  RetransmissionTimer,
} from "../../../src/core/update/retransmission-timer.js";

describe("RFC 6298 estimate", () => {
  test("the first sample sets SRTT = R and RTTVAR = R/2", () => {
    const rto = new RetransmissionTimer({ floorMs: 0 });
    rto.sample(100);
    expect(rto.smoothedRttMs).toBe(100);
    expect(rto.timeoutMs).toBe(100 + 4 * 50);
  });

  test("later samples are smoothed with the RFC's gains (1/4 for the variation, 1/8 for the mean)", () => {
    const rto = new RetransmissionTimer({ floorMs: 0 });
    rto.sample(100); // SRTT 100, RTTVAR 50
    rto.sample(200); // RTTVAR 0.75·50 + 0.25·100 = 62.5; SRTT 87.5 + 25 = 112.5
    expect(rto.smoothedRttMs).toBe(112.5);
    expect(rto.timeoutMs).toBe(112.5 + 4 * 62.5);
    rto.sample(40); // RTTVAR 0.75·62.5 + 0.25·72.5 = 65; SRTT 98.4375 + 5 = 103.4375
    expect(rto.smoothedRttMs).toBe(103.4375);
    expect(rto.timeoutMs).toBe(103.4375 + 4 * 65);
  });

  test("a steady round trip leaves the clock granularity (10 ms) as the margin", () => {
    const rto = new RetransmissionTimer({ floorMs: 0 });
    for (let i = 0; i < 200; i++) rto.sample(40);
    expect(rto.smoothedRttMs).toBe(40);
    expect(rto.timeoutMs).toBe(50);
  });

  test("a zero round trip is a sample; negative and non-finite ones are ignored", () => {
    const rto = new RetransmissionTimer({ floorMs: 0 });
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) rto.sample(bad);
    expect(rto.smoothedRttMs).toBeUndefined();
    expect(rto.timeoutMs).toBe(DEFAULT_RTO_INITIAL_MS);
    rto.sample(0);
    expect(rto.smoothedRttMs).toBe(0);
    expect(rto.timeoutMs).toBe(10);
  });
});

describe("floor, ceiling and defaults", () => {
  test("defaults: 1 s before the first answer, a 100 ms floor, a 5 s ceiling", () => {
    const rto = new RetransmissionTimer();
    expect(DEFAULT_RTO_FLOOR_MS).toBe(100);
    expect(DEFAULT_RTO_INITIAL_MS).toBe(1_000);
    expect(rto.timeoutMs).toBe(1_000);
    rto.sample(5);
    expect(rto.timeoutMs).toBe(100);
    rto.sample(4_000); // RTTVAR 1000.625, SRTT 504.375
    expect(rto.timeoutMs).toBe(504.375 + 4 * 1000.625);
    rto.sample(9_000); // RTTVAR 2874.375, SRTT 1566.328125: 13063.8 → the ceiling
    expect(rto.timeoutMs).toBe(5_000);
  });

  test("a chosen initial timeout is used until the first answer, and is clamped like any other", () => {
    expect(new RetransmissionTimer({ initialMs: 250 }).timeoutMs).toBe(250);
    expect(new RetransmissionTimer({ initialMs: 20 }).timeoutMs).toBe(100);
    expect(new RetransmissionTimer({ initialMs: 9_000 }).timeoutMs).toBe(5_000);
  });

  test("a ceiling below the floor is raised to the floor", () => {
    const rto = new RetransmissionTimer({ floorMs: 300, ceilingMs: 50 });
    expect(rto.timeoutMs).toBe(300);
    rto.backoff();
    expect(rto.timeoutMs).toBe(300);
  });
});

describe("backoff", () => {
  test("each timeout doubles the wait from the default initial one, up to the ceiling", () => {
    const rto = new RetransmissionTimer();
    const waits = [rto.timeoutMs];
    for (let i = 0; i < 4; i++) {
      rto.backoff();
      waits.push(rto.timeoutMs);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  test("the doubling applies to the measured estimate, and one answer ends it", () => {
    const rto = new RetransmissionTimer({ floorMs: 0, ceilingMs: 10_000 });
    rto.sample(100); // 300
    rto.backoff();
    expect(rto.timeoutMs).toBe(600);
    rto.backoff();
    expect(rto.timeoutMs).toBe(1_200);
    rto.sample(100); // RTTVAR 37.5, SRTT 100 → 250, no backoff
    expect(rto.timeoutMs).toBe(250);
  });
});

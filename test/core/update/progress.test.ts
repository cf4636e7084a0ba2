// Upload progress as the user sees it: acknowledged bytes, a rate over the last few seconds (a stall shows
// at once instead of being averaged away), and the time left at that rate.
import { describe, expect, test } from "vitest";
import { ProgressTracker } from "../../../src/core/update/progress.js";

function tracker(total: number, windowMs?: number): { track: ProgressTracker; at: (ms: number) => void } {
  let now = 1_000_000;
  const start = now;
  const track = new ProgressTracker(total, () => now, windowMs);
  return { track, at: (ms) => void (now = start + ms) };
}

describe("ProgressTracker", () => {
  test("one sample: bytes and elapsed time, no rate and no time left yet", () => {
    const { track, at } = tracker(10_000);
    at(250);
    expect(track.record(0)).toEqual({
      bytes: 0,
      total: 10_000,
      bytesPerSecond: 0,
      etaSeconds: undefined,
      elapsedMs: 250,
      resumedFrom: 0,
    });
  });

  test("a steady upload: the rate over the samples and the time left at that rate", () => {
    const { track, at } = tracker(10_000);
    track.record(0);
    at(500);
    track.record(1_000);
    at(1_000);
    const p = track.record(2_000);
    expect(p.bytesPerSecond).toBe(2_000);
    expect(p.etaSeconds).toBe(4);
    expect(p.elapsedMs).toBe(1_000);
  });

  test("the rate spans the last 3 s, so a stall shows within the window instead of being averaged away", () => {
    const { track, at } = tracker(100_000);
    for (let s = 0; s <= 10; s++) {
      at(s * 1_000);
      track.record(s * 1_000); // 1,000 bytes/s for 10 s
    }
    // Stalled at 10,000 bytes from t = 10 s.
    at(12_000);
    expect(track.record(10_000).bytesPerSecond).toBe(1_000 / 3); // one second of progress over 3 s
    at(13_000);
    const stalled = track.record(10_000);
    expect(stalled.bytesPerSecond).toBe(0);
    expect(stalled.etaSeconds).toBeUndefined();
  });

  test("the window is the one given: at 1 s the same stall shows after a second", () => {
    const { track, at } = tracker(100_000, 1_000);
    for (let s = 0; s <= 5; s++) {
      at(s * 1_000);
      track.record(s * 1_000);
    }
    at(5_500);
    expect(track.record(5_000).bytesPerSecond).toBe(1_000 / 1.5); // the last second still in view
    at(6_000);
    expect(track.record(5_000).bytesPerSecond).toBe(0); // at the default 3 s it would still be 1,000/3
  });

  test("a sample exactly one window old still anchors the rate", () => {
    const { track, at } = tracker(100_000);
    track.record(0);
    at(1_000);
    track.record(1_000);
    at(3_000);
    track.record(3_000);
    at(4_000);
    // The samples at 1 s and 3 s lie within 3 s of 4 s; the one at 0 s is older and is dropped.
    expect(track.record(4_000).bytesPerSecond).toBe(1_000);
  });

  test("done: no time left, whatever the rate", () => {
    const { track, at } = tracker(2_000);
    track.record(0);
    at(1_000);
    const done = track.record(2_000);
    expect(done.etaSeconds).toBe(0);
    expect(done.bytesPerSecond).toBe(2_000);
  });

  test("an offset the device moved back (a restarted image) is no negative rate", () => {
    const { track, at } = tracker(10_000);
    track.record(5_000);
    at(1_000);
    const p = track.record(0);
    expect(p.bytesPerSecond).toBe(0);
    expect(p.etaSeconds).toBeUndefined();
  });

  test("a resumed upload reports where it started", () => {
    const { track } = tracker(10_000);
    track.resumeAt(4_096);
    expect(track.record(4_096).resumedFrom).toBe(4_096);
  });
});

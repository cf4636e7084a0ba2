import { expect, test } from "vitest";
import { ProgressTracker } from "../../src/core/update/progress.js";
import { averageRate } from "../../src/app/update/progress-view.js";

test("after a resume, rate, time left and the final average count only this run's bytes", () => {
  let now = 0;
  const tracker = new ProgressTracker(100_000, () => now);
  // The device already had 80,000 bytes from the cancelled run.
  tracker.resumeAt(80_000);
  tracker.record(80_000);
  now = 1000;
  const mid = tracker.record(90_000);
  expect(mid.bytesPerSecond).toBe(10_000);
  expect(mid.etaSeconds).toBe(1);
  now = 2000;
  const done = tracker.record(100_000);
  expect(done.resumedFrom).toBe(80_000);
  // 20,000 bytes in 2 s, not 100,000.
  expect(averageRate(done)).toBe(10_000);
});

test("a fresh upload averages over the whole image", () => {
  let now = 0;
  const tracker = new ProgressTracker(50_000, () => now);
  tracker.record(0);
  now = 5000;
  expect(averageRate(tracker.record(50_000))).toBe(10_000);
});

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { InFlightWindow } from "../../../src/core/update/window.js";

function succeed(window: InFlightWindow, times: number): void {
  for (let i = 0; i < times; i++) window.onSuccess();
}

describe("in-flight window", () => {
  test("without trouble it grows to what the device can buffer, and no further", () => {
    const window = new InFlightWindow(3);
    expect(window.size).toBe(2);
    succeed(window, 100);
    expect(window.size).toBe(3);
  });

  test("trouble halves it, and it does not grow back to the size that failed until a long clean run", () => {
    const window = new InFlightWindow(4);
    succeed(window, 20);
    expect(window.size).toBe(4);
    window.onTrouble();
    expect(window.size).toBe(2);
    expect(window.limit).toBe(3);
    succeed(window, 100);
    expect(window.size).toBe(3);
    succeed(window, 200);
    expect(window.size).toBe(4);
  });

  test("each failed probe doubles the wait before the next one", () => {
    const window = new InFlightWindow(2);
    succeed(window, 10);
    const cleanRunBeforeProbe = (): number => {
      let n = 0;
      while (window.size < 2) {
        window.onSuccess();
        n += 1;
      }
      return n;
    };
    window.onTrouble();
    const first = cleanRunBeforeProbe();
    window.onTrouble();
    const second = cleanRunBeforeProbe();
    expect(second).toBeGreaterThanOrEqual(2 * first - 8);
    expect(first).toBeGreaterThan(32);
  });

  test("a device with one buffer is always stop-and-wait", () => {
    const window = new InFlightWindow(1);
    succeed(window, 50);
    window.onTrouble();
    succeed(window, 5000);
    expect(window.size).toBe(1);
  });

  test("whatever happens, the size stays between 1 and the device's limit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.boolean(), { maxLength: 3000 }),
        (max, events) => {
          const window = new InFlightWindow(max);
          const ceiling = Math.max(1, max);
          for (const ok of events) {
            if (ok) window.onSuccess();
            else window.onTrouble();
            expect(window.size).toBeGreaterThanOrEqual(1);
            expect(window.size).toBeLessThanOrEqual(window.limit);
            expect(window.limit).toBeLessThanOrEqual(ceiling);
          }
        },
      ),
    );
  });
});

// The in-flight window's schedule, ack by ack, as window.ts's header states it: grow by one after 4 clean acks,
// halve on trouble and stay below the size that failed, probe it again after 64 clean acks at the ceiling,
// doubled with each failed probe (so 128 after the first trouble) up to 4096, and only after 1024 for a limit
// remembered from an earlier run. window.test.ts checks the bounds; this checks the numbers a device sees.
import { describe, expect, test } from "vitest";
import { InFlightWindow } from "../../../src/core/update/window.js";

/** Clean acknowledgements until the window reaches `size` (fails past `cap`, so a stuck window shows). */
function acksUntil(window: InFlightWindow, size: number, cap = 20_000): number {
  let n = 0;
  while (window.size < size) {
    if (n >= cap) throw new Error(`window stuck at ${window.size} (limit ${window.limit}) after ${n} acks`);
    window.onSuccess();
    n += 1;
  }
  return n;
}

describe("growth", () => {
  test("one more request in flight after every 4 clean acks, from 2 up to the device's limit", () => {
    const window = new InFlightWindow(5);
    const sizes: number[] = [];
    for (let i = 0; i < 16; i++) {
      window.onSuccess();
      sizes.push(window.size);
    }
    expect(sizes).toEqual([2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5]);
    expect(window.limit).toBe(5);
  });

  test("a chosen start and growth step are kept; a zero step still grows after each ack", () => {
    const slow = new InFlightWindow(4, { initial: 1, growAfter: 3 });
    expect(slow.size).toBe(1);
    expect(acksUntil(slow, 2)).toBe(3);
    expect(acksUntil(slow, 4)).toBe(6);
    const eager = new InFlightWindow(4, { initial: 1, growAfter: 0 });
    expect(acksUntil(eager, 4)).toBe(3);
  });

  test("the start never exceeds the limit, and a window is at least one request", () => {
    expect(new InFlightWindow(3, { initial: 9 }).size).toBe(3);
    expect(new InFlightWindow(3, { initial: 0 }).size).toBe(1);
    expect(new InFlightWindow(0).size).toBe(1);
    expect(new InFlightWindow(0).max).toBe(1);
    // buf_count is a count: a fractional limit is taken down to whole requests.
    const fractional = new InFlightWindow(3.7);
    expect(fractional.max).toBe(3);
    acksUntil(fractional, 3);
    for (let i = 0; i < 500; i++) fractional.onSuccess();
    expect(fractional.size).toBe(3);
  });

  test("an earned window (serial console) starts at one and grows after 4 clean acks", () => {
    const window = InFlightWindow.earned(3);
    expect(window.size).toBe(1);
    expect(window.limit).toBe(3);
    expect(acksUntil(window, 2)).toBe(4);
    expect(acksUntil(window, 3)).toBe(4);
  });
});

describe("trouble", () => {
  test("halves the window (rounding down) and sets the limit just below the size that failed", () => {
    const window = new InFlightWindow(8);
    acksUntil(window, 7);
    window.onTrouble();
    expect(window.size).toBe(3);
    expect(window.limit).toBe(6);
    window.onTrouble();
    expect(window.size).toBe(1);
    expect(window.limit).toBe(2);
  });

  test("trouble at one request in flight keeps the limit and the probe interval", () => {
    const window = new InFlightWindow(2);
    window.onTrouble(); // at 2: limit 1, next probe after 128
    window.onTrouble(); // at 1: nothing more to learn
    expect(window.size).toBe(1);
    expect(window.limit).toBe(1);
    expect(acksUntil(window, 2)).toBe(128 + 4);
  });

  test("trouble clears the clean run: growth starts counting again", () => {
    const window = new InFlightWindow(6);
    acksUntil(window, 5); // 12 acks
    window.onSuccess();
    window.onSuccess();
    window.onSuccess(); // 3 of the 4 needed for 6
    window.onTrouble(); // 5 → 2, limit 4
    expect(window.size).toBe(2);
    window.onSuccess();
    expect(window.size).toBe(2);
    expect(acksUntil(window, 3)).toBe(3);
  });
});

describe("probing the size that failed", () => {
  test("after 128, 256, … clean acks at the limit (plus 4 to grow into it), capped at 4096", () => {
    const window = new InFlightWindow(2);
    const runs: number[] = [];
    for (let i = 0; i < 8; i++) {
      window.onTrouble();
      expect(window.size).toBe(1);
      runs.push(acksUntil(window, 2));
    }
    expect(runs).toEqual([132, 260, 516, 1028, 2052, 4100, 4100, 4100]);
  });

  test("the limit rises by one at the probe, then the window grows into it", () => {
    const window = new InFlightWindow(3);
    acksUntil(window, 3);
    window.onTrouble(); // at 3: size 1, limit 2, probe after 128
    expect(acksUntil(window, 2)).toBe(4);
    for (let i = 0; i < 127; i++) window.onSuccess();
    expect(window.limit).toBe(2);
    window.onSuccess();
    expect(window.limit).toBe(3);
    expect(window.size).toBe(2);
    expect(acksUntil(window, 3)).toBe(4);
    // At the device's own limit there is nothing to probe.
    for (let i = 0; i < 5000; i++) window.onSuccess();
    expect(window.limit).toBe(3);
  });

  test("acks that grow the window do not count towards the probe", () => {
    const window = new InFlightWindow(4);
    acksUntil(window, 4);
    window.onTrouble(); // at 4: size 2, limit 3, probe after 128
    // 4 acks grow to 3 (the limit); only then does the count to the probe start.
    expect(acksUntil(window, 3)).toBe(4);
    expect(acksUntil(window, 4)).toBe(128 + 4);
  });
});

describe("a limit remembered from an earlier run", () => {
  test("grows to it without trouble, and probes past it only after 1024 clean acks", () => {
    const window = new InFlightWindow(4, { rememberedLimit: 2 });
    expect(window.size).toBe(2);
    expect(window.limit).toBe(2);
    expect(acksUntil(window, 3)).toBe(1024 + 4);
    expect(acksUntil(window, 4)).toBe(1024 + 4);
  });

  test("a remembered limit of one request starts stop-and-wait", () => {
    const window = new InFlightWindow(4, { rememberedLimit: 1 });
    expect(window.size).toBe(1);
    expect(window.limit).toBe(1);
    expect(acksUntil(window, 2)).toBe(1024 + 4);
  });

  test("a remembered limit at or above the device's is the device's, with the ordinary probe interval", () => {
    const window = new InFlightWindow(3, { rememberedLimit: 7 });
    expect(window.limit).toBe(3);
    expect(acksUntil(window, 3)).toBe(4);
    window.onTrouble(); // at 3: limit 2, probe after 64 × 2
    acksUntil(window, 2);
    expect(acksUntil(window, 3)).toBe(128 + 4);
  });

  test("a remembered limit that is not a whole positive number is ignored", () => {
    for (const rememberedLimit of [0, -2, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const window = new InFlightWindow(3, { rememberedLimit });
      expect(window.limit).toBe(3);
      expect(acksUntil(window, 3)).toBe(4);
    }
  });

  test("an earned window takes a remembered limit too", () => {
    const window = InFlightWindow.earned(4, 2);
    expect(window.size).toBe(1);
    expect(window.limit).toBe(2);
    expect(acksUntil(window, 2)).toBe(4);
    expect(acksUntil(window, 3)).toBe(1024 + 4);
  });
});

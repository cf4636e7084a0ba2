// Virtual and real clocks.
import { describe, expect, test } from "vitest";
import { CancelledError } from "../../src/core/errors.js";
import { RealClock, VirtualClock } from "../../src/sim/index.js";

describe("VirtualClock", () => {
  test("fires timers in time order, ties in scheduling order, only when time is advanced", async () => {
    const clock = new VirtualClock(100);
    const order: string[] = [];
    clock.schedule(20, () => order.push("b"));
    clock.schedule(10, () => order.push("a"));
    clock.schedule(20, () => order.push("c"));
    const cancel = clock.schedule(15, () => order.push("cancelled"));
    cancel();
    expect(order).toEqual([]);
    await clock.advance(19);
    expect(order).toEqual(["a"]);
    expect(clock.now()).toBe(119);
    await clock.advance(1);
    expect(order).toEqual(["a", "b", "c"]);
    expect(clock.pendingTimers()).toBe(0);
  });

  test("timers scheduled by timers, and promise chains between them, run within one advance", async () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    const chain = async (): Promise<void> => {
      await clock.sleep(5);
      seen.push(clock.now());
      await Promise.resolve();
      await clock.sleep(5);
      seen.push(clock.now());
    };
    void chain();
    await clock.advance(10);
    expect(seen).toEqual([5, 10]);
  });

  test("run() advances until the work is done and returns its value", async () => {
    const clock = new VirtualClock();
    const value = await clock.run(async () => {
      await clock.sleep(3_600_000);
      return 42;
    });
    expect(value).toBe(42);
    expect(clock.now()).toBe(3_600_000);
  });

  test("run() reports a deadlock, and a time limit", async () => {
    const clock = new VirtualClock();
    await expect(clock.run(new Promise(() => undefined))).rejects.toMatchObject({ code: "sim-deadlock" });
    await expect(clock.run(clock.sleep(10_000), { limitMs: 1_000 })).rejects.toMatchObject({
      code: "sim-timeout",
    });
  });

  test("tracked real async work finishes before time moves on", async () => {
    const clock = new VirtualClock();
    let hashedAt = -1;
    clock.schedule(0, () => {
      void clock.track(crypto.subtle.digest("SHA-256", new Uint8Array(1 << 20))).then(() => {
        hashedAt = clock.now();
      });
    });
    clock.schedule(1, () => undefined);
    await clock.advance(0);
    expect(hashedAt).toBe(0);
  });

  test("sleep rejects with CancelledError when aborted", async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(100, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toBeInstanceOf(CancelledError);
    await expect(clock.sleep(1, controller.signal)).rejects.toBeInstanceOf(CancelledError);
  });
});

describe("RealClock", () => {
  test("sleeps for real and can be cancelled", async () => {
    const clock = new RealClock();
    const start = clock.now();
    await clock.sleep(5);
    expect(clock.now() - start).toBeGreaterThanOrEqual(4);
    let fired = false;
    const cancel = clock.schedule(1, () => {
      fired = true;
    });
    cancel();
    await clock.sleep(10);
    expect(fired).toBe(false);
    await expect(clock.track(Promise.resolve(7))).resolves.toBe(7);
  });
});

// Time for the simulator: one interface, a real clock for the browser demo and a virtual clock that lets tests
// run minutes of device time (flash erase, BLE connection intervals, resets) in milliseconds, deterministically.

import { sleepOn } from "../core/scheduled-sleep.js";
import { SimulatorError } from "./errors.js";

export interface Clock {
  /** Milliseconds since an arbitrary origin. */
  now(): number;
  /** Runs `fn` after `ms` milliseconds; returns a function that cancels it. */
  schedule(ms: number, fn: () => void): () => void;
  /** Resolves after `ms` milliseconds; rejects with CancelledError when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Declares real asynchronous work (e.g. crypto.subtle) that virtual time must wait for before moving on.
   * Returns the same promise. A real clock ignores it.
   */
  track<T>(work: Promise<T>): Promise<T>;
}

/** Wall-clock time through the standard timers. */
export class RealClock implements Clock {
  now(): number {
    return performance.now();
  }

  schedule(ms: number, fn: () => void): () => void {
    const id = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(id);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  track<T>(work: Promise<T>): Promise<T> {
    return work;
  }
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** One turn of the host event loop, so every queued microtask (and promise continuation) has run. */
function hostTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel === "function") {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(0);
    } else {
      setTimeout(resolve, 0);
    }
  });
}

export interface RunOptions {
  /** Give up (SimulatorError "sim-timeout") when virtual time passes this many ms from the start. */
  readonly limitMs?: number;
}

/**
 * Virtual time. Nothing happens until a test calls `advance`, `runAll` or `run`; those fire timers in time order
 * (ties in the order they were scheduled) and let promise continuations and tracked work finish between timers,
 * so a scenario runs the same way every time.
 */
export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: Timer[] = [];
  private readonly tracked = new Set<Promise<unknown>>();

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  schedule(ms: number, fn: () => void): () => void {
    const timer: Timer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    // Keep the list sorted by (at, seq); new timers usually go at the end.
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1]!.at > timer.at) i--;
    this.timers.splice(i, 0, timer);
    return () => {
      timer.cancelled = true;
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.tracked.add(work);
    const done = (): void => {
      this.tracked.delete(work);
    };
    work.then(done, done);
    return work;
  }

  /** Number of timers still waiting. */
  pendingTimers(): number {
    this.dropCancelled();
    return this.timers.length;
  }

  /** Lets promise continuations and tracked work finish without moving time. */
  async settle(): Promise<void> {
    await hostTurn();
    while (this.tracked.size > 0) {
      await Promise.allSettled([...this.tracked]);
      await hostTurn();
    }
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.current + Math.max(0, ms);
    await this.settle();
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.fire(next);
      await this.settle();
    }
    this.current = target;
    await this.settle();
  }

  /** Fires timers until none are left (a device that keeps itself busy forever needs `limitMs`). */
  async runAll(options: RunOptions = {}): Promise<void> {
    const limit = this.current + (options.limitMs ?? 3_600_000);
    await this.settle();
    for (;;) {
      const next = this.nextDue(limit);
      if (!next) break;
      this.fire(next);
      await this.settle();
    }
  }

  /**
   * Runs virtual time until `work` settles and returns its result. Fails with "sim-deadlock" when the work is
   * still pending but no timer is left to move it on, and with "sim-timeout" past `limitMs`.
   */
  async run<T>(work: Promise<T> | (() => Promise<T>), options: RunOptions = {}): Promise<T> {
    const promise = typeof work === "function" ? work() : work;
    const box: { outcome?: { ok: true; value: T } | { ok: false; error: unknown } } = {};
    promise.then(
      (value) => {
        box.outcome = { ok: true, value };
      },
      (error: unknown) => {
        box.outcome = { ok: false, error };
      },
    );
    const limit = this.current + (options.limitMs ?? 3_600_000);
    await this.settle();
    while (box.outcome === undefined) {
      const next = this.nextDue(Number.POSITIVE_INFINITY);
      if (!next) {
        throw new SimulatorError("sim-deadlock", {}, { hint: "sim-deadlock" });
      }
      if (next.at > limit) {
        throw new SimulatorError("sim-timeout", { value: options.limitMs ?? 0 });
      }
      this.fire(next);
      await this.settle();
    }
    const outcome = box.outcome;
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  private dropCancelled(): void {
    this.timers = this.timers.filter((t) => !t.cancelled);
  }

  private nextDue(limit: number): Timer | undefined {
    while (this.timers.length > 0) {
      const first = this.timers[0]!;
      if (first.cancelled) {
        this.timers.shift();
        continue;
      }
      return first.at <= limit ? first : undefined;
    }
    return undefined;
  }

  private fire(timer: Timer): void {
    this.timers.shift();
    this.current = Math.max(this.current, timer.at);
    timer.fn();
  }
}

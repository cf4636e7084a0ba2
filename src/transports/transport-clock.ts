// Time for the transports: connect timeouts, reopen backoff and the bounded waits on close all go through one
// clock, so tests run them on virtual time (the simulator's VirtualClock has this shape) the way core's SMP
// client and upload engine already do. The browser and the CLI use the standard timers.

import { CancelledError } from "../core/errors.js";

export interface TransportClock {
  /** Milliseconds since an arbitrary origin. */
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  schedule(ms: number, fn: () => void): () => void;
}

export const systemClock: TransportClock = {
  now: () => performance.now(),
  schedule: (ms, fn) => {
    const id = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(id);
  },
};

/** Resolves after `ms` on `clock`, or rejects with CancelledError as soon as `signal` aborts. */
export function sleepOn(clock: TransportClock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError("wait", signal.reason));
      return;
    }
    const onAbort = (): void => {
      cancel();
      reject(new CancelledError("wait", signal?.reason));
    };
    const cancel = clock.schedule(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

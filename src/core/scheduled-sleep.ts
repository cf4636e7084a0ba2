// One cancellable wait over any scheduler (the standard timers, or a simulator's virtual clock), so the
// transports and the simulator share it instead of each keeping a copy.

import { CancelledError } from "./errors.js";

/** Anything that can run a function after `ms` and cancel it: a clock's `schedule`. */
export interface Scheduler {
  schedule(ms: number, fn: () => void): () => void;
}

/** Resolves after `ms` on `scheduler`, or rejects with CancelledError as soon as `signal` aborts. */
export function sleepOn(scheduler: Scheduler, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError("wait", signal.reason));
      return;
    }
    const onAbort = (): void => {
      cancel();
      reject(new CancelledError("wait", signal?.reason));
    };
    const cancel = scheduler.schedule(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

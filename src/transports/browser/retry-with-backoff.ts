// Retrying an open/connect while a device comes back (USB re-enumeration, MCUboot swapping images before the
// application advertises again). Shared by the Web Serial and Web Bluetooth factories.

import { type CancellableOperation, CancelledError } from "../../core/errors.js";
import { sleepOn, systemClock, type TransportClock } from "../transport-clock.js";

export interface BackoffPolicy {
  /** Give up once this much time has passed since the first attempt (0: one attempt only). */
  readonly windowMs: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export interface RetryHooks {
  readonly signal?: AbortSignal | undefined;
  /** Errors for which another attempt cannot help (e.g. the user cancelled a chooser). */
  readonly isFinal?: (error: unknown) => boolean;
  /** The standard timers by default; tests pass a virtual clock. */
  readonly clock?: TransportClock | undefined;
}

/** Runs `attempt` until it succeeds, fails finally, the window closes (last error thrown) or `signal` aborts. */
export async function retryWithBackoff<T>(
  what: CancellableOperation,
  attempt: (attemptNumber: number) => Promise<T>,
  policy: BackoffPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const clock = hooks.clock ?? systemClock;
  const started = clock.now();
  let delay = policy.initialDelayMs;
  for (let n = 0; ; n++) {
    if (hooks.signal?.aborted) throw new CancelledError(what, hooks.signal.reason);
    try {
      return await attempt(n);
    } catch (error) {
      if (hooks.signal?.aborted) throw new CancelledError(what, hooks.signal.reason);
      if (hooks.isFinal?.(error) === true) throw error;
      const left = policy.windowMs - (clock.now() - started);
      if (left <= 0) throw error;
      await sleepOn(clock, Math.min(delay, left), hooks.signal);
      delay = Math.min(policy.maxDelayMs, delay * 2);
    }
  }
}

// Time for the transports: connect timeouts, reopen backoff and the bounded waits on close all go through one
// clock, so tests run them on virtual time (the simulator's VirtualClock has this shape) the way core's SMP
// client and upload engine already do. The browser and the CLI use the standard timers.

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

export { sleepOn } from "../core/scheduled-sleep.js";

// Statistics (Zephyr "SMP group 2"): the names of the statistics groups, one group's counters, and a small
// poller that reads groups again and again until its AbortSignal fires — the "auto-refresh" of the app.

import { CancelledError } from "../errors.js";
import { SmpTimeoutError, statsList, statsRead, type SmpClient } from "../smp/index.js";
import { type ToolRequestOptions, requestOptions } from "./device-support.js";

export async function listStatGroups(client: SmpClient, options: ToolRequestOptions = {}): Promise<string[]> {
  const response = await client.request(statsList, {}, requestOptions(options));
  return [...response.stat_list];
}

export interface StatCounter {
  readonly name: string;
  readonly value: number;
}

export interface StatGroup {
  readonly name: string;
  /** In the device's order. */
  readonly counters: readonly StatCounter[];
}

export async function readStatGroup(
  client: SmpClient,
  name: string,
  options: ToolRequestOptions = {},
): Promise<StatGroup> {
  const response = await client.request(statsRead, { name }, requestOptions(options));
  return {
    name: response.name,
    counters: Object.entries(response.fields).map(([counter, value]) => ({ name: counter, value })),
  };
}

export interface StatsSample {
  /** Milliseconds from `now()` when the read finished. */
  readonly at: number;
  readonly groups: readonly StatGroup[];
}

export interface StatsPollOptions {
  /** Between the end of one read and the start of the next (default 1000 ms). */
  readonly intervalMs?: number;
  /** Stops the poller; the promise then resolves. */
  readonly signal: AbortSignal;
  readonly onSample: (sample: StatsSample) => void;
  /** A read that timed out; polling goes on. Any other failure ends the poller with that error. */
  readonly onTimeout?: (error: SmpTimeoutError) => void;
  readonly timeoutMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Reads `names` every interval until the signal fires. Resolves on abort; rejects on a device or link error. */
export async function pollStats(
  client: SmpClient,
  names: readonly string[],
  options: StatsPollOptions,
): Promise<void> {
  const { signal } = options;
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? abortableSleep;
  const intervalMs = Math.max(50, options.intervalMs ?? 1000);
  const request = { signal, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) };
  while (!signal.aborted) {
    try {
      const groups: StatGroup[] = [];
      // One at a time: small devices have few SMP buffers and other tools share them.
      for (const name of names) groups.push(await readStatGroup(client, name, request));
      if (signal.aborted) return;
      options.onSample({ at: now(), groups });
    } catch (error) {
      if (signal.aborted || error instanceof CancelledError) return;
      if (!(error instanceof SmpTimeoutError)) throw error;
      options.onTimeout?.(error);
    }
    await sleep(intervalMs, signal);
  }
}

/** Waits `ms`, or less when the signal fires; never rejects. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

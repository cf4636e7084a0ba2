// Downloading a file from the device (Zephyr fs_mgmt "file download"): the answer to offset 0 carries the
// file's length and the device's chunk size (the data it chose to send); later requests are kept in flight in a
// window sized from buf_count, like uploads, and each answer is written where its `off` says. A lost or short
// answer leaves a gap at the "frontier" (everything before it has arrived), which is requested again.

import { SmpTimeoutError, fsDownload, type SmpClient } from "../smp/index.js";
import { CancelledError } from "../errors.js";
import { ProgressTracker } from "../update/progress.js";
import { InFlightWindow } from "../update/window.js";
import { type DeviceBuffers, readDeviceBuffers } from "./device-support.js";
import { DeviceToolError } from "./errors.js";
import { checkDevicePath, closeQuietly } from "./fs-info.js";
import type { TransferProgress } from "./fs-upload.js";

export interface FileDownloadOptions {
  readonly buffers?: DeviceBuffers;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: TransferProgress) => void;
  /** Per request (default 5 s). */
  readonly timeoutMs?: number;
  /** Consecutive timeouts tolerated before giving up (default 8). */
  readonly maxRetries?: number;
  readonly now?: () => number;
}

export interface FileDownloadResult {
  readonly path: string;
  readonly data: Uint8Array;
  readonly requests: number;
  /** Data bytes per answer, as the device chose. */
  readonly chunkDataSize: number;
  readonly elapsedMs: number;
}

interface Answer {
  readonly off: number;
  readonly data?: Uint8Array;
  /** The file's length: in the answer to offset 0 only. */
  readonly len?: number;
  readonly error?: unknown;
}

export async function downloadFile(
  client: SmpClient,
  path: string,
  options: FileDownloadOptions = {},
): Promise<FileDownloadResult> {
  const name = checkDevicePath(path);
  const signal = options.signal;
  const now = options.now ?? (() => performance.now());
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxRetries = options.maxRetries ?? 8;
  const started = now();
  const buffers = options.buffers ?? (await readDeviceBuffers(client, signal ? { signal } : {}));
  let requests = 0;
  let failures = 0;

  const ask = async (off: number): Promise<Answer> => {
    requests += 1;
    try {
      const response = await client.request(
        fsDownload,
        { name, off },
        { timeoutMs, ...(signal ? { signal } : {}) },
      );
      if (response.off !== off) {
        throw new DeviceToolError(
          "fs-download-bad-offset",
          { off, name, off2: response.off },
          { hint: "fs-download-bad-offset" },
        );
      }
      return { off, data: response.data, ...(response.len !== undefined ? { len: response.len } : {}) };
    } catch (error) {
      return { off, error };
    }
  };
  const retryOrThrow = (error: unknown, at: number, total: number | undefined): void => {
    if (signal?.aborted) throw new CancelledError("download", signal.reason, { name });
    if (!(error instanceof SmpTimeoutError)) throw error;
    failures += 1;
    if (failures > maxRetries) {
      throw new DeviceToolError(
        "fs-download-stalled",
        { name, value: total === undefined ? "" : ` at byte ${at} of ${total}` },
        { hint: "fs-download-stalled", cause: error },
      );
    }
  };

  // The first answer alone: it tells the length and the chunk size.
  let opening: Answer | undefined;
  while (opening === undefined) {
    const answer = await ask(0);
    if (answer.error !== undefined || answer.data === undefined) retryOrThrow(answer.error, 0, undefined);
    else opening = answer;
  }
  const first = opening.data ?? new Uint8Array(0);
  const total = opening.len;
  if (total === undefined) {
    throw new DeviceToolError("fs-download-no-length", { name }, { hint: "fs-download-no-length" });
  }
  failures = 0;
  const out = new Uint8Array(total);
  out.set(first.subarray(0, total));
  const chunk = first.length;
  let frontier = Math.min(first.length, total);
  const tracker = new ProgressTracker(total, now);
  options.onProgress?.(tracker.record(frontier));
  if (frontier < total && chunk === 0) throw shrank(name, 0, total);

  const window = new InFlightWindow(Math.max(1, buffers.bufCount - 1));
  const inFlight = new Map<number, Promise<Answer>>();
  /** Answers ahead of the frontier: start → end. */
  const ahead = new Map<number, number>();
  let next = frontier;

  while (frontier < total) {
    if (signal?.aborted) throw new CancelledError("download", signal.reason, { name });
    if (!inFlight.has(frontier) && !ahead.has(frontier) && next > frontier && !coveredInFlight(frontier)) {
      next = frontier;
    }
    while (inFlight.size < window.size && next < total) {
      const off = next;
      next += chunk;
      if (inFlight.has(off) || ahead.has(off) || off < frontier) continue;
      inFlight.set(
        off,
        ask(off).then((a) => {
          inFlight.delete(off);
          return a;
        }),
      );
    }
    if (inFlight.size === 0) {
      next = frontier;
      continue;
    }
    const answer = await Promise.race(inFlight.values());
    if (answer.error !== undefined || answer.data === undefined) {
      retryOrThrow(answer.error, frontier, total);
      window.onTrouble();
      next = frontier;
      continue;
    }
    const end = Math.min(total, answer.off + answer.data.length);
    if (answer.data.length === 0 && answer.off < total) throw shrank(name, answer.off, total);
    out.set(answer.data.subarray(0, end - answer.off), answer.off);
    failures = 0;
    window.onSuccess();
    ahead.set(answer.off, end);
    const before = frontier;
    absorb();
    if (frontier > before) options.onProgress?.(tracker.record(frontier));
  }
  await Promise.allSettled(inFlight.values());
  await closeQuietly(client, signal, Math.min(timeoutMs, 2_000));
  return { path: name, data: out, requests, chunkDataSize: chunk, elapsedMs: now() - started };

  function absorb(): void {
    for (let moved = true; moved;) {
      moved = false;
      for (const [start, end] of ahead) {
        if (start > frontier) continue;
        ahead.delete(start);
        if (end > frontier) frontier = end;
        moved = true;
      }
    }
  }

  function coveredInFlight(offset: number): boolean {
    for (const off of inFlight.keys()) if (off <= offset && offset < off + chunk) return true;
    return false;
  }
}

function shrank(name: string, at: number, total: number): DeviceToolError {
  return new DeviceToolError("fs-download-short", { at, name, total }, { hint: "fs-download-short" });
}

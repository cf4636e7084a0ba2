// The install flow's downloads: the manifest, its key files and its firmware, with fetch() and nothing else
// (no cookies, no referrer). Reads stop past the size the manifest allows. With `offline`, manifests and key
// files are also kept in the Cache Storage, so a page opened once installs without a network later; firmware
// has its own store (firmware-cache.ts).

import { McuFlashError } from "../core/errors.js";
import type { Fetcher, FetchOptions } from "../core/manifest/index.js";

const OFFLINE_CACHE = "mcuflash-install-v1";

/** Why a download failed: the catalog words each ("error.download-failed.<variant>"). */
export type DownloadFailure = "too-large" | "unreachable" | "offline" | "http-status";

/**
 * A download failed. Parameters: the `url`, and per variant the server's `status` and `statusText`, the
 * `declared` size and the `maxBytes` allowed, or the `host` and, where the platform gives one, the system's
 * error code (`errno`, e.g. "ECONNREFUSED" under Node; browsers keep the reason to themselves).
 */
export class DownloadError extends McuFlashError {
  override readonly code = "download-failed";
  constructor(
    variant: DownloadFailure,
    params: Readonly<Record<string, string | number>>,
    options: { cause?: unknown } = {},
  ) {
    super("download-failed", params, { variant, cause: options.cause });
  }
}

/** The system's code of a network failure ("ECONNREFUSED"), when the platform tells it. */
function errnoOf(error: unknown): string | undefined {
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  const code: unknown = cause instanceof Error ? Reflect.get(cause, "code") : undefined;
  return typeof code === "string" && /^E[A-Z0-9_]+$/.test(code) ? code : undefined;
}

/** Reads the body, stopping one byte past `maxBytes` (the caller reports a file that is too large). */
async function readLimited(url: string, response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes + 1) {
    throw new DownloadError("too-large", { url, declared, maxBytes });
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer()).slice(0, maxBytes + 1);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const out = new Uint8Array(Math.min(total, maxBytes + 1));
  let at = 0;
  for (const part of parts) {
    const take = Math.min(part.length, out.length - at);
    out.set(part.subarray(0, take), at);
    at += take;
  }
  return out;
}

async function download(url: string, options: FetchOptions): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: "omit",
      cache: "no-cache",
      referrerPolicy: "no-referrer",
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    // navigator.onLine is false only when the device surely has no network (undefined outside browsers).
    if (typeof navigator !== "undefined" && navigator.onLine === false)
      throw new DownloadError("offline", { url }, { cause: error });
    const errno = errnoOf(error);
    throw new DownloadError(
      "unreachable",
      { url, host: new URL(url).host, ...(errno ? { errno } : {}) },
      { cause: error },
    );
  }
  if (!response.ok)
    throw new DownloadError("http-status", { url, status: response.status, statusText: response.statusText });
  return readLimited(url, response, options.maxBytes);
}

async function remember(url: string, bytes: Uint8Array): Promise<void> {
  if (typeof caches === "undefined") return;
  const cache = await caches.open(OFFLINE_CACHE);
  await cache.put(url, new Response(new Uint8Array(bytes)));
}

async function recall(url: string): Promise<Uint8Array | undefined> {
  if (typeof caches === "undefined") return undefined;
  const cache = await caches.open(OFFLINE_CACHE);
  const response = await cache.match(url);
  return response ? new Uint8Array(await response.arrayBuffer()) : undefined;
}

/** A Fetcher over the browser's fetch(); `offline` keeps manifests and keys for use without a network. */
export function browserFetcher(options: { readonly offline: boolean }): Fetcher {
  return async (url, fetchOptions) => {
    const keep = options.offline && fetchOptions.purpose !== "firmware";
    try {
      const bytes = await download(url, fetchOptions);
      if (keep) await remember(url, bytes).catch(() => undefined);
      return bytes;
    } catch (error) {
      if (fetchOptions.signal?.aborted || !keep) throw error;
      const kept = await recall(url).catch(() => undefined);
      if (kept) return kept;
      throw error;
    }
  };
}

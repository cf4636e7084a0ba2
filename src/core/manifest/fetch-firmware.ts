// Downloads a release's image files through an injected fetcher (browser fetch, Node, a test double) and
// proves each is the file the manifest names — exact size, then SHA-256 — before anything else looks at it.
// The MCUboot signature check against the manifest's keys comes later, in the update flow's verify step.
// A cache (IndexedDB in the app) keeps verified files for installs without a network.

import { toHex } from "../bytes.js";
import { McuFlashError } from "../errors.js";
import { digest } from "../mcuboot/digest.js";
import { FirmwareFetchError, ManifestErrorCode } from "./manifest-errors.js";
import type { ManifestImage, Release } from "./manifest-types.js";

export interface FetchOptions {
  /** What is fetched: a fetcher may keep manifests and keys for offline use (firmware has its own cache). */
  readonly purpose: "manifest" | "key" | "firmware";
  readonly signal?: AbortSignal;
  /** The fetcher should stop reading (and throw) past this many bytes. */
  readonly maxBytes: number;
}

/** Downloads a URL; throws on network errors and non-success answers. */
export type Fetcher = (url: string, options: FetchOptions) => Promise<Uint8Array>;

export interface CachedFirmwareMeta {
  readonly sha256: string;
  readonly size: number;
  readonly url: string;
  readonly imageNumber: number;
  readonly version: string;
  readonly product: string;
}

/** Where verified firmware files are kept, keyed by their SHA-256 (lowercase hex). */
export interface FirmwareCache {
  get(sha256: string): Promise<Uint8Array | undefined>;
  put(meta: CachedFirmwareMeta, bytes: Uint8Array): Promise<void>;
}

export interface FetchedImage {
  readonly image: ManifestImage;
  readonly bytes: Uint8Array;
  readonly source: "cache" | "network";
}

export interface FetchFirmwareOptions {
  readonly signal?: AbortSignal;
  /** Recorded with cached files (the app lists them as "Acme Sensor 1.2.0"). */
  readonly product?: string;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await digest("sha256", bytes));
}

function fileName(url: string): string {
  return (
    url
      .replace(/[?#].*$/, "")
      .split("/")
      .pop() || url
  );
}

/** Start and end of a hash: enough to compare by eye, short enough for a sentence. */
function short(hex: string): string {
  return `${hex.slice(0, 8)}…${hex.slice(-8)}`;
}

/** Checks size then hash; throws FirmwareFetchError naming the manifest field. */
export async function checkImageBytes(image: ManifestImage, bytes: Uint8Array): Promise<void> {
  const name = fileName(image.url);
  if (bytes.length !== image.size) {
    throw new FirmwareFetchError(
      ManifestErrorCode.firmwareSize,
      image.path,
      { name, size: bytes.length, expected: image.size, path: image.path },
      { variant: bytes.length > image.size ? "larger" : "smaller", hint: "firmware-size-mismatch" },
    );
  }
  const actual = await sha256Hex(bytes);
  if (actual !== image.sha256) {
    throw new FirmwareFetchError(
      ManifestErrorCode.firmwareHash,
      image.path,
      { name, path: image.path, sha256: short(image.sha256), actual: short(actual) },
      { hint: "firmware-hash-mismatch" },
    );
  }
}

async function fromCache(
  cache: FirmwareCache | undefined,
  image: ManifestImage,
): Promise<Uint8Array | undefined> {
  const cached = await cache?.get(image.sha256).catch(() => undefined);
  if (!cached) return undefined;
  // A damaged cache entry must never be installed: check it like a download, and fetch again if it fails.
  return checkImageBytes(image, cached).then(
    () => cached,
    () => undefined,
  );
}

async function download(
  image: ManifestImage,
  fetcher: Fetcher,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  try {
    return await fetcher(image.url, {
      purpose: "firmware",
      maxBytes: image.size,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted || (error instanceof McuFlashError && error.code === "cancelled")) throw error;
    if (error instanceof FirmwareFetchError) throw error;
    throw new FirmwareFetchError(
      ManifestErrorCode.firmwareUnavailable,
      image.path,
      { url: image.url, path: image.path },
      { hint: "firmware-unavailable", cause: error },
    );
  }
}

/** The release's images, each checked against the manifest's size and SHA-256, from the cache when possible. */
export async function fetchFirmware(
  release: Release,
  fetcher: Fetcher,
  cache?: FirmwareCache,
  options: FetchFirmwareOptions = {},
): Promise<FetchedImage[]> {
  const out: FetchedImage[] = [];
  for (const image of release.images) {
    const cached = await fromCache(cache, image);
    if (cached) {
      out.push({ image, bytes: cached, source: "cache" });
      continue;
    }
    const bytes = await download(image, fetcher, options.signal);
    await checkImageBytes(image, bytes);
    const meta: CachedFirmwareMeta = {
      sha256: image.sha256,
      size: image.size,
      url: image.url,
      imageNumber: image.image,
      version: image.version,
      product: options.product ?? "",
    };
    // Keeping a copy is a convenience: a full or missing store must not stop the install.
    await cache?.put(meta, bytes).catch(() => undefined);
    out.push({ image, bytes, source: "network" });
  }
  return out;
}

/** A FirmwareCache in memory (the embed, tests). */
export function memoryFirmwareCache(): FirmwareCache & { readonly size: number } {
  const files = new Map<string, Uint8Array>();
  return {
    get: (sha256) => Promise.resolve(files.get(sha256)),
    put: (meta, bytes) => {
      files.set(meta.sha256, bytes);
      return Promise.resolve();
    },
    get size() {
      return files.size;
    },
  };
}

// Firmware kept in the page's Cache Storage, keyed by its SHA-256: the <mcuflash-install> element's cache on a
// vendor's page, where the app's IndexedDB store (firmware-cache.ts) is not at home. Whatever comes back is
// checked against the manifest's size and hash before use (core fetch-firmware.ts), so a damaged entry is
// downloaded again, never installed. Without Cache Storage (an insecure page), it keeps files in memory.

import { memoryFirmwareCache, type FirmwareCache } from "../core/manifest/index.js";

const CACHE_NAME = "mcuflash-install-firmware-v1";
/** A vendor page seldom needs more than the current release of each image; older ones go first. */
const MAX_FILES = 6;

/** Cache Storage keys are URLs; this one is only ever a key, never fetched (.invalid cannot resolve). */
function keyFor(sha256: string): string {
  return `https://mcuflash.invalid/firmware/${sha256}`;
}

export function cacheStorageFirmwareCache(): FirmwareCache {
  if (typeof caches === "undefined") return memoryFirmwareCache();
  const fallback = memoryFirmwareCache();
  return {
    async get(sha256) {
      try {
        const response = await (await caches.open(CACHE_NAME)).match(keyFor(sha256));
        if (response) return new Uint8Array(await response.arrayBuffer());
      } catch {
        // Storage refused (quota, private mode): the memory copy, if any, still serves this visit.
      }
      return fallback.get(sha256);
    },
    async put(meta, bytes) {
      await fallback.put(meta, bytes);
      try {
        const cache = await caches.open(CACHE_NAME);
        await cache.put(keyFor(meta.sha256), new Response(new Uint8Array(bytes)));
        const keys = await cache.keys();
        for (const old of keys.slice(0, Math.max(0, keys.length - MAX_FILES))) await cache.delete(old);
      } catch {
        // Not kept for offline use; this visit works from memory.
      }
    },
  };
}

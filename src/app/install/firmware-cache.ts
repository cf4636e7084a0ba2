// Keeps the manifest's verified firmware in the app's IndexedDB firmware store (src/app/storage), keyed by its
// SHA-256, so the same install page works offline later — and the file also shows up among the app's saved
// firmware.

import type { CachedFirmwareMeta, FirmwareCache } from "../../core/manifest/index.js";
import { loadFirmwareBytes, saveFirmware } from "../storage/firmware-store.js";

function fileName(meta: CachedFirmwareMeta): string {
  const last = meta.url
    .replace(/[?#].*$/, "")
    .split("/")
    .pop();
  return last && last.length > 0 ? decodeURIComponent(last) : `${meta.product} ${meta.version}.bin`;
}

export const appFirmwareCache: FirmwareCache = {
  get: (sha256) => loadFirmwareBytes(sha256),
  put: async (meta, bytes) => {
    const now = new Date().toISOString();
    await saveFirmware(
      {
        id: meta.sha256,
        name: fileName(meta),
        size: meta.size,
        source: "url",
        url: meta.url,
        addedAt: now,
        lastUsedAt: now,
        images: [{ imageNumber: meta.imageNumber, sha256: meta.sha256, version: meta.version }],
      },
      bytes,
    );
  },
};

// Firmware files kept on this device so an install works offline (a technician downloads at the office and
// flashes in the field). Metadata and bytes are separate stores: listing never loads megabytes.

import { database, recordReaders, STORES } from "./database.js";
import { transact } from "./idb.js";
import { firmwareToEvict, newestFirst, type StoredFirmware } from "./records.js";

/** How many files to keep; the least recently used go first. */
export const KEEP_FIRMWARE_FILES = 8;

export async function listFirmware(): Promise<StoredFirmware[]> {
  const db = await database();
  const values = await transact(db, STORES.firmware, "readonly", (tx) =>
    tx.objectStore(STORES.firmware).getAll(),
  );
  const { parseStoredFirmware } = await recordReaders();
  const files = values.map(parseStoredFirmware).filter((f): f is StoredFirmware => f !== undefined);
  return newestFirst(files, (f) => f.lastUsedAt);
}

export async function loadFirmwareBytes(id: string): Promise<Uint8Array | undefined> {
  const db = await database();
  const value: unknown = await transact(db, STORES.firmwareBytes, "readonly", (tx) =>
    tx.objectStore(STORES.firmwareBytes).get(id),
  );
  return (await recordReaders()).parseFirmwareBytes(value);
}

/** Saves (or touches) a file and evicts the oldest beyond KEEP_FIRMWARE_FILES, in one transaction. */
export async function saveFirmware(meta: StoredFirmware, content: Uint8Array): Promise<void> {
  const existing = await listFirmware();
  const others = existing.filter((f) => f.id !== meta.id);
  const evict = firmwareToEvict([meta, ...others], KEEP_FIRMWARE_FILES);
  const db = await database();
  await transact(db, [STORES.firmware, STORES.firmwareBytes], "readwrite", (tx) => {
    const files = tx.objectStore(STORES.firmware);
    const blobs = tx.objectStore(STORES.firmwareBytes);
    files.put(meta);
    blobs.put({ id: meta.id, bytes: content });
    for (const id of evict) {
      files.delete(id);
      blobs.delete(id);
    }
    return () => undefined;
  });
}

export async function removeFirmware(id: string): Promise<void> {
  const db = await database();
  await transact(db, [STORES.firmware, STORES.firmwareBytes], "readwrite", (tx) => {
    tx.objectStore(STORES.firmware).delete(id);
    tx.objectStore(STORES.firmwareBytes).delete(id);
    return () => undefined;
  });
}

// Trusted keys in IndexedDB: stored as the user gave them (PEM text, C array, raw bytes) plus what was
// learned when importing them, so the list renders without loading the verifier.

import { database, recordReaders, STORES } from "./database.js";
import { transact } from "./idb.js";
import { newestFirst, type StoredKey } from "./records.js";

export async function listKeys(): Promise<StoredKey[]> {
  const db = await database();
  const values = await transact(db, STORES.keys, "readonly", (tx) => tx.objectStore(STORES.keys).getAll());
  const { parseStoredKey } = await recordReaders();
  const keys = values.map(parseStoredKey).filter((k): k is StoredKey => k !== undefined);
  return newestFirst(keys, (k) => k.addedAt).reverse();
}

export async function saveKey(key: StoredKey): Promise<void> {
  const db = await database();
  await transact(db, STORES.keys, "readwrite", (tx) => tx.objectStore(STORES.keys).put(key));
}

export async function removeKey(id: string): Promise<void> {
  const db = await database();
  await transact(db, STORES.keys, "readwrite", (tx) => tx.objectStore(STORES.keys).delete(id));
}

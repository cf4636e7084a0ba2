// The audit log: one entry per update attempt with every record the flow emitted. Append-only from the
// app's point of view (the user may clear it after exporting).

import { database, recordReaders, STORES } from "./database.js";
import { transact } from "./idb.js";
import { newestFirst, type HistoryEntry } from "./records.js";

export async function listHistory(): Promise<HistoryEntry[]> {
  const db = await database();
  const values = await transact(db, STORES.history, "readonly", (tx) =>
    tx.objectStore(STORES.history).getAll(),
  );
  const { parseHistoryEntry } = await recordReaders();
  const entries = values.map(parseHistoryEntry).filter((e): e is HistoryEntry => e !== undefined);
  return newestFirst(entries, (e) => e.startedAt);
}

export async function addHistory(entry: HistoryEntry): Promise<void> {
  const db = await database();
  await transact(db, STORES.history, "readwrite", (tx) => tx.objectStore(STORES.history).put(entry));
}

export async function clearHistory(): Promise<void> {
  const db = await database();
  await transact(db, STORES.history, "readwrite", (tx) => tx.objectStore(STORES.history).clear());
}

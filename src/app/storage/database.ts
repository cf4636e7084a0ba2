// The app's one IndexedDB database: its stores, their keys, and the schema upgrade. Opened once, lazily,
// so a browser without storage still runs the app (it just cannot remember anything).

import { openDatabase } from "./idb.js";
import type * as RecordSchemas from "./record-schemas.js";

type RecordReaders = typeof RecordSchemas;

export const STORES = {
  keys: "keys",
  firmware: "firmware",
  firmwareBytes: "firmware-bytes",
  history: "history",
  sessions: "upload-sessions",
} as const;

const NAME = "mcuflash";
const VERSION = 1;

let opening: Promise<IDBDatabase> | undefined;

export function database(): Promise<IDBDatabase> {
  opening ??= openDatabase(NAME, VERSION, (db, oldVersion) => {
    if (oldVersion < 1) {
      db.createObjectStore(STORES.keys, { keyPath: "id" });
      db.createObjectStore(STORES.firmware, { keyPath: "id" });
      db.createObjectStore(STORES.firmwareBytes, { keyPath: "id" });
      db.createObjectStore(STORES.history, { keyPath: "id" });
      db.createObjectStore(STORES.sessions, { keyPath: "sha256" });
    }
  }).catch((error: unknown) => {
    opening = undefined; // Let a later call try again (e.g. after the user closed a blocking tab).
    throw error;
  });
  return opening;
}

/** A random id for records that have no natural key. */
export function newId(): string {
  return crypto.randomUUID();
}

/** The record readers (valibot and the schemas), loaded with the first read rather than with the first screen. */
export function recordReaders(): Promise<RecordReaders> {
  return import("./record-schemas.js");
}

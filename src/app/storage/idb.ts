import { type ErrorParams, McuFlashError } from "../../core/errors.js";
// The smallest IndexedDB wrapper the app needs: open with an upgrade callback, and run one transaction with
// a promise that settles when the transaction commits (not when a request succeeds: a write is only safe
// once the transaction is complete).

export type Upgrade = (db: IDBDatabase, oldVersion: number) => void;

/** The browser's storage (IndexedDB) failed, is missing, or gave back a damaged record; the variant says how. */
export class StorageError extends McuFlashError {
  constructor(variant: string, options: { cause?: unknown; params?: ErrorParams } = {}) {
    super("storage-unavailable", options.params ?? {}, { variant, cause: options.cause });
  }
}

export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new StorageError("indexeddb-request-failed"));
  });
}

export function openDatabase(name: string, version: number, upgrade: Upgrade): Promise<IDBDatabase> {
  if (typeof indexedDB === "undefined") {
    return Promise.reject(new StorageError("browser-offers-no-local"));
  }
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
    request.onsuccess = () => {
      const db = request.result;
      // Another tab with a newer version asks us to step aside: close, so its upgrade is not blocked.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () =>
      reject(
        new StorageError("local-storage-could-not", {
          cause: request.error,
        }),
      );
    request.onblocked = () => reject(new StorageError("local-storage-busy-another"));
  });
}

/**
 * Runs `body` in one transaction over `stores` and resolves with its value once the transaction commits.
 * `body` must only queue requests (no awaiting other work), or IndexedDB closes the transaction early.
 */
export function transact<T>(
  db: IDBDatabase,
  stores: string | readonly string[],
  mode: IDBTransactionMode,
  body: (tx: IDBTransaction) => IDBRequest<T> | (() => T),
): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(typeof stores === "string" ? [stores] : [...stores], mode);
    const outcome = body(tx);
    tx.oncomplete = () => resolve(typeof outcome === "function" ? outcome() : outcome.result);
    tx.onerror = () => reject(tx.error ?? new StorageError("local-storage-transaction-failed"));
    tx.onabort = () => reject(tx.error ?? new StorageError("local-storage-transaction-aborted"));
  });
}

// The smallest IndexedDB wrapper the app needs: open with an upgrade callback, and run one transaction with
// a promise that settles when the transaction commits (not when a request succeeds: a write is only safe
// once the transaction is complete).

export type Upgrade = (db: IDBDatabase, oldVersion: number) => void;

export class StorageError extends Error {
  readonly code = "storage-unavailable";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StorageError";
  }
}

export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new StorageError("An IndexedDB request failed."));
  });
}

export function openDatabase(name: string, version: number, upgrade: Upgrade): Promise<IDBDatabase> {
  if (typeof indexedDB === "undefined") {
    return Promise.reject(
      new StorageError("This browser offers no local storage (IndexedDB), so nothing can be saved."),
    );
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
        new StorageError("Local storage could not be opened (private browsing, or the disk is full?).", {
          cause: request.error,
        }),
      );
    request.onblocked = () =>
      reject(new StorageError("Local storage is busy in another tab: close other McuFlash tabs and reload."));
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
    tx.onerror = () => reject(tx.error ?? new StorageError("A local storage transaction failed."));
    tx.onabort = () => reject(tx.error ?? new StorageError("A local storage transaction was aborted."));
  });
}

// Resumable upload sessions in IndexedDB (the core's UploadSessionStore): written as the device acknowledges
// offsets, read at start-up so the app can offer to resume an upload a reload or a dropped link interrupted.

import {
  type LinkProfile,
  type UploadSession,
  type UploadSessionStore,
  parseLinkProfiles,
} from "../../core/update/session-store.js";
import { database, recordReaders, STORES } from "./database.js";
import { transact } from "./idb.js";
import { newestFirst } from "./records.js";

/**
 * The engine saves after every acknowledged chunk (many per second). Writes are coalesced: only the newest
 * offset per session is written, at most every FLUSH_MS. A slightly stale offset is harmless, because the
 * device reports the true one when the upload resumes.
 */
const FLUSH_MS = 500;

/** Link profiles are a few bytes per device: kept in localStorage, beside the IndexedDB sessions. */
const PROFILE_KEY = "mcuflash.link-profiles";

export class IndexedDbSessionStore implements UploadSessionStore {
  private readonly unsaved = new Map<string, UploadSession>();
  private flushing: Promise<void> | undefined;

  async loadLinkProfile(device: string): Promise<LinkProfile | undefined> {
    return readProfiles()[device];
  }

  async saveLinkProfile(device: string, profile: LinkProfile): Promise<void> {
    try {
      localStorage.setItem(PROFILE_KEY, JSON.stringify({ ...readProfiles(), [device]: profile }));
    } catch {
      // Storage full or disabled: the next upload learns the pacing again.
    }
  }

  async load(sha256: string): Promise<UploadSession | undefined> {
    const waiting = this.unsaved.get(sha256);
    if (waiting) return waiting;
    const db = await database();
    const value: unknown = await transact(db, STORES.sessions, "readonly", (tx) =>
      tx.objectStore(STORES.sessions).get(sha256),
    );
    return (await recordReaders()).parseUploadSession(value);
  }

  save(session: UploadSession): Promise<void> {
    this.unsaved.set(session.sha256, session);
    return this.schedule();
  }

  async clear(sha256: string): Promise<void> {
    this.unsaved.delete(sha256);
    await this.flushing;
    const db = await database();
    await transact(db, STORES.sessions, "readwrite", (tx) => tx.objectStore(STORES.sessions).delete(sha256));
  }

  async list(): Promise<UploadSession[]> {
    const db = await database();
    const values = await transact(db, STORES.sessions, "readonly", (tx) =>
      tx.objectStore(STORES.sessions).getAll(),
    );
    const { parseUploadSession } = await recordReaders();
    const stored = values.map(parseUploadSession).filter((s): s is UploadSession => s !== undefined);
    const merged = new Map(stored.map((s) => [s.sha256, s]));
    for (const session of this.unsaved.values()) merged.set(session.sha256, session);
    return newestFirst([...merged.values()], (s) => s.updatedAt);
  }

  private schedule(): Promise<void> {
    this.flushing ??= new Promise<void>((resolve) => setTimeout(resolve, FLUSH_MS)).then(() => this.flush());
    return this.flushing;
  }

  private async flush(): Promise<void> {
    const batch = [...this.unsaved.values()];
    this.unsaved.clear();
    try {
      if (batch.length === 0) return;
      const db = await database();
      await transact(db, STORES.sessions, "readwrite", (tx) => {
        const store = tx.objectStore(STORES.sessions);
        for (const session of batch) store.put(session);
        return () => undefined;
      });
    } catch {
      // Losing a resume point is not worth failing an upload over; the device still knows its offset.
    } finally {
      this.flushing = undefined;
      // Saves that arrived while this batch was being written get their own turn.
      if (this.unsaved.size > 0) void this.schedule();
    }
  }
}

function readProfiles(): Record<string, LinkProfile> {
  try {
    return parseLinkProfiles(JSON.parse(localStorage.getItem(PROFILE_KEY) ?? "{}"));
  } catch {
    return {};
  }
}

export const uploadSessions = new IndexedDbSessionStore();

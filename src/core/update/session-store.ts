// Where a resumable upload session is remembered between runs (IndexedDB in the app, a JSON file in the CLI,
// memory in tests). The device itself keeps the offset; we keep enough to ask it for that offset again.

export interface UploadSession {
  /** SHA-256 (hex) of the whole upload: the key the device uses to recognise a resumed upload. */
  readonly sha256: string;
  /** MCUboot image hash (hex) that was verified, so a resumed run re-checks the same image. */
  readonly imageHash: string;
  readonly imageNumber: number;
  readonly size: number;
  /** Which device this was for (transport label and/or hardware id), to avoid resuming on another one. */
  readonly device: string;
  /** Last offset the device acknowledged. */
  readonly offset: number;
  readonly updatedAt: string;
}

export interface UploadSessionStore {
  load(sha256: string): Promise<UploadSession | undefined>;
  save(session: UploadSession): Promise<void>;
  clear(sha256: string): Promise<void>;
  /** Every unfinished session, newest first, so the app can offer to resume. */
  list(): Promise<UploadSession[]>;
}

export class MemorySessionStore implements UploadSessionStore {
  private readonly sessions = new Map<string, UploadSession>();

  async load(sha256: string): Promise<UploadSession | undefined> {
    return this.sessions.get(sha256);
  }

  async save(session: UploadSession): Promise<void> {
    this.sessions.set(session.sha256, session);
  }

  async clear(sha256: string): Promise<void> {
    this.sessions.delete(sha256);
  }

  async list(): Promise<UploadSession[]> {
    return [...this.sessions.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }
}

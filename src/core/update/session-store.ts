import type { PacingProfile } from "./pacing.js";

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

/**
 * What an upload learnt about one device's link (pacing.ts): how many requests it took in flight without
 * losing one, and how large (a serial console with few line buffers takes fewer than its buf_count says), so
 * the next run does not pay for the same loss again.
 */
export interface LinkProfile extends PacingProfile {
  readonly updatedAt: string;
}

export interface UploadSessionStore {
  load(sha256: string): Promise<UploadSession | undefined>;
  save(session: UploadSession): Promise<void>;
  clear(sha256: string): Promise<void>;
  /** Every unfinished session, newest first, so the app can offer to resume. */
  list(): Promise<UploadSession[]>;
  /** The link profile of a device (keyed like UploadSession.device); optional for stores that keep none. */
  loadLinkProfile?(device: string): Promise<LinkProfile | undefined>;
  saveLinkProfile?(device: string, profile: LinkProfile): Promise<void>;
}

/** Reads a stored map of device → link profile back, keeping only the well-formed entries. */
export function parseLinkProfiles(value: unknown): Record<string, LinkProfile> {
  const out: Record<string, LinkProfile> = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return out;
  for (const [device, entry] of Object.entries(value)) {
    const profile = parseLinkProfile(entry);
    if (profile) out[device] = profile;
  }
  return out;
}

/** Reads a stored link profile back; undefined for anything else (stores are outside input). */
export function parseLinkProfile(value: unknown): LinkProfile | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const windowLimit: unknown = Reflect.get(value, "windowLimit");
  const pipelinedLines: unknown = Reflect.get(value, "pipelinedLines");
  const updatedAt: unknown = Reflect.get(value, "updatedAt");
  if (typeof windowLimit !== "number" || !Number.isSafeInteger(windowLimit) || windowLimit < 1)
    return undefined;
  if (typeof updatedAt !== "string") return undefined;
  if (pipelinedLines === undefined) return { windowLimit, updatedAt };
  if (typeof pipelinedLines !== "number" || !Number.isSafeInteger(pipelinedLines) || pipelinedLines < 0)
    return undefined;
  return { windowLimit, pipelinedLines, updatedAt };
}

export class MemorySessionStore implements UploadSessionStore {
  private readonly sessions = new Map<string, UploadSession>();
  private readonly profiles = new Map<string, LinkProfile>();

  async loadLinkProfile(device: string): Promise<LinkProfile | undefined> {
    return this.profiles.get(device);
  }

  async saveLinkProfile(device: string, profile: LinkProfile): Promise<void> {
    this.profiles.set(device, profile);
  }

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

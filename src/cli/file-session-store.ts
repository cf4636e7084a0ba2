// The CLI's resumable-session store: a small JSON file under the user's state directory, so a restarted
// `mcuflash upload` can say where the previous attempt stopped (the device itself resumes from its offset).

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import {
  type LinkProfile,
  type UploadSession,
  type UploadSessionStore,
  parseLinkProfiles,
} from "../core/update/session-store.js";

export function defaultSessionFile(): string {
  const base = process.env.XDG_STATE_HOME ?? join(homedir(), ".local", "state");
  return join(base, "mcuflash", "upload-sessions.json");
}

export class FileSessionStore implements UploadSessionStore {
  private writes: Promise<void> = Promise.resolve();
  /** How each device took pipelined requests (pacing), beside the sessions file. */
  private readonly profilesPath: string;

  constructor(private readonly path = defaultSessionFile()) {
    this.profilesPath = join(dirname(path), "link-profiles.json");
  }

  async loadLinkProfile(device: string): Promise<LinkProfile | undefined> {
    return (await this.readProfiles())[device];
  }

  saveLinkProfile(device: string, profile: LinkProfile): Promise<void> {
    this.writes = this.writes.then(async () => {
      const all = { ...(await this.readProfiles()), [device]: profile };
      await mkdir(dirname(this.profilesPath), { recursive: true });
      await writeFile(this.profilesPath, JSON.stringify(all, null, 2));
    });
    return this.writes.catch(() => undefined);
  }

  private async readProfiles(): Promise<Record<string, LinkProfile>> {
    try {
      return parseLinkProfiles(JSON.parse(await readFile(this.profilesPath, "utf8")));
    } catch {
      return {}; // Like sessions: a convenience, never a reason to fail.
    }
  }

  async load(sha256: string): Promise<UploadSession | undefined> {
    return (await this.readAll()).find((s) => s.sha256 === sha256);
  }

  save(session: UploadSession): Promise<void> {
    return this.update((all) => [session, ...all.filter((s) => s.sha256 !== session.sha256)]);
  }

  clear(sha256: string): Promise<void> {
    return this.update((all) => all.filter((s) => s.sha256 !== sha256));
  }

  async list(): Promise<UploadSession[]> {
    return this.readAll();
  }

  // Writes are chained so that quick successive offsets never interleave on disk.
  private update(change: (all: UploadSession[]) => UploadSession[]): Promise<void> {
    this.writes = this.writes.then(async () => {
      const next = change(await this.readAll());
      await mkdir(dirname(this.path), { recursive: true });
      await writeFile(this.path, JSON.stringify(next, null, 2));
    });
    return this.writes.catch(() => undefined);
  }

  private async readAll(): Promise<UploadSession[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.path, "utf8"));
      return Array.isArray(parsed) ? parsed.filter(isSession) : [];
    } catch {
      return []; // No file yet, or a damaged one: sessions are a convenience, never a reason to fail.
    }
  }
}

function isSession(value: unknown): value is UploadSession {
  return (
    typeof value === "object" &&
    value !== null &&
    "sha256" in value &&
    typeof value.sha256 === "string" &&
    "imageHash" in value &&
    typeof value.imageHash === "string" &&
    "imageNumber" in value &&
    typeof value.imageNumber === "number" &&
    "size" in value &&
    typeof value.size === "number" &&
    "device" in value &&
    typeof value.device === "string" &&
    "offset" in value &&
    typeof value.offset === "number" &&
    "updatedAt" in value &&
    typeof value.updatedAt === "string"
  );
}

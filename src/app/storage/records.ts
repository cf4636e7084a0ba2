// What the app keeps in IndexedDB (record-schemas.ts validates what is read back) and the rules for keeping
// it: newest first, least recently used firmware evicted. Pure (no IndexedDB here), unit-tested in Node.

import type { AuditRecord, UpdateMode } from "../../core/update/flow-types.js";
import type { AttemptContext } from "./attempt-context.js";

/** A key the user trusts. The original text or bytes are kept and re-imported on use. */
export interface StoredKey {
  readonly id: string;
  readonly name: string;
  readonly material: string | Uint8Array;
  /** e.g. "ed25519", "ecdsa-p256", "key hash (sha256)". */
  readonly type: string;
  /** How it was written: "pem", "c-array", "hex", ... */
  readonly format: string;
  /** SHA-256 of the public key as MCUboot embeds it (its KEYHASH), or the pinned hash itself. */
  readonly fingerprint: string;
  readonly addedAt: string;
}

export interface FirmwareImageMeta {
  readonly imageNumber: number;
  /** SHA-256 of the image bytes as uploaded: how an interrupted upload session finds its file again. */
  readonly sha256: string;
  readonly imageHash?: string;
  readonly version?: string;
}

/** A firmware file kept for offline installs. Its bytes live in a separate store (listing stays cheap). */
export interface StoredFirmware {
  /** SHA-256 of the whole file. */
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly source: "file" | "url";
  readonly url?: string;
  readonly addedAt: string;
  readonly lastUsedAt: string;
  readonly images: readonly FirmwareImageMeta[];
}

export const HISTORY_RESULTS = [
  "running-new",
  "reverted",
  "uploaded",
  "already-running",
  "failed",
  "cancelled",
  // Written when an attempt starts and replaced when it ends: still there, the page closed mid-attempt.
  "interrupted",
] as const;
export type HistoryResult = (typeof HISTORY_RESULTS)[number];

/** One update attempt with every audit record the flow emitted. */
export interface HistoryEntry {
  readonly id: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly device: string;
  readonly mode: UpdateMode;
  readonly firmwareName: string;
  readonly imageVersion?: string;
  readonly imageHash?: string;
  readonly result: HistoryResult;
  readonly message: string;
  readonly audit: readonly AuditRecord[];
  readonly context?: AttemptContext;
}

/** Newest first by an ISO time field; ISO strings sort like the times they denote. */
export function newestFirst<T>(items: readonly T[], time: (item: T) => string): T[] {
  return [...items].sort((a, b) => time(b).localeCompare(time(a)));
}

/** Which stored firmware files to drop so at most `keep` remain, least recently used first. */
export function firmwareToEvict(files: readonly StoredFirmware[], keep: number): string[] {
  return newestFirst(files, (f) => f.lastUsedAt)
    .slice(Math.max(0, keep))
    .map((f) => f.id);
}

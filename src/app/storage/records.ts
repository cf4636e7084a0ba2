// What the app keeps in IndexedDB, and the parsers that turn stored values back into these shapes.
// Pure (no IndexedDB here), so the rules are unit-tested in Node.

import type { ErrorParam, Message } from "../../core/errors.js";
import type { AuditRecord, SlotState, UpdateMode } from "../../core/update/flow-types.js";
import { UPDATE_MODES, UPDATE_STEPS } from "../../core/update/flow-types.js";
import type { UploadSession } from "../../core/update/session-store.js";
import { parseAttemptContext, type AttemptContext } from "./attempt-context.js";
import { asFields, bool, bytes, list, num, oneOf, opt, str } from "./validate.js";

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

export function parseStoredKey(value: unknown): StoredKey | undefined {
  const f = asFields(value);
  if (!f) return undefined;
  const id = str(f, "id");
  const name = str(f, "name");
  const material = str(f, "material") ?? bytes(f, "material");
  const type = str(f, "type");
  const format = str(f, "format");
  const fingerprint = str(f, "fingerprint");
  const addedAt = str(f, "addedAt");
  if (!id || !name || material === undefined || !type || !format || !fingerprint || !addedAt)
    return undefined;
  return { id, name, material, type, format, fingerprint, addedAt };
}

function parseImageMeta(value: unknown): FirmwareImageMeta | undefined {
  const f = asFields(value);
  if (!f) return undefined;
  const imageNumber = num(f, "imageNumber");
  const sha256 = str(f, "sha256");
  if (imageNumber === undefined || !sha256) return undefined;
  return {
    imageNumber,
    sha256,
    ...opt("imageHash", str(f, "imageHash")),
    ...opt("version", str(f, "version")),
  };
}

export function parseStoredFirmware(value: unknown): StoredFirmware | undefined {
  const f = asFields(value);
  if (!f) return undefined;
  const id = str(f, "id");
  const name = str(f, "name");
  const size = num(f, "size");
  const source = oneOf(f, "source", ["file", "url"] as const);
  const addedAt = str(f, "addedAt");
  const lastUsedAt = str(f, "lastUsedAt") ?? addedAt;
  const images = list(f, "images", parseImageMeta) ?? [];
  if (!id || !name || size === undefined || !source || !addedAt || !lastUsedAt) return undefined;
  return { id, name, size, source, ...opt("url", str(f, "url")), addedAt, lastUsedAt, images };
}

export function parseSlotState(value: unknown): SlotState | undefined {
  const f = asFields(value);
  if (!f) return undefined;
  const image = num(f, "image");
  const slot = num(f, "slot");
  const version = str(f, "version");
  const hash = str(f, "hash");
  if (image === undefined || slot === undefined || version === undefined || hash === undefined)
    return undefined;
  return {
    image,
    slot,
    version,
    hash,
    bootable: bool(f, "bootable") ?? false,
    pending: bool(f, "pending") ?? false,
    confirmed: bool(f, "confirmed") ?? false,
    active: bool(f, "active") ?? false,
    permanent: bool(f, "permanent") ?? false,
  };
}

export function parseAuditRecord(value: unknown): AuditRecord | undefined {
  const f = asFields(value);
  if (!f) return undefined;
  const time = str(f, "time");
  const device = str(f, "device");
  const step = oneOf(f, "step", UPDATE_STEPS);
  const result = oneOf(f, "result", ["ok", "failed", "skipped", "cancelled"] as const);
  const message = str(f, "message");
  if (!time || device === undefined || !step || !result || message === undefined) return undefined;
  return {
    time,
    device,
    step,
    result,
    message,
    ...opt("imageHash", str(f, "imageHash")),
    ...opt("imageVersion", str(f, "imageVersion")),
    ...opt("slotsBefore", list(f, "slotsBefore", parseSlotState)),
    ...opt("slotsAfter", list(f, "slotsAfter", parseSlotState)),
    ...opt("errorCode", str(f, "errorCode")),
    ...opt("text", parseMessage(f["text"])),
  };
}

/** A stored catalog key with its parameters; parameters that are not plain values are dropped. */
function parseMessage(value: unknown): Message | undefined {
  const f = asFields(value);
  const key = f ? str(f, "key") : undefined;
  if (!f || key === undefined) return undefined;
  const params: Record<string, ErrorParam> = {};
  const raw = asFields(f["params"]) ?? {};
  for (const [name, v] of Object.entries(raw)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") params[name] = v;
  }
  return { key, params };
}

export function parseHistoryEntry(value: unknown): HistoryEntry | undefined {
  const f = asFields(value);
  if (!f) return undefined;
  const id = str(f, "id");
  const startedAt = str(f, "startedAt");
  const finishedAt = str(f, "finishedAt");
  const device = str(f, "device");
  const mode = oneOf(f, "mode", UPDATE_MODES);
  const firmwareName = str(f, "firmwareName");
  const result = oneOf(f, "result", HISTORY_RESULTS);
  const message = str(f, "message");
  const audit = list(f, "audit", parseAuditRecord);
  if (!id || !startedAt || !finishedAt || device === undefined || !mode || firmwareName === undefined)
    return undefined;
  if (!result || message === undefined || !audit) return undefined;
  return {
    id,
    startedAt,
    finishedAt,
    device,
    mode,
    firmwareName,
    ...opt("imageVersion", str(f, "imageVersion")),
    ...opt("imageHash", str(f, "imageHash")),
    result,
    message,
    audit,
    ...opt("context", parseAttemptContext(f["context"])),
  };
}

export function parseUploadSession(value: unknown): UploadSession | undefined {
  const f = asFields(value);
  if (!f) return undefined;
  const sha256 = str(f, "sha256");
  const imageHash = str(f, "imageHash");
  const imageNumber = num(f, "imageNumber");
  const size = num(f, "size");
  const device = str(f, "device");
  const offset = num(f, "offset");
  const updatedAt = str(f, "updatedAt");
  if (!sha256 || imageHash === undefined || imageNumber === undefined || size === undefined) return undefined;
  if (device === undefined || offset === undefined || !updatedAt) return undefined;
  return { sha256, imageHash, imageNumber, size, device, offset, updatedAt };
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

// The one schema of each record the app keeps in IndexedDB (keys, firmware, history with its audit records and
// attempt context, upload sessions, firmware bytes). An older app version may have written a different shape,
// so what is read back is validated, never cast: a damaged record is refused with a StorageError that names
// the record and the field, and lists that hold many entries keep the readable ones. The stores load this
// module (and valibot) with their first read, so neither weighs on the first screen.

import * as v from "valibot";
import type { ErrorParam, Message } from "../../core/errors.js";
import {
  UPDATE_MODES,
  UPDATE_STEPS,
  type AuditRecord,
  type SlotState,
} from "../../core/update/flow-types.js";
import type { UploadSession } from "../../core/update/session-store.js";
import type { AttemptContext } from "./attempt-context.js";
import { StorageError } from "./idb.js";
import { HISTORY_RESULTS, type HistoryEntry, type StoredFirmware, type StoredKey } from "./records.js";

/** An identifier or time: text that says something. */
const filled = v.pipe(v.string(), v.minLength(1));
const count = v.pipe(v.number(), v.finite());

/** A list of which only the entries `item` accepts are kept: one damaged entry costs that entry only. */
function lenientList<T>(item: v.GenericSchema<unknown, T>) {
  return v.pipe(
    v.array(v.unknown()),
    v.transform((items) =>
      items.flatMap((entry) => {
        const result = v.safeParse(item, entry);
        return result.success ? [result.output] : [];
      }),
    ),
  );
}

export const storedKeySchema = v.object({
  id: filled,
  name: filled,
  material: v.union([v.string(), v.instance(Uint8Array)]),
  type: filled,
  format: filled,
  fingerprint: filled,
  addedAt: filled,
});

const imageMetaSchema = v.object({
  imageNumber: count,
  sha256: filled,
  imageHash: v.exactOptional(v.string()),
  version: v.exactOptional(v.string()),
});

export const storedFirmwareSchema = v.pipe(
  v.object({
    id: filled,
    name: filled,
    size: count,
    source: v.picklist(["file", "url"]),
    url: v.exactOptional(v.string()),
    addedAt: filled,
    // Files saved before it existed were last used when added.
    lastUsedAt: v.exactOptional(filled),
    images: v.optional(lenientList(imageMetaSchema), []),
  }),
  v.transform(({ lastUsedAt, ...file }) => ({ ...file, lastUsedAt: lastUsedAt ?? file.addedAt })),
);

/** A slot flag an older version may not have written: absent or unreadable is false. */
const flag = v.fallback(v.optional(v.boolean(), false), false);

export const slotStateSchema: v.GenericSchema<unknown, SlotState> = v.object({
  image: count,
  slot: count,
  version: v.string(),
  hash: v.string(),
  bootable: flag,
  pending: flag,
  confirmed: flag,
  active: flag,
  permanent: flag,
});

/** A stored catalog key with its parameters; parameters that are not plain values are dropped. */
const messageSchema: v.GenericSchema<unknown, Message> = v.object({
  key: v.string(),
  params: v.pipe(
    v.optional(v.record(v.string(), v.unknown()), {}),
    v.transform((params) => {
      const plain: Record<string, ErrorParam> = {};
      for (const [name, value] of Object.entries(params))
        if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
          plain[name] = value;
      return plain;
    }),
  ),
});

export const auditRecordSchema: v.GenericSchema<unknown, AuditRecord> = v.object({
  time: filled,
  device: v.string(),
  step: v.picklist(UPDATE_STEPS),
  result: v.picklist(["ok", "failed", "skipped", "cancelled"]),
  message: v.string(),
  imageHash: v.exactOptional(v.string()),
  imageVersion: v.exactOptional(v.string()),
  slotsBefore: v.exactOptional(lenientList(slotStateSchema)),
  slotsAfter: v.exactOptional(lenientList(slotStateSchema)),
  errorCode: v.exactOptional(v.string()),
  text: v.exactOptional(messageSchema),
});

export const attemptContextSchema = v.object({
  appVersion: filled,
  link: filled,
  deviceLabel: v.string(),
  imageSha256: filled,
  imageSize: count,
  osInfo: v.exactOptional(v.string()),
  hardwareId: v.exactOptional(v.string()),
  bootloader: v.exactOptional(v.string()),
  bootMode: v.exactOptional(v.pipe(v.number(), v.integer())),
  runningBefore: v.exactOptional(v.string()),
  signedBy: v.exactOptional(v.string()),
  signatureType: v.exactOptional(v.string()),
});

export const historyEntrySchema = v.object({
  id: filled,
  startedAt: filled,
  finishedAt: filled,
  device: v.string(),
  mode: v.picklist(UPDATE_MODES),
  firmwareName: v.string(),
  imageVersion: v.exactOptional(v.string()),
  imageHash: v.exactOptional(v.string()),
  result: v.picklist(HISTORY_RESULTS),
  message: v.string(),
  audit: lenientList(auditRecordSchema),
  context: v.exactOptional(attemptContextSchema),
});

export const uploadSessionSchema: v.GenericSchema<unknown, UploadSession> = v.object({
  sha256: filled,
  imageHash: v.string(),
  imageNumber: count,
  size: count,
  device: v.string(),
  offset: count,
  updatedAt: filled,
});

export const firmwareBytesSchema = v.object({ id: v.string(), bytes: v.instance(Uint8Array) });

/** Every kind of stored record, by the name a StorageError gives it. */
export const RECORD_SCHEMAS = {
  key: storedKeySchema,
  firmware: storedFirmwareSchema,
  "firmware-bytes": firmwareBytesSchema,
  history: historyEntrySchema,
  audit: auditRecordSchema,
  "attempt-context": attemptContextSchema,
  "upload-session": uploadSessionSchema,
} as const;
export type RecordKind = keyof typeof RECORD_SCHEMAS;
export type StoredRecord<K extends RecordKind> = v.InferOutput<(typeof RECORD_SCHEMAS)[K]>;

export type RecordCheck<K extends RecordKind> =
  | { readonly ok: true; readonly record: StoredRecord<K> }
  | { readonly ok: false; readonly error: StorageError };

/** Structured clone keeps `key: undefined`; a record means by it what an absent key means. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value))
    if (field !== undefined) out[key] = withoutUndefined(field);
  return out;
}

function fieldPath(issue: v.BaseIssue<unknown>): string {
  let path = "";
  for (const item of issue.path ?? []) {
    const key: unknown = item.key;
    path += typeof key === "number" ? `[${key}]` : `${path === "" ? "" : "."}${String(key)}`;
  }
  return path === "" ? "(record)" : path;
}

/** Validates one stored value as a `kind` record; refused, the error names the field and the rule broken. */
export function checkRecord<K extends RecordKind>(kind: K, value: unknown): RecordCheck<K> {
  const schema: v.GenericSchema<unknown, StoredRecord<K>> = RECORD_SCHEMAS[kind];
  const result = v.safeParse(schema, withoutUndefined(value), { abortEarly: true });
  if (result.success) return { ok: true, record: result.output };
  const issue = result.issues[0];
  const field = fieldPath(issue);
  return {
    ok: false,
    error: new StorageError("record-invalid", { params: { record: kind, field, rule: issue.type } }),
  };
}

/** The record, or undefined when it is damaged (callers skip it). */
export function readRecord<K extends RecordKind>(kind: K, value: unknown): StoredRecord<K> | undefined {
  const check = checkRecord(kind, value);
  return check.ok ? check.record : undefined;
}

// The readers the stores use: each is typed by the interface it promises, so a schema that drifts from its
// interface does not compile.

export function parseStoredKey(value: unknown): StoredKey | undefined {
  return readRecord("key", value);
}

export function parseStoredFirmware(value: unknown): StoredFirmware | undefined {
  return readRecord("firmware", value);
}

export function parseAuditRecord(value: unknown): AuditRecord | undefined {
  return readRecord("audit", value);
}

export function parseAttemptContext(value: unknown): AttemptContext | undefined {
  return readRecord("attempt-context", value);
}

export function parseHistoryEntry(value: unknown): HistoryEntry | undefined {
  return readRecord("history", value);
}

export function parseUploadSession(value: unknown): UploadSession | undefined {
  return readRecord("upload-session", value);
}

export function parseFirmwareBytes(value: unknown): Uint8Array | undefined {
  return readRecord("firmware-bytes", value)?.bytes;
}

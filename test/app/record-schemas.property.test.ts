// Property tests of the stored records' schemas (src/app/storage/record-schemas.ts): every well-formed record
// reads back as it was stored (through structured clone, as IndexedDB keeps it), and a record with any one
// field broken (removed when required, or of the wrong type) is refused with a StorageError naming that field.

import { setupI18n } from "@lingui/core";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { StorageError } from "../../src/app/storage/idb.js";
import { checkRecord, type RecordKind } from "../../src/app/storage/record-schemas.js";
import { HISTORY_RESULTS } from "../../src/app/storage/records.js";
import { UPDATE_MODES, UPDATE_STEPS } from "../../src/core/update/flow-types.js";
import { describeError } from "../../src/i18n/describe-error.js";
import app from "../../src/i18n/locales/en/app.json";
import errors from "../../src/i18n/locales/en/errors.json";

const text = fc.string({ maxLength: 20 });
const filled = fc.string({ minLength: 1, maxLength: 20 });
const count = fc.integer({ min: 0, max: 2 ** 40 });
const hex = fc.stringMatching(/^[0-9a-f]{8,64}$/);

const slot = fc.record({
  image: count,
  slot: count,
  version: text,
  hash: hex,
  bootable: fc.boolean(),
  pending: fc.boolean(),
  confirmed: fc.boolean(),
  active: fc.boolean(),
  permanent: fc.boolean(),
});

const words = fc.record({
  key: filled,
  params: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.oneof(text, fc.integer(), fc.boolean())),
});

const audit = fc.record(
  {
    time: filled,
    device: text,
    step: fc.constantFrom(...UPDATE_STEPS),
    result: fc.constantFrom("ok", "failed", "skipped", "cancelled"),
    message: text,
    imageHash: hex,
    imageVersion: text,
    slotsBefore: fc.array(slot, { maxLength: 3 }),
    slotsAfter: fc.array(slot, { maxLength: 3 }),
    errorCode: text,
    text: words,
  },
  { requiredKeys: ["time", "device", "step", "result", "message"] },
);

const context = fc.record(
  {
    appVersion: filled,
    link: fc.constantFrom("bluetooth", "serial", "demo"),
    deviceLabel: text,
    imageSha256: hex,
    imageSize: count,
    osInfo: text,
    hardwareId: text,
    bootloader: text,
    bootMode: fc.integer({ min: -1, max: 255 }),
    runningBefore: text,
    signedBy: text,
    signatureType: text,
  },
  { requiredKeys: ["appVersion", "link", "deviceLabel", "imageSha256", "imageSize"] },
);

const ARBITRARIES: Record<RecordKind, fc.Arbitrary<Record<string, unknown>>> = {
  key: fc.record({
    id: filled,
    name: filled,
    material: fc.oneof(filled, fc.uint8Array({ minLength: 1, maxLength: 64 })),
    type: filled,
    format: filled,
    fingerprint: hex,
    addedAt: filled,
  }),
  firmware: fc.record(
    {
      id: hex,
      name: filled,
      size: count,
      source: fc.constantFrom("file", "url"),
      url: text,
      addedAt: filled,
      lastUsedAt: filled,
      images: fc.array(
        fc.record(
          { imageNumber: count, sha256: hex, imageHash: hex, version: text },
          { requiredKeys: ["imageNumber", "sha256"] },
        ),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: ["id", "name", "size", "source", "addedAt", "lastUsedAt", "images"] },
  ),
  "firmware-bytes": fc.record({ id: hex, bytes: fc.uint8Array({ maxLength: 64 }) }),
  audit,
  "attempt-context": context,
  history: fc.record(
    {
      id: filled,
      startedAt: filled,
      finishedAt: filled,
      device: text,
      mode: fc.constantFrom(...UPDATE_MODES),
      firmwareName: text,
      imageVersion: text,
      imageHash: hex,
      result: fc.constantFrom(...HISTORY_RESULTS),
      message: text,
      audit: fc.array(audit, { maxLength: 3 }),
      context,
    },
    {
      requiredKeys: [
        "id",
        "startedAt",
        "finishedAt",
        "device",
        "mode",
        "firmwareName",
        "result",
        "message",
        "audit",
      ],
    },
  ),
  "upload-session": fc.record({
    sha256: hex,
    imageHash: hex,
    imageNumber: count,
    size: count,
    device: text,
    offset: count,
    updatedAt: filled,
  }),
};

/** The fields a record cannot do without (firmware's lastUsedAt and images have defaults). */
const REQUIRED: Record<RecordKind, readonly string[]> = {
  key: ["id", "name", "material", "type", "format", "fingerprint", "addedAt"],
  firmware: ["id", "name", "size", "source", "addedAt"],
  "firmware-bytes": ["id", "bytes"],
  audit: ["time", "device", "step", "result", "message"],
  "attempt-context": ["appVersion", "link", "deviceLabel", "imageSha256", "imageSize"],
  history: ["id", "startedAt", "finishedAt", "device", "mode", "firmwareName", "result", "message", "audit"],
  "upload-session": ["sha256", "imageHash", "imageNumber", "size", "device", "offset", "updatedAt"],
};

const KINDS = Object.keys(ARBITRARIES) as RecordKind[];

/** A value of another kind than `value`, so the field's schema cannot accept it. */
function wrongType(value: unknown): unknown {
  if (typeof value === "string") return 42;
  if (typeof value === "number") return "7";
  if (typeof value === "boolean") return "yes";
  if (value instanceof Uint8Array) return 5;
  if (Array.isArray(value)) return "not a list";
  return 5;
}

function expectRefused(kind: RecordKind, value: unknown, field: string): void {
  const check = checkRecord(kind, value);
  expect(check.ok, `${kind}.${field} was accepted`).toBe(false);
  if (check.ok) return;
  expect(check.error).toBeInstanceOf(StorageError);
  expect(check.error).toMatchObject({
    code: "storage-unavailable",
    variant: "record-invalid",
    params: { record: kind, field },
  });
}

describe.each(KINDS)("%s records", (kind) => {
  test("a well-formed record reads back as stored", () => {
    fc.assert(
      fc.property(ARBITRARIES[kind], (record) => {
        const check = checkRecord(kind, structuredClone(record));
        expect(check.ok, JSON.stringify(check.ok ? {} : check.error.params)).toBe(true);
        if (check.ok) expect(check.record).toEqual(record);
      }),
      { numRuns: 150 },
    );
  });

  test("one broken field is refused, naming the field", () => {
    const broken = ARBITRARIES[kind].chain((record) =>
      fc.record({
        record: fc.constant(record),
        field: fc.constantFrom(...Object.keys(record)),
        remove: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(broken, ({ record, field, remove }) => {
        const copy: Record<string, unknown> = { ...record };
        if (remove && REQUIRED[kind].includes(field)) Reflect.deleteProperty(copy, field);
        else copy[field] = wrongType(record[field]);
        expectRefused(kind, copy, field);
      }),
      { numRuns: 150 },
    );
  });
});

describe("what an older version may have left", () => {
  test("firmware saved before lastUsedAt existed was last used when added; unreadable image entries are left out", () => {
    const check = checkRecord("firmware", {
      id: "f",
      name: "app.bin",
      size: 10,
      source: "file",
      addedAt: "2025-01-01T00:00:00.000Z",
      lastUsedAt: undefined,
      images: [{ imageNumber: 0, sha256: "aa" }, { imageNumber: "x" }, null],
    });
    expect(check).toEqual({
      ok: true,
      record: {
        id: "f",
        name: "app.bin",
        size: 10,
        source: "file",
        addedAt: "2025-01-01T00:00:00.000Z",
        lastUsedAt: "2025-01-01T00:00:00.000Z",
        images: [{ imageNumber: 0, sha256: "aa" }],
      },
    });
  });

  test("a stored message keeps its plain parameters only", () => {
    const check = checkRecord("audit", {
      time: "t",
      device: "d",
      step: "upload",
      result: "ok",
      message: "m",
      text: { key: "audit.uploaded", params: { bytes: 10, name: "a", nested: { x: 1 }, list: [1] } },
    });
    expect(check.ok && check.record.text).toEqual({
      key: "audit.uploaded",
      params: { bytes: 10, name: "a" },
    });
  });

  test("the error reads as a sentence naming the record and the field", () => {
    const check = checkRecord("upload-session", { sha256: "aa", imageHash: "bb" });
    expect(check.ok).toBe(false);
    if (!check.ok)
      expect(check.error.params).toMatchObject({ record: "upload-session", field: "imageNumber" });
    const i18n = setupI18n({ locale: "en", messages: { en: { ...errors, ...app } } });
    i18n.setMessagesCompiler(compileMessage);
    expect(describeError(i18n, check.ok ? undefined : check.error).message).toBe(
      "A saved upload-session record could not be read (imageNumber) and was left out.",
    );
  });
});

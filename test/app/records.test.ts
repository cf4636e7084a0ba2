import { describe, expect, test } from "vitest";
import {
  parseAuditRecord,
  parseHistoryEntry,
  parseStoredFirmware,
  parseStoredKey,
  parseUploadSession,
} from "../../src/app/storage/record-schemas.js";
import { firmwareToEvict, newestFirst, type StoredFirmware } from "../../src/app/storage/records.js";

const key = {
  id: "k1",
  name: "prod",
  material: new Uint8Array([1, 2]),
  type: "ed25519",
  format: "pem",
  fingerprint: "ab",
  addedAt: "2025-01-01T00:00:00.000Z",
};

describe("stored records are checked, never cast", () => {
  test("keys: bytes or text material; anything missing drops the record", () => {
    expect(parseStoredKey(key)).toEqual(key);
    expect(parseStoredKey({ ...key, material: "-----BEGIN PUBLIC KEY-----" })?.material).toBe(
      "-----BEGIN PUBLIC KEY-----",
    );
    expect(parseStoredKey({ ...key, material: 5 })).toBeUndefined();
    expect(parseStoredKey({ ...key, name: undefined })).toBeUndefined();
    expect(parseStoredKey(null)).toBeUndefined();
    expect(parseStoredKey([key])).toBeUndefined();
  });

  test("firmware: defaults lastUsedAt, keeps only well-formed image entries", () => {
    const parsed = parseStoredFirmware({
      id: "f",
      name: "app.bin",
      size: 10,
      source: "url",
      url: "https://x/app.bin",
      addedAt: "2025-01-01T00:00:00.000Z",
      images: [{ imageNumber: 0, sha256: "aa", version: "1.0.0" }, { imageNumber: "x" }],
    });
    expect(parsed?.lastUsedAt).toBe("2025-01-01T00:00:00.000Z");
    expect(parsed?.images).toEqual([{ imageNumber: 0, sha256: "aa", version: "1.0.0" }]);
    expect(parseStoredFirmware({ id: "f", name: "a", size: 1, source: "ftp", addedAt: "t" })).toBeUndefined();
  });

  test("audit records and history entries", () => {
    const record = {
      time: "t",
      device: "d",
      step: "upload",
      result: "ok",
      message: "Uploaded",
      slotsBefore: [{ image: 0, slot: 0, version: "1.0.0", hash: "aa", active: true }, { bogus: true }],
    };
    const parsed = parseAuditRecord(record);
    expect(parsed?.slotsBefore).toHaveLength(1);
    expect(parsed?.slotsBefore?.[0]?.confirmed).toBe(false);
    expect(parseAuditRecord({ ...record, step: "dance" })).toBeUndefined();

    const entry = {
      id: "h",
      startedAt: "t0",
      finishedAt: "t1",
      device: "d",
      mode: "test-and-confirm",
      firmwareName: "app.bin",
      result: "running-new",
      message: "Now running",
      audit: [record],
    };
    expect(parseHistoryEntry(entry)?.audit).toHaveLength(1);
    expect(parseHistoryEntry({ ...entry, mode: "yolo" })).toBeUndefined();
    expect(parseHistoryEntry({ ...entry, audit: "x" })).toBeUndefined();
  });

  test("upload sessions", () => {
    const session = {
      sha256: "aa",
      imageHash: "bb",
      imageNumber: 0,
      size: 100,
      device: "d",
      offset: 50,
      updatedAt: "t",
    };
    expect(parseUploadSession(session)).toEqual(session);
    expect(parseUploadSession({ ...session, offset: "50" })).toBeUndefined();
  });

  test("ordering and eviction keep the most recently used files", () => {
    expect(newestFirst([{ t: "2025-01-01" }, { t: "2025-03-01" }], (x) => x.t)).toEqual([
      { t: "2025-03-01" },
      { t: "2025-01-01" },
    ]);
    const file = (id: string, lastUsedAt: string): StoredFirmware => ({
      id,
      name: id,
      size: 1,
      source: "file",
      addedAt: lastUsedAt,
      lastUsedAt,
      images: [],
    });
    const files = [file("a", "2025-01-01"), file("b", "2025-02-01"), file("c", "2025-03-01")];
    expect(firmwareToEvict(files, 2)).toEqual(["a"]);
    expect(firmwareToEvict(files, 5)).toEqual([]);
  });
});

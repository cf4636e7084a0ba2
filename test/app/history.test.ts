import { describe, expect, test } from "vitest";
import type { UpdateOutcome } from "../../src/core/update/flow-types.js";
import { auditExportJson, auditFileName, buildAuditExport } from "../../src/app/history/audit-export.js";
import { entryFromFailure, entryFromOutcome, type RunRecord } from "../../src/app/history/history-entry.js";
import { parseHistoryEntry } from "../../src/app/storage/record-schemas.js";

const run: RunRecord = {
  id: "r1",
  startedAt: "2025-03-01T10:00:00.000Z",
  finishedAt: "2025-03-01T10:01:00.000Z",
  device: "BLE Zephyr",
  mode: "test-and-confirm",
  firmwareName: "app.bin",
  imageVersion: "1.2.3+4",
  imageHash: "aa",
  audit: [{ time: "t", device: "BLE Zephyr", step: "inspect", result: "ok", message: "Device runs 1.0.0" }],
};

const outcome: UpdateOutcome = {
  result: "reverted",
  device: "BLE Zephyr",
  imageHash: "aa",
  imageVersion: "1.2.3+4",
  previousVersion: "1.0.0",
  slotsBefore: [],
  slotsAfter: [],
  uploadedBytes: 1,
  uploadMs: 1,
  skippedUpload: false,
  audit: [
    { time: "t", device: "BLE Zephyr", step: "inspect", result: "ok", message: "Device runs 1.0.0" },
    { time: "t", device: "BLE Zephyr", step: "check", result: "failed", message: "reverted" },
  ],
};

describe("history entries", () => {
  test("from an outcome: result, words and the complete audit trail; they read back as stored", () => {
    const entry = entryFromOutcome(run, outcome);
    expect(entry.result).toBe("reverted");
    expect(entry.message).toMatch(/^Reverted: the device still runs 1\.0\.0\./);
    expect(entry.audit).toHaveLength(2);
    expect(parseHistoryEntry(JSON.parse(JSON.stringify(entry)))).toEqual(entry);
  });

  test("from a failure or a cancel", () => {
    expect(entryFromFailure(run, "The link was lost.", false).result).toBe("failed");
    expect(entryFromFailure(run, "Cancelled.", true).result).toBe("cancelled");
    expect(entryFromFailure({ ...run, imageVersion: undefined }, "x", false)).not.toHaveProperty(
      "imageVersion",
    );
  });
});

describe("audit export", () => {
  const now = new Date("2025-03-02T08:09:10.123Z");
  test("is self-describing and oldest first", () => {
    const later = { ...entryFromFailure(run, "x", false), id: "r2", startedAt: "2025-03-02T00:00:00.000Z" };
    const first = entryFromOutcome(run, outcome);
    const doc = buildAuditExport([later, first], now);
    expect(doc.format).toBe("mcuflash-audit");
    expect(doc.version).toBe(1);
    expect(doc.exportedAt).toBe("2025-03-02T08:09:10.123Z");
    expect(doc.updates.map((u) => u.id)).toEqual(["r1", "r2"]);
    expect(JSON.parse(auditExportJson([first], now))).toEqual(buildAuditExport([first], now));
  });

  test("file name is safe on every file system", () => {
    expect(auditFileName(now)).toBe("mcuflash-audit-20250302-080910.json");
  });
});

import { expect, test } from "vitest";
import { auditExportCsv } from "../../src/app/history/audit-export.js";
import type { HistoryEntry } from "../../src/app/storage/records.js";

const entry = (patch: Partial<HistoryEntry>): HistoryEntry => ({
  id: "a",
  startedAt: "2026-01-01T10:00:00.000Z",
  finishedAt: "2026-01-01T10:00:42.500Z",
  device: "BLE Acme-1",
  mode: "test-and-confirm",
  firmwareName: "app.bin",
  result: "running-new",
  message: "Now running 1.1.0.",
  audit: [],
  ...patch,
});

test("one row per attempt, oldest first, durations only for finished attempts", () => {
  const csv = auditExportCsv([
    entry({ id: "b", startedAt: "2026-01-02T10:00:00.000Z", result: "interrupted" }),
    entry({}),
  ]);
  const lines = csv.split("\r\n");
  expect(lines[0]).toMatch(/^started_at,finished_at,duration_s,result,/);
  expect(lines[1]).toContain(",42.5,running-new,");
  expect(lines[2]).toMatch(/^2026-01-02T10:00:00.000Z,,,interrupted,/);
  expect(lines[3]).toBe("");
});

test("cells are quoted as RFC 4180 says, and formulas are defused", () => {
  const csv = auditExportCsv([entry({ device: '=HYPERLINK("x")', message: 'a, "b"\nc' })]);
  expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  expect(csv).toContain(`"a, ""b""\nc"`);
});

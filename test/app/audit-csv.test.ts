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

test("the hardware id and the MCUboot mode (the table's name, the same in every language) have columns", () => {
  const context = {
    appVersion: "0.1.0",
    link: "serial",
    deviceLabel: "USB serial 2fe3:0100",
    imageSha256: "ab".repeat(32),
    imageSize: 1000,
    bootloader: "MCUboot",
  };
  const csv = auditExportCsv([
    entry({
      id: "a",
      context: { ...context, bootMode: 1, hardwareId: "nrf52840dk/nrf52840 · cortex-m4 · arm" },
    }),
    entry({ id: "b", startedAt: "2026-01-01T11:00:00.000Z", context: { ...context, bootMode: 42 } }),
    entry({ id: "c", startedAt: "2026-01-01T12:00:00.000Z" }),
  ]);
  const [header, ...rows] = csv
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));
  const cell = (row: number, column: string) => rows[row]![header!.indexOf(column)];
  expect(header).toEqual(
    expect.arrayContaining(["hardware_id", "mcuboot_mode", "image_hash", "image_sha256"]),
  );
  expect(cell(0, "hardware_id")).toBe("nrf52840dk/nrf52840 · cortex-m4 · arm");
  expect(cell(0, "mcuboot_mode")).toBe("swap-scratch");
  expect(cell(0, "image_sha256")).toBe("ab".repeat(32));
  // Not reported: an empty cell, not words (a spreadsheet filters on it).
  expect(cell(1, "hardware_id")).toBe("");
  expect(cell(1, "mcuboot_mode")).toBe("42");
  expect(cell(2, "mcuboot_mode")).toBe("");
});

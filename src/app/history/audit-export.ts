// The audit log as a JSON file a technician can attach to a work order: self-describing (format and
// version), every update attempt with every step record. Pure, unit-tested.

import { bootMode } from "../../core/device/boot-modes.js";
import type { HistoryEntry } from "../storage/records.js";

export const AUDIT_EXPORT_FORMAT = "mcuflash-audit";
export const AUDIT_EXPORT_VERSION = 1;

export interface AuditExport {
  readonly format: typeof AUDIT_EXPORT_FORMAT;
  readonly version: typeof AUDIT_EXPORT_VERSION;
  readonly exportedAt: string;
  readonly updates: readonly HistoryEntry[];
}

export function buildAuditExport(entries: readonly HistoryEntry[], now: Date): AuditExport {
  // Oldest first: an audit trail reads in the order things happened.
  const updates = [...entries].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return {
    format: AUDIT_EXPORT_FORMAT,
    version: AUDIT_EXPORT_VERSION,
    exportedAt: now.toISOString(),
    updates,
  };
}

export function auditExportJson(entries: readonly HistoryEntry[], now: Date): string {
  return `${JSON.stringify(buildAuditExport(entries, now), null, 2)}\n`;
}

/** "mcuflash-audit-20250301-102030.json" (UTC, no characters file systems dislike). */
export function auditFileName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `mcuflash-audit-${stamp}.json`;
}

const CSV_COLUMNS = [
  "started_at",
  "finished_at",
  "duration_s",
  "result",
  "mode",
  "link",
  "device",
  "os_info",
  "hardware_id",
  "bootloader",
  "mcuboot_mode",
  "ran_before",
  "firmware",
  "image_version",
  "image_hash",
  "image_sha256",
  "signed_by",
  "mcuflash_version",
  "message",
] as const;

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with '. */
function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The boot-mode table's name for a reported mode ("swap-scratch"): the same in every language, for machines
 * that read the file; -1 is MCUboot's "unknown", a number the table lacks stays a number. */
function bootModeKey(number: number): string {
  if (number === -1) return "unknown";
  return bootMode(number)?.key ?? String(number);
}

/** One row per attempt, oldest first: for a spreadsheet or a fleet's records. */
export function auditExportCsv(entries: readonly HistoryEntry[]): string {
  const rows = buildAuditExport(entries, new Date(0)).updates.map((e) => {
    const c = e.context;
    const duration = (Date.parse(e.finishedAt) - Date.parse(e.startedAt)) / 1000;
    const cells: Record<(typeof CSV_COLUMNS)[number], string | number | undefined> = {
      started_at: e.startedAt,
      finished_at: e.result === "interrupted" ? undefined : e.finishedAt,
      duration_s: e.result === "interrupted" || !Number.isFinite(duration) ? undefined : duration.toFixed(1),
      result: e.result,
      mode: e.mode,
      link: c?.link,
      device: e.device,
      os_info: c?.osInfo,
      hardware_id: c?.hardwareId,
      bootloader: c?.bootloader,
      mcuboot_mode: c?.bootMode === undefined ? undefined : bootModeKey(c.bootMode),
      ran_before: c?.runningBefore,
      firmware: e.firmwareName,
      image_version: e.imageVersion,
      image_hash: e.imageHash,
      image_sha256: c?.imageSha256,
      signed_by: c?.signedBy,
      mcuflash_version: c?.appVersion,
      message: e.message,
    };
    return CSV_COLUMNS.map((column) => csvCell(cells[column])).join(",");
  });
  return `${[CSV_COLUMNS.join(","), ...rows].join("\r\n")}\r\n`;
}

// The audit log as a JSON file a technician can attach to a work order: self-describing (format and
// version), every update attempt with every step record. Pure, unit-tested.

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

// The audit of a batch install as one JSON document a technician attaches to a work order: what was installed
// (manifest, release, file hashes), a summary, and per device the result and every step record.

import type { DeviceResult, DeviceResultKind } from "./install-device.js";
import type { Manifest, Release } from "./manifest-types.js";

export const BATCH_AUDIT_FORMAT = "mcuflash-install-audit";
export const BATCH_AUDIT_VERSION = 1;

export interface BatchAudit {
  readonly format: typeof BATCH_AUDIT_FORMAT;
  readonly version: typeof BATCH_AUDIT_VERSION;
  readonly exportedAt: string;
  readonly product: string;
  readonly vendor: string | undefined;
  readonly manifest: string;
  readonly release:
    | {
        readonly version: string;
        readonly images: readonly {
          readonly image: number;
          readonly url: string;
          readonly sha256: string;
          readonly size: number;
        }[];
      }
    | undefined;
  readonly summary: { readonly devices: number } & Readonly<Record<DeviceResultKind, number>>;
  readonly devices: readonly DeviceResult[];
}

export function buildBatchAudit(
  manifest: Manifest,
  release: Release | undefined,
  results: readonly DeviceResult[],
  now: Date,
): BatchAudit {
  const count = (kind: DeviceResultKind): number => results.filter((r) => r.result === kind).length;
  return {
    format: BATCH_AUDIT_FORMAT,
    version: BATCH_AUDIT_VERSION,
    exportedAt: now.toISOString(),
    product: manifest.product,
    vendor: manifest.vendor,
    manifest: manifest.url,
    release: release && {
      version: release.version,
      images: release.images.map((i) => ({ image: i.image, url: i.url, sha256: i.sha256, size: i.size })),
    },
    summary: {
      devices: results.length,
      "running-new": count("running-new"),
      "already-running": count("already-running"),
      uploaded: count("uploaded"),
      reverted: count("reverted"),
      "not-matching": count("not-matching"),
      failed: count("failed"),
      cancelled: count("cancelled"),
    },
    devices: results,
  };
}

export function batchAuditJson(audit: BatchAudit): string {
  return `${JSON.stringify(audit, null, 2)}\n`;
}

/** "acme-sensor-install-20260301-102030.json" (UTC; only characters every file system accepts). */
export function batchAuditFileName(product: string, now: Date): string {
  const slug =
    product
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "device";
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${slug}-install-${stamp}.json`;
}

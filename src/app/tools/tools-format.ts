// Wording and small browser helpers shared by the tool screens.

import { i18n } from "../../i18n/browser-i18n.js";
import type { TransferProgress } from "../../core/device-tools/index.js";
import { formatBytes, formatDuration, formatRate, percentOf } from "../../web/format.js";

export function transferText(p: TransferProgress): string {
  const eta =
    p.etaSeconds === undefined
      ? ""
      : i18n._("app.tools-format.left", { etaSeconds: formatDuration(p.etaSeconds) });
  return i18n._("app.tools-format.text", {
    bytes: formatBytes(p.bytes),
    total: formatBytes(p.total),
    bytes2: percentOf(p.bytes, p.total),
    bytesPerSecond: formatRate(p.bytesPerSecond),
    eta,
  });
}

export function driftText(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return i18n._("app.tools-format.step-computer-less-than");
  const amount = abs < 120_000 ? `${(abs / 1000).toFixed(1)} s` : `${Math.round(abs / 60_000)} min`;
  return i18n._(ms > 0 ? "app.tools-format.drift-ahead" : "app.tools-format.drift-behind", { amount });
}

/** Offers bytes as a file download through a temporary blob: URL (allowed by the app's CSP). */
export function saveBytes(fileName: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type: "application/octet-stream" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The last part of a device path, for the saved file's name. */
export function baseName(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return name === "" ? "device-file.bin" : name;
}

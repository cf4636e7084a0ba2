// A one-line progress bar on stderr for interactive terminals: percent, bytes, rate and ETA.

import type { I18n } from "@lingui/core";
import type { UploadProgress } from "../core/update/progress.js";
import { formatBytes } from "./format.js";

export function renderProgress(i18n: I18n, p: UploadProgress, width = 28): string {
  const fraction = p.total > 0 ? p.bytes / p.total : 0;
  const filled = Math.round(fraction * width);
  const bar = "█".repeat(filled) + "░".repeat(width - filled);
  const rate = p.bytesPerSecond > 0 ? `${formatBytes(p.bytesPerSecond)}/s` : "—";
  const eta = p.etaSeconds === undefined ? "—" : `${Math.ceil(p.etaSeconds)} s`;
  return i18n._("cli.progress.line", {
    bar,
    percent: (fraction * 100).toFixed(1).padStart(5),
    done: formatBytes(p.bytes),
    total: formatBytes(p.total),
    rate,
    eta,
  });
}

// Each device the install screen handled also goes into the app's history (the History panel and its JSON
// export), like an update started from the main screen: the result worded in the user's language, as the main
// screen's entries are.

import type { DeviceResult, Manifest } from "../../core/manifest/index.js";
import type { HistoryEntry, HistoryResult } from "../storage/records.js";
import { resultText } from "../../web/install-text.js";

const AS_HISTORY: Readonly<Record<DeviceResult["result"], HistoryResult | undefined>> = {
  "running-new": "running-new",
  "already-running": "already-running",
  uploaded: "uploaded",
  reverted: "reverted",
  failed: "failed",
  cancelled: "cancelled",
  // The device was never touched: nothing to record.
  "not-matching": undefined,
};

export function historyEntryOf(
  manifest: Manifest,
  result: DeviceResult,
  id: string,
): HistoryEntry | undefined {
  const kind = AS_HISTORY[result.result];
  if (kind === undefined || result.audit.length === 0) return undefined;
  const hash = result.audit.find((r) => r.imageHash !== undefined)?.imageHash;
  return {
    id,
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    device: result.device,
    mode: manifest.update.mode,
    firmwareName: `${manifest.product} ${result.release}`,
    imageVersion: result.release,
    ...(hash !== undefined ? { imageHash: hash } : {}),
    result: kind,
    // The history shows what it stores (as the main screen's entries do): the result in the user's words.
    message: resultText(result),
    audit: result.audit,
  };
}

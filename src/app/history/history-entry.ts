// One history entry from a finished or failed run. Pure, unit-tested.

import type { AuditRecord, UpdateMode, UpdateOutcome } from "../../core/update/flow-types.js";
import type { AttemptContext } from "../storage/attempt-context.js";
import type { HistoryEntry, HistoryResult } from "../storage/records.js";
import { i18n } from "../../i18n/browser-i18n.js";
import { describeOutcome } from "../update/outcome-text.js";

export interface RunRecord {
  readonly id: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly device: string;
  readonly mode: UpdateMode;
  readonly firmwareName: string;
  readonly imageVersion: string | undefined;
  readonly imageHash: string | undefined;
  readonly audit: readonly AuditRecord[];
  readonly context?: AttemptContext;
}

/** The entry written as an attempt starts: if the page never gets to replace it, it says so. */
export function entryAtStart(run: RunRecord): HistoryEntry {
  return {
    ...base(run),
    finishedAt: run.startedAt,
    result: "interrupted",
    message: i18n._("app.history-entry.interrupted-message"),
    audit: [],
  };
}

export function entryFromOutcome(run: RunRecord, outcome: UpdateOutcome): HistoryEntry {
  const end = describeOutcome(outcome);
  return {
    ...base(run),
    device: outcome.device || run.device,
    imageVersion: outcome.imageVersion || run.imageVersion || "",
    imageHash: outcome.imageHash || run.imageHash || "",
    result: outcome.result,
    message: `${end.title}. ${end.detail}`,
    // The outcome carries the complete record list; the events may have been throttled or missed.
    audit: outcome.audit.length > 0 ? outcome.audit : run.audit,
  };
}

export function entryFromFailure(run: RunRecord, message: string, cancelled: boolean): HistoryEntry {
  const result: HistoryResult = cancelled ? "cancelled" : "failed";
  return { ...base(run), result, message, audit: run.audit };
}

function base(run: RunRecord): Omit<HistoryEntry, "result" | "message" | "audit"> {
  return {
    id: run.id,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    device: run.device,
    mode: run.mode,
    firmwareName: run.firmwareName,
    ...(run.imageVersion ? { imageVersion: run.imageVersion } : {}),
    ...(run.imageHash ? { imageHash: run.imageHash } : {}),
    ...(run.context ? { context: run.context } : {}),
  };
}

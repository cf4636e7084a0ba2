// The audit log: loaded at start, appended after every run, exported as JSON, cleared on request.

import { i18n } from "../../i18n/browser-i18n.js";
import { useCallback, useEffect, useState } from "react";
import { addHistory, clearHistory, listHistory } from "../storage/history-store.js";
import { mergeLoaded } from "../storage/merge-loaded.js";
import type { HistoryEntry } from "../storage/records.js";
import { downloadText } from "../shared/download.js";
import { errorText } from "../shared/error-text.js";
import { auditExportCsv, auditExportJson, auditFileName } from "./audit-export.js";

export interface HistoryState {
  readonly entries: readonly HistoryEntry[];
  readonly problem: string | undefined;
  /** Records an entry (or replaces the one with its id, e.g. the one written when the attempt started). */
  record(entry: HistoryEntry): void;
  /** Stores the entry of an attempt that just started, without showing it yet. */
  persistStart(entry: HistoryEntry): void;
  exportJson(): void;
  exportCsv(): void;
  clear(): void;
}

export function useHistory(): HistoryState {
  const [entries, setEntries] = useState<readonly HistoryEntry[]>([]);
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    listHistory()
      .then((stored) => live && setEntries((current) => mergeLoaded(stored, current, "newest-first")))
      .catch((error: unknown) => live && setProblem(errorText(error)));
    return () => {
      live = false;
    };
  }, []);

  const record = useCallback((entry: HistoryEntry) => {
    setEntries((current) => [entry, ...current.filter((e) => e.id !== entry.id)]);
    addHistory(entry).catch((error: unknown) =>
      setProblem(i18n._("app.use-history.update-could-not-saved", { error: errorText(error) })),
    );
  }, []);

  const persistStart = useCallback((entry: HistoryEntry) => {
    addHistory(entry).catch((error: unknown) =>
      setProblem(i18n._("app.use-history.update-could-not-saved", { error: errorText(error) })),
    );
  }, []);

  const exportCsv = useCallback(() => {
    downloadText(auditFileName(new Date()).replace(/\.json$/, ".csv"), auditExportCsv(entries), "text/csv");
  }, [entries]);

  const exportJson = useCallback(() => {
    const now = new Date();
    downloadText(auditFileName(now), auditExportJson(entries, now));
  }, [entries]);

  const clear = useCallback(() => {
    clearHistory()
      .then(() => setEntries([]))
      .catch((error: unknown) => setProblem(errorText(error)));
  }, []);

  return { entries, problem, record, persistStart, exportJson, exportCsv, clear };
}

// Every update attempt, newest first, with its step-by-step audit records; exportable as a JSON file.

import { recordText } from "../update/update-state.js";
import { i18n } from "../../i18n/browser-i18n.js";
import { useState } from "react";
import type { AuditRecord, UpdateStep } from "../../core/update/flow-types.js";
import type { HistoryEntry } from "../storage/records.js";
import { formatTimestamp } from "../../web/format.js";
import { CopyValue } from "../shared/copy-button.js";
import { Panel } from "../shared/panel.js";
import { reportFacts } from "./report-facts.js";
import type { HistoryState } from "./use-history.js";
import "./history.css";

const RESULT_TEXT: Readonly<Record<HistoryEntry["result"], { text: string; tone: string }>> = {
  "running-new": { text: "app.history-panel.result.running-new", tone: "ok" },
  "already-running": { text: "app.history-panel.result.already-running", tone: "ok" },
  uploaded: { text: "app.history-panel.result.uploaded", tone: "ok" },
  reverted: { text: "app.history-panel.result.reverted", tone: "warning" },
  failed: { text: "app.history-panel.result.failed", tone: "bad" },
  cancelled: { text: "app.history-panel.result.cancelled", tone: "neutral" },
  interrupted: { text: "app.history-panel.result.interrupted", tone: "warning" },
};

/** The audit's step names and results in words (the record keeps the flow's ids). */
const STEP_TEXT: Readonly<Record<UpdateStep, string>> = {
  inspect: "app.history-panel.step.inspect",
  verify: "app.history-panel.step.verify",
  "downgrade-check": "app.history-panel.step.downgrade-check",
  upload: "app.history-panel.step.upload",
  test: "app.history-panel.step.test",
  confirm: "app.history-panel.step.confirm",
  reset: "app.history-panel.step.reset",
  reconnect: "app.history-panel.step.reconnect",
  check: "app.history-panel.step.check",
  done: "app.history-panel.step.done",
};

const RECORD_RESULT_TEXT: Readonly<Record<Exclude<AuditRecord["result"], "ok">, string>> = {
  failed: "app.history-panel.record-result.failed",
  skipped: "app.history-panel.record-result.skipped",
  cancelled: "app.history-panel.record-result.cancelled",
};

/** A step or result this McuFlash does not know (a record from a newer version) shows as recorded. */
function wordOf<K extends string>(table: Readonly<Record<K, string>>, id: string): string {
  return Object.prototype.hasOwnProperty.call(table, id) ? i18n._(table[id as K]) : id;
}

/** Who and what: how it installed, the device, the key, the image's hashes, McuFlash, how long it took. A hash
 * reads short on screen (with a copy button for the whole) and in full on paper. */
function ReportFacts(props: { readonly entry: HistoryEntry }) {
  return (
    <dl className="facts compact history-context">
      {reportFacts(props.entry).map((fact) => (
        <div key={fact.label} className="fact-row">
          <dt>{fact.label}</dt>
          <dd>
            {fact.hash ? (
              <>
                <span className="screen-only">
                  <CopyValue value={fact.value} label={fact.label} length={16} />
                </span>
                <code className="hash-block print-only">{fact.value}</code>
              </>
            ) : (
              fact.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Entry(props: { readonly entry: HistoryEntry }) {
  const { entry } = props;
  const result = RESULT_TEXT[entry.result];
  return (
    <li className="history-item">
      <details>
        <summary>
          <span className={`badge ${result.tone}`}>{i18n._(result.text)}</span>
          <span className="history-title">
            {entry.firmwareName}
            {entry.imageVersion ? ` ${entry.imageVersion}` : ""} → {entry.device}
          </span>
          <time className="muted" dateTime={entry.startedAt}>
            {formatTimestamp(entry.startedAt)}
          </time>
        </summary>
        <p>
          {entry.result === "interrupted" ? i18n._("app.history-entry.interrupted-message") : entry.message}
        </p>
        <ReportFacts entry={entry} />
        <ol className="audit-list">
          {entry.audit.map((record, index) => (
            <li key={`${record.time}-${index}`} className={`audit-${record.result}`}>
              <time dateTime={record.time}>{formatTimestamp(record.time)}</time>{" "}
              <strong>{wordOf(STEP_TEXT, record.step)}</strong>{" "}
              {record.result !== "ok" && (
                <span className="badge bad">{wordOf(RECORD_RESULT_TEXT, record.result)}</span>
              )}{" "}
              {recordText(record)}
              {record.errorCode && <code> ({record.errorCode})</code>}
            </li>
          ))}
        </ol>
      </details>
    </li>
  );
}

export function HistoryPanel(props: { readonly history: HistoryState; readonly locked: boolean }) {
  const { history } = props;
  const [confirmClear, setConfirmClear] = useState(false);
  const empty = history.entries.length === 0;
  return (
    <Panel
      id="history"
      title={i18n._("app.history-panel.history")}
      collapsible
      actions={
        <>
          <button type="button" className="button secondary" onClick={history.exportJson} disabled={empty}>
            {i18n._("app.history-panel.export-json")}
          </button>
          <button type="button" className="button secondary" onClick={history.exportCsv} disabled={empty}>
            {i18n._("app.history-panel.export-csv")}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={empty}
            onClick={() => {
              // A printed report shows every attempt in full.
              for (const details of document.querySelectorAll<HTMLDetailsElement>("#history details"))
                details.open = true;
              window.print();
            }}
          >
            {i18n._("app.history-panel.print")}
          </button>
          {confirmClear ? (
            <button
              type="button"
              className="button danger"
              onClick={() => {
                history.clear();
                setConfirmClear(false);
              }}
              onBlur={() => setConfirmClear(false)}
            >
              {i18n._("app.history-panel.really-clear")}
            </button>
          ) : (
            <button
              type="button"
              className="button ghost"
              onClick={() => setConfirmClear(true)}
              disabled={empty || props.locked}
            >
              {i18n._("app.history-panel.clear")}
            </button>
          )}
        </>
      }
    >
      {history.problem && <p className="notice warning">{history.problem}</p>}
      {empty ? (
        <p className="empty">{i18n._("app.history-panel.no-updates-yet-each")}</p>
      ) : (
        <ul className="history-list" aria-label={i18n._("app.history-panel.updates")}>
          {history.entries.map((entry) => (
            <Entry key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

// Every update attempt, newest first, with its step-by-step audit records; exportable as a JSON file.

import { recordText } from "../update/update-state.js";
import { i18n } from "../../i18n/browser-i18n.js";
import { useState } from "react";
import type { HistoryEntry } from "../storage/records.js";
import { formatByteCount, formatDuration, formatTimestamp, shortHash } from "../../web/format.js";
import { HISTORY_TEXT } from "./history-text.js";
import { Panel } from "../shared/panel.js";
import type { HistoryState } from "./use-history.js";
import "./history.css";

const RESULT_TEXT: Readonly<Record<HistoryEntry["result"], { text: string; tone: string }>> = {
  "running-new": { text: "installed", tone: "ok" },
  "already-running": { text: "already running", tone: "ok" },
  uploaded: { text: "uploaded", tone: "ok" },
  reverted: { text: "reverted", tone: "warning" },
  failed: { text: "failed", tone: "bad" },
  cancelled: { text: "cancelled", tone: "neutral" },
  interrupted: { text: HISTORY_TEXT.interrupted, tone: "warning" },
};

/** Who and what: the device, the key, McuFlash, and how long it took. */
function ContextFacts(props: { readonly entry: HistoryEntry }) {
  const { entry } = props;
  const c = entry.context;
  if (!c) return null;
  const t = HISTORY_TEXT.context;
  const seconds = (Date.parse(entry.finishedAt) - Date.parse(entry.startedAt)) / 1000;
  const facts: [string, string | undefined][] = [
    [t.link, `${c.link} · ${c.deviceLabel}`],
    [t.osInfo, c.osInfo],
    [t.bootloader, c.bootloader],
    [t.runningBefore, c.runningBefore],
    [t.signedBy, c.signedBy ? `${c.signedBy}${c.signatureType ? ` (${c.signatureType})` : ""}` : t.untrusted],
    [t.image, `${formatByteCount(c.imageSize)} · sha256 ${c.imageSha256}`],
    [t.appVersion, c.appVersion],
    [t.duration, entry.result === "interrupted" ? undefined : formatDuration(seconds)],
  ];
  return (
    <dl className="facts compact history-context">
      {facts
        .filter((f): f is [string, string] => f[1] !== undefined)
        .map(([label, value]) => (
          <div key={label} className="fact-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
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
          <span className={`badge ${result.tone}`}>{result.text}</span>
          <span className="history-title">
            {entry.firmwareName}
            {entry.imageVersion ? ` ${entry.imageVersion}` : ""} → {entry.device}
          </span>
          <time className="muted" dateTime={entry.startedAt}>
            {formatTimestamp(entry.startedAt)}
          </time>
        </summary>
        <p>{entry.message}</p>
        <ContextFacts entry={entry} />
        <p className="muted">
          {i18n._("app.history-panel.mode")} {entry.mode} {i18n._("app.history-panel.image-hash")}{" "}
          <code title={entry.imageHash}>{shortHash(entry.imageHash, 16)}</code>
        </p>
        <ol className="audit-list">
          {entry.audit.map((record, index) => (
            <li key={`${record.time}-${index}`} className={`audit-${record.result}`}>
              <time dateTime={record.time}>{formatTimestamp(record.time)}</time>{" "}
              <strong>{record.step}</strong>{" "}
              {record.result !== "ok" && <span className="badge bad">{record.result}</span>}{" "}
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
            {HISTORY_TEXT.exportCsv}
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
            {HISTORY_TEXT.print}
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

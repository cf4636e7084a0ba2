// Step 4: the batch. "Update another device" starts over at step 1 with the same release; every device handled
// so far is listed with its result, and the whole batch exports as one JSON audit.

import { isSuccess, type InstallState } from "../../core/manifest/index.js";
import { RESULT_TEXT } from "../../web/install-text.js";

const BADGE: Readonly<Record<string, string>> = { success: "ok", warning: "warning", error: "bad" };

export function ResultsStep(props: {
  readonly state: InstallState;
  readonly onNext: () => void;
  readonly onExport: () => void;
}) {
  const { state } = props;
  const results = state.results;
  return (
    <div className="install-results">
      <div className="install-row">
        <button
          type="button"
          className={`button ${state.phase === "done" ? "primary" : "secondary"}`}
          onClick={props.onNext}
          disabled={
            state.phase === "installing" || state.phase === "connecting" || state.phase === "checking"
          }
        >
          Update another device
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={props.onExport}
          disabled={results.length === 0}
        >
          Export audit (JSON)
        </button>
      </div>
      {state.pinned && (
        <p className="install-muted">Every device in this batch gets version {state.pinned.version}.</p>
      )}
      {results.length > 0 && (
        <div className="install-table-wrap">
          <table className="install-table" aria-label="Devices in this batch">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Device</th>
                <th scope="col">Version</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => {
                const text = RESULT_TEXT[r.result];
                return (
                  <tr key={r.index} title={r.message}>
                    <td>{r.index}</td>
                    <td>{r.device}</td>
                    <td>
                      {isSuccess(r)
                        ? `${r.previousVersion ?? "?"} → ${r.release}`
                        : (r.previousVersion ?? "?")}
                    </td>
                    <td>
                      <span className={`badge ${BADGE[text.tone] ?? "neutral"}`}>{text.label}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

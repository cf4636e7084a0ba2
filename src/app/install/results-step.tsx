// Step 4: the batch. "Update another device" starts over at step 1 with the same release; every device handled
// so far is listed with its result, and the whole batch exports as one JSON audit.

import { isSuccess, type InstallState } from "../../core/manifest/index.js";
import { i18n } from "../../i18n/browser-i18n.js";
import { endState, nextStepText, resultLabel } from "../../web/install-text.js";

const BADGE: Readonly<Record<string, string>> = { success: "ok", warning: "warning", error: "bad" };

export function ResultsStep(props: {
  readonly state: InstallState;
  readonly onNext: () => void;
  readonly onExport: () => void;
  /** A newer release fits this device now (after a step up). */
  readonly nextStep?: string | undefined;
  readonly onContinue?: () => void;
}) {
  const { state } = props;
  const results = state.results;
  const step = props.nextStep ? nextStepText(props.nextStep) : undefined;
  return (
    <div className="install-results">
      {step && (
        <div className="notice info install-next-step" data-testid="install-next-step">
          <p>{step.note}</p>
          <button type="button" className="button primary" onClick={props.onContinue}>
            {step.action}
          </button>
        </div>
      )}
      <div className="install-row">
        <button
          type="button"
          className={`button ${state.phase === "done" && !step ? "primary" : "secondary"}`}
          onClick={props.onNext}
          disabled={
            state.phase === "installing" || state.phase === "connecting" || state.phase === "checking"
          }
        >
          {i18n._("install.results.update-another")}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={props.onExport}
          disabled={results.length === 0}
        >
          {i18n._("install.results.export-audit")}
        </button>
      </div>
      {state.pinned && (
        <p className="install-muted">{i18n._("install.results.pinned", { version: state.pinned.version })}</p>
      )}
      {results.length > 0 && (
        <div className="install-table-wrap">
          <table className="install-table" aria-label={i18n._("install.results.devices-in-batch")}>
            <thead>
              <tr>
                <th scope="col">{i18n._("install.results.number")}</th>
                <th scope="col">{i18n._("install.results.device")}</th>
                <th scope="col">{i18n._("install.results.version")}</th>
                <th scope="col">{i18n._("install.results.result")}</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => {
                const text = resultLabel(r.result);
                return (
                  <tr key={r.index} title={endState(r, state.manifest?.product ?? "").detail}>
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

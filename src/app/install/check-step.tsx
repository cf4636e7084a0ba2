// Step 2: the device as it reports itself, each product check with a tick or a cross, and the release it will
// get (or why none can be installed).

import type { InstallState } from "../../core/manifest/index.js";
import { i18n } from "../../i18n/browser-i18n.js";
import { checkText, problemText, relationText } from "../../web/install-text.js";

export function CheckStep(props: { readonly state: InstallState }) {
  const { state } = props;
  if (state.phase === "checking") return <p className="install-note">{i18n._("install.live.checking")}</p>;
  const device = state.device;
  if (!device) return null;
  const selection = state.selection;
  return (
    <div className="install-check">
      <dl className="install-facts">
        <div>
          <dt>{i18n._("install.check.device")}</dt>
          <dd>{device.label}</dd>
        </div>
        <div>
          <dt>{i18n._("install.check.runs")}</dt>
          <dd>{device.runningVersion ?? i18n._("install.check.unknown")}</dd>
        </div>
        <div>
          <dt>{i18n._("install.check.board")}</dt>
          <dd>{device.board ?? i18n._("install.check.not-reported")}</dd>
        </div>
      </dl>
      <ul className="install-checks" aria-label={i18n._("install.match.product-checks")}>
        {state.match?.checks.map((check, i) => (
          <li key={i} className={check.ok ? "install-check-ok" : "install-check-bad"}>
            <span className="install-check-icon" aria-hidden="true">
              {check.ok ? "✓" : "✕"}
            </span>
            <span className="visually-hidden">
              {i18n._(check.ok ? "install.match.passed" : "install.match.failed")}
            </span>
            {checkText(check)}
          </li>
        ))}
      </ul>
      {selection && !state.blocker && (
        <div className="install-release" data-testid="install-release">
          <p>
            <strong>{i18n._("install.check.version", { version: selection.release.version })}</strong>
            {selection.release.date && <span className="install-muted"> · {selection.release.date}</span>}
          </p>
          <p>{relationText(selection.relation, selection.runningVersion, selection.release.version)}</p>
          {selection.release.notes && <p className="install-notes">{selection.release.notes}</p>}
        </div>
      )}
      {state.blocker && (
        <p className="notice error" role="alert" data-testid="install-blocker">
          {problemText(state.blocker)}
        </p>
      )}
    </div>
  );
}

// The top bar: name, what the app does, and its own state (offline-ready, a new version waiting).

import { i18n } from "../i18n/browser-i18n.js";
import type { PwaStatus } from "./pwa/service-worker.js";
import { LanguageSwitch } from "./shared/language-switch.js";

export function AppHeader(props: {
  readonly pwa: PwaStatus;
  readonly online: boolean;
  readonly updateRunning: boolean;
  readonly onActivateVersion: () => void;
}) {
  const { pwa } = props;
  return (
    <header className="app-header">
      <div className="brand">
        <img src="icon.svg" alt="" width="40" height="40" />
        <div>
          <h1>{i18n._("app.app-header.mcuflash")}</h1>
          <p className="tagline">{i18n._("app.app-header.verify-install-mcuboot-firmware")}</p>
        </div>
      </div>
      <LanguageSwitch />
      <div className="app-status" role="status">
        {!props.online && <span className="chip chip-offline">{i18n._("app.app-header.offline")}</span>}
        {pwa.offlineReady ? (
          <span className="chip chip-ok" data-testid="offline-ready">
            {i18n._("app.app-header.ready-work-offline")}
          </span>
        ) : pwa.problem ? (
          <span className="chip chip-warning" title={pwa.problem}>
            {i18n._("app.app-header.online-only")}
          </span>
        ) : null}
      </div>
      {pwa.updateWaiting && (
        <div className="version-banner" role="region" aria-label={i18n._("app.app-header.new-version")}>
          {props.updateRunning ? (
            <span>{i18n._("app.app-header.new-version-mcuflash-ready")}</span>
          ) : (
            <>
              <span>{i18n._("app.app-header.new-version-mcuflash-ready-2")}</span>
              <button type="button" className="button primary small" onClick={props.onActivateVersion}>
                {i18n._("app.app-header.reload-update")}
              </button>
            </>
          )}
        </div>
      )}
    </header>
  );
}

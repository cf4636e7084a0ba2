// The top bar: name, what the app does, and its own state (offline-ready, a new version waiting).

import type { PwaStatus } from "./pwa/service-worker.js";

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
          <h1>McuFlash</h1>
          <p className="tagline">Verify and install MCUboot firmware over Bluetooth or USB</p>
        </div>
      </div>
      <div className="app-status" role="status">
        {!props.online && <span className="chip chip-offline">Offline</span>}
        {pwa.offlineReady ? (
          <span className="chip chip-ok" data-testid="offline-ready">
            Ready to work offline
          </span>
        ) : pwa.problem ? (
          <span className="chip chip-warning" title={pwa.problem}>
            Online only
          </span>
        ) : null}
      </div>
      {pwa.updateWaiting && (
        <div className="version-banner" role="region" aria-label="New version">
          {props.updateRunning ? (
            <span>A new version of McuFlash is ready; you will be asked once this update has finished.</span>
          ) : (
            <>
              <span>A new version of McuFlash is ready.</span>
              <button type="button" className="button primary small" onClick={props.onActivateVersion}>
                Reload to update
              </button>
            </>
          )}
        </div>
      )}
    </header>
  );
}

// Step 1: connect. Only the links the manifest's matching allows, plus the demo device; each says why it
// cannot be used in this browser when it cannot. Closing the chooser without a device is not an error.

import { i18n } from "../../i18n/browser-i18n.js";
import { allowedLinks, type InstallLinkKind, type InstallState } from "../../core/manifest/index.js";
import { LINK_NAMES, type LinkKind, type LinkSupport } from "../../web/capabilities.js";
import { problemText } from "../../web/install-text.js";

const NOT_CHOSEN = new Set(["no-port-chosen", "no-device-chosen"]);

export function ConnectStep(props: {
  readonly state: InstallState;
  readonly support: Readonly<Record<LinkKind, LinkSupport>> | undefined;
  readonly onConnect: (kind: InstallLinkKind) => void;
}) {
  const { state, support } = props;
  const manifest = state.manifest;
  if (!manifest) return null;
  const kinds = allowedLinks(manifest);
  const busy = state.phase === "connecting" || state.phase === "checking" || state.phase === "installing";
  const error = state.phase === "ready" ? state.error : undefined;
  return (
    <div className="install-connect">
      <ul className="install-links" aria-label={i18n._("install.connect.ways")}>
        {kinds.map((kind) => {
          const link = support?.[kind];
          const usable = link?.supported === true;
          const whyId = `install-link-${kind}-why`;
          return (
            <li key={kind} className="install-link">
              <button
                type="button"
                className={`button ${kind === "demo" ? "secondary" : "primary"} install-link-button`}
                disabled={!usable || busy}
                aria-describedby={whyId}
                onClick={() => props.onConnect(kind)}
              >
                {i18n._(LINK_NAMES[kind])}
              </button>
              <p id={whyId} className="install-link-why">
                {!link
                  ? i18n._("install.connect.checking-support")
                  : usable
                    ? kind === "demo"
                      ? i18n._("install.connect.demo-ready")
                      : link.reason
                    : `${link.reason}${link.hint ? ` ${link.hint}` : ""}`}
              </p>
            </li>
          );
        })}
      </ul>
      {state.phase === "connecting" && <p className="install-note">{i18n._("install.live.connecting")}</p>}
      {error &&
        (NOT_CHOSEN.has(error.code) ? (
          <p className="install-note">{problemText(error)}</p>
        ) : (
          <p className="notice error" role="alert">
            {problemText(error)}
          </p>
        ))}
    </div>
  );
}

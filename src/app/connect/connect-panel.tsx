// Step 1: pick how to reach the device. Every option is shown with what this browser supports and, when it
// does not, why and what to do instead — nothing is hidden behind a greyed-out button alone.

import { i18n } from "../../i18n/browser-i18n.js";
import type { ReactNode } from "react";
import { LINK_KINDS, LINK_NAMES, type LinkKind, type LinkSupport } from "../../web/capabilities.js";
import { Panel } from "../shared/panel.js";
import type { ConnectionState } from "./use-connection.js";
import { BluetoothOptions, useBluetoothOptions } from "./bluetooth-options.js";
import { SerialOptions, useSerialBaud } from "./serial-options.js";
import "./connect.css";

const STATUS_TEXT: Readonly<Record<ConnectionState["status"], string>> = {
  idle: "app.connect-panel.status.idle",
  choosing: "app.connect-panel.status.choosing",
  connecting: "app.connect-panel.status.connecting",
  connected: "app.connect-panel.status.connected",
  restarting: "app.connect-panel.status.restarting",
  lost: "app.connect-panel.status.lost",
  lent: "app.connect-panel.status.lent",
};

function LinkOption(props: {
  readonly support: LinkSupport;
  readonly busy: boolean;
  readonly onConnect: (kind: LinkKind) => void;
  readonly children?: ReactNode;
}) {
  const { support } = props;
  const usable = support.supported;
  const describedBy = `link-${support.kind}-why`;
  return (
    <li className={`link-option${usable ? "" : " unavailable"}`}>
      <button
        type="button"
        className={`button ${support.kind === "demo" ? "secondary" : "primary"} link-button`}
        disabled={!usable || props.busy}
        aria-describedby={describedBy}
        onClick={() => props.onConnect(support.kind)}
      >
        {i18n._(LINK_NAMES[support.kind])}
      </button>
      <p id={describedBy} className="link-why">
        {!support.supported ? (
          <>
            <span className="badge warning">{i18n._("app.connect-panel.not-available")}</span>{" "}
            {support.reason}
            {support.hint && <span className="hint"> {support.hint}</span>}
          </>
        ) : (
          support.reason
        )}
      </p>
      {usable && props.children}
    </li>
  );
}

export function ConnectPanel(props: {
  readonly connection: ConnectionState;
  readonly support: Readonly<Record<LinkKind, LinkSupport>> | undefined;
  readonly locked: boolean;
}) {
  const { connection, support } = props;
  const [bluetooth, setBluetooth] = useBluetoothOptions();
  const [baudRate, setBaudRate] = useSerialBaud();
  const busy = props.locked || connection.status === "choosing" || connection.status === "connecting";
  const connected = connection.status !== "idle";
  // Once a device is attached the choices step aside (Disconnect brings them back).
  const showOptions = !["connected", "restarting", "lent"].includes(connection.status);
  return (
    <Panel
      id="connect"
      title={i18n._("app.connect-panel.connect")}
      step={1}
      actions={
        connected && (
          <button
            type="button"
            className="button ghost"
            onClick={connection.disconnect}
            disabled={props.locked}
          >
            {i18n._("app.connect-panel.disconnect")}
          </button>
        )
      }
    >
      <p className={`connection-status status-${connection.status}`} role="status">
        <span className="dot" aria-hidden="true" />
        {i18n._(STATUS_TEXT[connection.status])}
        {connection.label && connected ? ` · ${connection.label}` : ""}
        {connection.baudRate && connected
          ? ` · ${i18n._("app.connect-panel.baud", { rate: connection.baudRate })}`
          : ""}
      </p>
      {connection.status === "lost" && (
        <button type="button" className="button primary" onClick={connection.reconnect}>
          {i18n._("app.connect-panel.reconnect")}
        </button>
      )}
      {connection.notice && <p className="notice info">{connection.notice}</p>}
      {connection.error && (
        <p className="notice error" role="alert">
          {connection.error}
        </p>
      )}
      {!showOptions ? null : support ? (
        <ul className="link-options" aria-label={i18n._("app.connect-panel.ways-connect")}>
          {LINK_KINDS.map((kind) => (
            <LinkOption
              key={kind}
              support={support[kind]}
              busy={busy}
              onConnect={(k) =>
                connection.connect(
                  k,
                  k === "bluetooth" ? bluetooth : k === "serial" && baudRate ? { baudRate } : undefined,
                )
              }
            >
              {kind === "bluetooth" && (
                <BluetoothOptions options={bluetooth} onChange={setBluetooth} disabled={busy} />
              )}
              {kind === "serial" && (
                <SerialOptions baudRate={baudRate} onChange={setBaudRate} disabled={busy} />
              )}
            </LinkOption>
          ))}
        </ul>
      ) : (
        <p className="muted">{i18n._("app.connect-panel.checking-what-browser-supports")}</p>
      )}
    </Panel>
  );
}

// What the connected device reports: its slots, SMP buffers, OS and bootloader; and what a technician does
// by hand: read again, check the link (echo), restart the device, keep an image that runs on trial.

import { i18n } from "../../i18n/browser-i18n.js";
import { useId, useState, type FormEvent } from "react";
import type { ConnectionState } from "../connect/use-connection.js";
import { errorText } from "../shared/error-text.js";
import { formatBytes, formatTimestamp } from "../../web/format.js";
import { Panel } from "../shared/panel.js";
import { modeFromSlots } from "../../core/device/running-mode.js";
import { bootModeWords } from "../shared/boot-mode-words.js";
import { hardwareId } from "../services/device.js";
import { SlotsTable } from "./slots-table.js";
import { TrialNotice } from "./trial-notice.js";
import "./device.css";

export function DevicePanel(props: { readonly connection: ConnectionState; readonly locked: boolean }) {
  const { connection } = props;
  const { snapshot } = connection;
  const [echoText, setEchoText] = useState("hello");
  const [echoResult, setEchoResult] = useState<string | undefined>();
  const echoId = useId();
  const ready = connection.status === "connected" && !props.locked;
  const inRecovery =
    snapshot !== undefined &&
    snapshot.slots.length > 0 &&
    modeFromSlots(snapshot.slots) === "serial-recovery";

  const onEcho = async (event: FormEvent) => {
    event.preventDefault();
    setEchoResult(i18n._("app.device-panel.waiting-answer"));
    try {
      const { reply, ms } = await connection.echo(echoText);
      setEchoResult(i18n._("app.device-panel.answered-ms", { reply, round: Math.round(ms) }));
    } catch (e) {
      setEchoResult(errorText(e));
    }
  };

  return (
    <Panel
      id="device"
      title={i18n._("app.os-tab.device")}
      collapsible
      actions={
        <>
          <button
            type="button"
            className="button secondary"
            disabled={!ready || connection.reading}
            onClick={connection.refresh}
          >
            {connection.reading ? i18n._("app.device-panel.reading") : i18n._("app.device-panel.refresh")}
          </button>
          <button type="button" className="button secondary" disabled={!ready} onClick={connection.reset}>
            {i18n._("app.device-panel.reset")}
          </button>
          {/* MCUboot's serial recovery listens on the UART only: over Bluetooth the device would be out of reach. */}
          {connection.kind === "serial" && (
            <button
              type="button"
              className="button secondary"
              disabled={!ready}
              title={i18n._("app.device-panel.restart-bootloader-help")}
              onClick={connection.restartIntoBootloader}
            >
              {i18n._("app.device-panel.restart-bootloader")}
            </button>
          )}
        </>
      }
    >
      {!snapshot ? (
        <p className="empty">
          {connection.status === "connecting" || connection.reading
            ? i18n._("app.device-panel.reading-device")
            : i18n._("app.device-panel.connect-device-see-image")}
        </p>
      ) : (
        <>
          {inRecovery && (
            <p className="notice warning" role="status">
              {i18n._("app.device-panel.serial-recovery")}
            </p>
          )}
          {connection.bootloaderOutcome === "not-entered" && (
            <p className="notice warning" role="status">
              {i18n._("app.device-panel.bootloader-not-entered")}
            </p>
          )}
          {/* Serial recovery has no test, confirm or erase: the slot actions wait for the application. */}
          <SlotsTable
            slots={snapshot.slots}
            onAction={connection.slotAction}
            disabled={!ready || inRecovery}
          />
          <TrialNotice slots={snapshot.slots} disabled={!ready} onKeep={connection.keepRunning} />
          <dl className="facts compact">
            <dt>{i18n._("app.device-panel.link")}</dt>
            <dd>{connection.label ?? "—"}</dd>
            <dt>{i18n._("app.device-panel.smp-buffers")}</dt>
            <dd>
              {snapshot.params
                ? i18n._("app.device-panel.buf-count-buf-size", {
                    bufCount: snapshot.params.bufCount,
                    bufSize: formatBytes(snapshot.params.bufSize),
                  })
                : i18n._("app.os-tab.not-reported")}
            </dd>
            <dt>{i18n._("app.os-tab.os")}</dt>
            <dd>{snapshot.osInfo ?? i18n._("app.os-tab.not-reported")}</dd>
            <dt>{i18n._("app.device-panel.hardware")}</dt>
            <dd>{hardwareId(snapshot.hardware) ?? i18n._("app.os-tab.not-reported")}</dd>
            <dt>{i18n._("app.os-tab.bootloader")}</dt>
            <dd>
              {snapshot.bootloader
                ? [
                    snapshot.bootloader.name ?? i18n._("app.device-panel.bootloader-unknown"),
                    snapshot.bootloader.modeNumber === undefined
                      ? undefined
                      : bootModeWords(snapshot.bootloader.modeNumber),
                    snapshot.bootloader.noDowngrade === undefined
                      ? undefined
                      : snapshot.bootloader.noDowngrade
                        ? i18n._("app.device-panel.refuses-downgrades")
                        : i18n._("app.device-panel.allows-downgrades"),
                  ]
                    .filter(Boolean)
                    .join(" · ")
                : i18n._("app.os-tab.not-reported")}
            </dd>
            <dt>{i18n._("app.device-panel.read")}</dt>
            <dd>{formatTimestamp(snapshot.readAt)}</dd>
          </dl>
          <form className="echo-form" onSubmit={(e) => void onEcho(e)}>
            <label htmlFor={echoId}>{i18n._("app.device-panel.check-link-echo")}</label>
            <div className="inline-field">
              <input
                id={echoId}
                value={echoText}
                onChange={(e) => setEchoText(e.target.value)}
                autoComplete="off"
              />
              <button type="submit" className="button secondary" disabled={!ready}>
                {i18n._("app.device-panel.echo")}
              </button>
            </div>
            {echoResult && (
              <p className="muted" role="status">
                {echoResult}
              </p>
            )}
          </form>
        </>
      )}
    </Panel>
  );
}

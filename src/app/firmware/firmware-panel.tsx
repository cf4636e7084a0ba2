// Step 2: pick the firmware and see its verification report before anything can be sent.

import { i18n } from "../../i18n/browser-i18n.js";
import { Panel } from "../shared/panel.js";
import { FirmwareSource } from "./firmware-source.js";
import type { GateVerdict } from "./send-gate.js";
import type { FirmwareState } from "./use-firmware.js";
import { VerificationReport } from "./verification-report.js";
import "./firmware.css";

export function FirmwarePanel(props: {
  readonly state: FirmwareState;
  readonly verdict: GateVerdict | undefined;
  readonly locked: boolean;
  /** Loads sample firmware signed by the demo key (offered while the Demo device is connected). */
  readonly onDemoFirmware?: (() => void) | undefined;
}) {
  const { state, verdict } = props;
  return (
    <Panel id="firmware" title={i18n._("app.firmware-panel.firmware")} step={2}>
      <FirmwareSource
        disabled={props.locked}
        saved={state.saved}
        onFile={state.openFile}
        onUrl={state.openUrl}
        onSaved={state.openSaved}
        onRemoveSaved={state.removeSaved}
      />
      {props.onDemoFirmware && !state.current && (
        <p className="demo-offer">
          {i18n._("app.firmware-panel.no-firmware-hand")}{" "}
          <button
            type="button"
            className="button ghost small"
            disabled={props.locked || state.busy !== undefined}
            onClick={props.onDemoFirmware}
          >
            {i18n._("app.firmware-panel.load-demo-firmware")}
          </button>{" "}
          {i18n._("app.firmware-panel.demo-offer")}
        </p>
      )}
      {state.busy && (
        <p className="notice info" role="status">
          <span className="spinner" aria-hidden="true" /> {state.busy}
          <button type="button" className="button ghost small" onClick={state.cancel}>
            {i18n._("app.update-panel.cancel")}
          </button>
        </p>
      )}
      {state.error && (
        <p className="notice error" role="alert">
          {state.error}
        </p>
      )}
      {state.current && verdict && (
        <VerificationReport
          check={state.current.check}
          selected={state.selected}
          verdict={verdict}
          override={state.override}
          onSelect={state.select}
          onOverride={state.setOverride}
          disabled={props.locked}
        />
      )}
      {!state.current && !state.busy && !state.error && (
        <p className="empty">{i18n._("app.firmware-panel.no-firmware-yet-report")}</p>
      )}
    </Panel>
  );
}

// The serial link's baud rate: the one remembered for the port (default), or one picked for this
// connection, which is then remembered for that port.

import { useId, useState } from "react";
import { BAUD_RATES, DEFAULT_BAUD } from "../services/serial-baud.js";
import { i18n } from "../../i18n/browser-i18n.js";

export function useSerialBaud(): [number | undefined, (next: number | undefined) => void] {
  return useState<number | undefined>(undefined);
}

export function SerialOptions(props: {
  readonly baudRate: number | undefined;
  readonly onChange: (next: number | undefined) => void;
  readonly disabled: boolean;
}) {
  const id = useId();
  return (
    <div className="field serial-options">
      <label htmlFor={id}>{i18n._("app.serial-options.baud-rate")}</label>
      <select
        id={id}
        value={props.baudRate ?? ""}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value === "" ? undefined : Number(e.target.value))}
      >
        <option value="">{i18n._("app.serial-options.baud-remembered", { rate: DEFAULT_BAUD })}</option>
        {BAUD_RATES.map((rate) => (
          <option key={rate} value={rate}>
            {rate}
          </option>
        ))}
      </select>
    </div>
  );
}

// The serial link's baud rate: the one remembered for the port (default), or one picked for this
// connection, which is then remembered for that port.

import { useId, useState } from "react";
import { BAUD_RATES } from "../services/serial-baud.js";
import { CONNECT_TEXT } from "./connect-text.js";

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
      <label htmlFor={id}>{CONNECT_TEXT.baudRate}</label>
      <select
        id={id}
        value={props.baudRate ?? ""}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value === "" ? undefined : Number(e.target.value))}
      >
        <option value="">{CONNECT_TEXT.baudRemembered}</option>
        {BAUD_RATES.map((rate) => (
          <option key={rate} value={rate}>
            {rate}
          </option>
        ))}
      </select>
    </div>
  );
}

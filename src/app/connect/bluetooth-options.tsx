// How the Bluetooth chooser looks for devices: by the SMP service (default), also by a name prefix, or
// every device nearby. Remembered in this browser, since a technician serves the same products each day.

import { useId, useState } from "react";
import type { LinkRequestOptions } from "../services/links.js";
import { i18n } from "../../i18n/browser-i18n.js";

const STORAGE_KEY = "mcuflash.bluetooth-chooser";

function remembered(): LinkRequestOptions {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}");
    if (typeof value !== "object" || value === null) return {};
    const prefix: unknown = Reflect.get(value, "namePrefix");
    const all: unknown = Reflect.get(value, "acceptAllDevices");
    return {
      ...(typeof prefix === "string" && prefix !== "" ? { namePrefix: prefix } : {}),
      ...(all === true ? { acceptAllDevices: true } : {}),
    };
  } catch {
    return {};
  }
}

export function useBluetoothOptions(): [LinkRequestOptions, (next: LinkRequestOptions) => void] {
  const [options, setOptions] = useState(remembered);
  const update = (next: LinkRequestOptions) => {
    setOptions(next);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Not remembered (storage off); this visit still uses it.
    }
  };
  return [options, update];
}

export function BluetoothOptions(props: {
  readonly options: LinkRequestOptions;
  readonly onChange: (next: LinkRequestOptions) => void;
  readonly disabled: boolean;
}) {
  const prefixId = useId();
  const prefixHint = useId();
  const allId = useId();
  const { options } = props;
  return (
    <details className="bluetooth-options" open={Boolean(options.namePrefix || options.acceptAllDevices)}>
      <summary>{i18n._("app.bluetooth-options.chooser-options")}</summary>
      <div className="field">
        <label htmlFor={prefixId}>{i18n._("app.bluetooth-options.name-prefix")}</label>
        <input
          id={prefixId}
          value={options.namePrefix ?? ""}
          disabled={props.disabled || options.acceptAllDevices === true}
          aria-describedby={prefixHint}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            const namePrefix = e.target.value.trimStart();
            const { namePrefix: _old, ...rest } = options;
            props.onChange(namePrefix ? { ...rest, namePrefix } : rest);
          }}
        />
        <p id={prefixHint} className="muted">
          {i18n._("app.bluetooth-options.name-prefix-hint")}
        </p>
      </div>
      <label htmlFor={allId} className="check-row">
        <input
          id={allId}
          type="checkbox"
          checked={options.acceptAllDevices === true}
          disabled={props.disabled}
          onChange={(e) => props.onChange({ ...options, acceptAllDevices: e.target.checked })}
        />
        {i18n._("app.bluetooth-options.show-all")}
      </label>
      {options.acceptAllDevices && <p className="muted">{i18n._("app.bluetooth-options.show-all-hint")}</p>}
    </details>
  );
}

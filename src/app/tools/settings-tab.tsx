// Settings: read, write and delete one value by name, shown as text when it is printable and as hex otherwise;
// and commit, load or save all settings. Values are typed as text, or hex when they start with 0x.

import { useId, useState, type FormEvent } from "react";
import {
  type SettingValue,
  type ValueEncoding,
  commitSettings,
  deleteSetting,
  integerReadings,
  loadSettings,
  parseSettingValue,
  readSetting,
  saveSettings,
  writeSetting,
} from "../../core/device-tools/index.js";
import type { SmpClient } from "../../core/smp/index.js";
import { ActionStatus, ToolSection } from "./tools-status.js";
import { useToolAction } from "./use-tool-action.js";

type Outcome =
  | { readonly kind: "read"; readonly setting: SettingValue }
  | { readonly kind: "message"; readonly text: string };

const ENCODINGS: readonly { readonly value: ValueEncoding | "auto"; readonly label: string }[] = [
  { value: "auto", label: "Auto (0x… is hex)" },
  { value: "text", label: "Text" },
  { value: "hex", label: "Hex" },
];

export function SettingsTab(props: { readonly client: SmpClient }) {
  const { client } = props;
  const id = useId();
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [encoding, setEncoding] = useState<ValueEncoding | "auto">("auto");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const one = useToolAction<Outcome>();
  const all = useToolAction<string>();

  const onRead = (event: FormEvent) => {
    event.preventDefault();
    setConfirmDelete(false);
    void one.run(async (signal) => {
      const setting = await readSetting(client, name, { signal });
      setValue(setting.display.text);
      setEncoding(setting.display.encoding);
      return { kind: "read", setting };
    });
  };

  const onWrite = () => {
    setConfirmDelete(false);
    let bytes: Uint8Array;
    try {
      bytes = parseSettingValue(value, encoding);
    } catch (error) {
      one.fail(error);
      return;
    }
    void one.run(async (signal) => {
      await writeSetting(client, name, bytes, { signal });
      return {
        kind: "message",
        text: `Wrote ${name} (${bytes.length} bytes). Save to keep it after a reset.`,
      };
    });
  };

  const onDelete = () => {
    setConfirmDelete(false);
    void one.run(async (signal) => {
      await deleteSetting(client, name, { signal });
      return { kind: "message", text: `Deleted ${name} from the saved settings.` };
    });
  };

  const whole = (run: typeof commitSettings, done: string) =>
    void all.run(async (signal) => {
      await run(client, { signal });
      return done;
    });

  const outcome = one.state.status === "done" ? one.state.result : undefined;
  return (
    <div className="tools-stack">
      <ToolSection title="One setting">
        <form className="tools-form" onSubmit={onRead}>
          <div className="tools-field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input
              id={`${id}-name`}
              value={name}
              placeholder="e.g. app/volume"
              onChange={(e) => {
                setName(e.target.value);
                setConfirmDelete(false);
              }}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <div className="tools-field">
            <label htmlFor={`${id}-value`}>Value</label>
            <input
              id={`${id}-value`}
              className="tools-mono"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <div className="tools-field tools-narrow">
            <label htmlFor={`${id}-encoding`}>Value is</label>
            <select
              id={`${id}-encoding`}
              value={encoding}
              onChange={(e) => setEncoding(toEncoding(e.target.value))}
            >
              {ENCODINGS.map((e) => (
                <option key={e.value} value={e.value}>
                  {e.label}
                </option>
              ))}
            </select>
          </div>
          <div className="tools-actions">
            <button type="submit" className="tools-button primary" disabled={one.busy || name.trim() === ""}>
              Read
            </button>
            <button
              type="button"
              className="tools-button"
              disabled={one.busy || name.trim() === ""}
              onClick={onWrite}
            >
              Write
            </button>
            {confirmDelete ? (
              <>
                <button type="button" className="tools-button danger" onClick={onDelete}>
                  Delete {name}
                </button>
                <button type="button" className="tools-button" onClick={() => setConfirmDelete(false)}>
                  Keep it
                </button>
              </>
            ) : (
              <button
                type="button"
                className="tools-button"
                disabled={one.busy || name.trim() === ""}
                onClick={() => setConfirmDelete(true)}
              >
                Delete…
              </button>
            )}
          </div>
        </form>
        <ActionStatus state={one.state} />
        {outcome?.kind === "message" && (
          <p className="tools-ok" role="status">
            {outcome.text}
          </p>
        )}
        {outcome?.kind === "read" && <SettingFacts setting={outcome.setting} />}
      </ToolSection>
      <ToolSection title="All settings">
        <div className="tools-actions">
          <button
            type="button"
            className="tools-button"
            disabled={all.busy}
            onClick={() => whole(commitSettings, "Committed: the device applied the written values.")}
          >
            Commit
          </button>
          <button
            type="button"
            className="tools-button"
            disabled={all.busy}
            onClick={() => whole(loadSettings, "Loaded: the device reloaded its saved values.")}
          >
            Load
          </button>
          <button
            type="button"
            className="tools-button"
            disabled={all.busy}
            onClick={() => whole(saveSettings, "Saved: the values survive a reset.")}
          >
            Save
          </button>
        </div>
        <p className="tools-muted">
          Commit applies written values; load reloads the saved ones; save stores the current ones.
        </p>
        <ActionStatus state={all.state} />
        {all.state.status === "done" && (
          <p className="tools-ok" role="status">
            {all.state.result}
          </p>
        )}
      </ToolSection>
    </div>
  );
}

function toEncoding(value: string): ValueEncoding | "auto" {
  return value === "text" || value === "hex" ? value : "auto";
}

function SettingFacts(props: { readonly setting: SettingValue }) {
  const { setting } = props;
  const numbers = integerReadings(setting.value);
  return (
    <dl className="tools-facts">
      <dt>{setting.name}</dt>
      <dd className="tools-mono">{setting.display.text === "" ? "(empty)" : setting.display.text}</dd>
      <dt>Shown as</dt>
      <dd>
        {setting.display.encoding === "text" ? "text" : "hex"}, {setting.value.length} bytes
        {setting.truncatedTo !== undefined ? ` (cut to the device's maximum of ${setting.truncatedTo})` : ""}
      </dd>
      {numbers && (
        <>
          <dt>As a number</dt>
          <dd>
            {numbers.unsigned.toString()}
            {numbers.signed !== numbers.unsigned ? ` (signed ${numbers.signed.toString()})` : ""},
            little-endian
          </dd>
        </>
      )}
    </dl>
  );
}

// Settings: read, write and delete one value by name, shown as text when it is printable and as hex otherwise;
// and commit, load or save all settings. Values are typed as text, or hex when they start with 0x.

import { i18n } from "../../i18n/browser-i18n.js";
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
  { value: "auto", label: "app.settings-tab.encoding.auto" },
  { value: "text", label: "app.settings-tab.encoding.text" },
  { value: "hex", label: "app.settings-tab.encoding.hex" },
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
        text: i18n._("app.settings-tab.wrote-bytes-save-keep", { name, bytesLength: bytes.length }),
      };
    });
  };

  const onDelete = () => {
    setConfirmDelete(false);
    void one.run(async (signal) => {
      await deleteSetting(client, name, { signal });
      return { kind: "message", text: i18n._("app.settings-tab.deleted-from-saved-settings", { name }) };
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
      <ToolSection title={i18n._("app.settings-tab.one-setting")}>
        <form className="tools-form" onSubmit={onRead}>
          <div className="tools-field">
            <label htmlFor={`${id}-name`}>{i18n._("app.settings-tab.name")}</label>
            <input
              id={`${id}-name`}
              value={name}
              placeholder={i18n._("app.settings-tab.e-g-app-volume")}
              onChange={(e) => {
                setName(e.target.value);
                setConfirmDelete(false);
              }}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <div className="tools-field">
            <label htmlFor={`${id}-value`}>{i18n._("app.stats-tab.value")}</label>
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
            <label htmlFor={`${id}-encoding`}>{i18n._("app.settings-tab.value")}</label>
            <select
              id={`${id}-encoding`}
              value={encoding}
              onChange={(e) => setEncoding(toEncoding(e.target.value))}
            >
              {ENCODINGS.map((e) => (
                <option key={e.value} value={e.value}>
                  {i18n._(e.label)}
                </option>
              ))}
            </select>
          </div>
          <div className="tools-actions">
            <button type="submit" className="tools-button primary" disabled={one.busy || name.trim() === ""}>
              {i18n._("app.os-tab.read")}
            </button>
            <button
              type="button"
              className="tools-button"
              disabled={one.busy || name.trim() === ""}
              onClick={onWrite}
            >
              {i18n._("app.settings-tab.write")}
            </button>
            {confirmDelete ? (
              <>
                <button type="button" className="tools-button danger" onClick={onDelete}>
                  {" "}
                  {i18n._("app.settings-tab.delete", { name })}{" "}
                </button>
                <button type="button" className="tools-button" onClick={() => setConfirmDelete(false)}>
                  {i18n._("app.settings-tab.keep")}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="tools-button"
                disabled={one.busy || name.trim() === ""}
                onClick={() => setConfirmDelete(true)}
              >
                {i18n._("app.settings-tab.delete-2")}
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
      <ToolSection title={i18n._("app.settings-tab.all-settings")}>
        <div className="tools-actions">
          <button
            type="button"
            className="tools-button"
            disabled={all.busy}
            onClick={() => whole(commitSettings, i18n._("app.settings-tab.committed-device-applied-written"))}
          >
            {i18n._("app.settings-tab.commit")}
          </button>
          <button
            type="button"
            className="tools-button"
            disabled={all.busy}
            onClick={() => whole(loadSettings, i18n._("app.settings-tab.loaded-device-reloaded-saved"))}
          >
            {i18n._("app.settings-tab.load")}
          </button>
          <button
            type="button"
            className="tools-button"
            disabled={all.busy}
            onClick={() => whole(saveSettings, i18n._("app.settings-tab.saved-values-survive-reset"))}
          >
            {i18n._("app.settings-tab.save")}
          </button>
        </div>
        <p className="tools-muted">{i18n._("app.settings-tab.commit-applies-written-values")}</p>
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
      <dt>{i18n._("app.settings-tab.shown")}</dt>
      <dd>
        {setting.display.encoding === "text" ? "text" : "hex"}, {setting.value.length}{" "}
        {i18n._("app.settings-tab.bytes")}
        {setting.truncatedTo !== undefined
          ? i18n._("app.settings-tab.cut-device-s-maximum", { truncatedTo: setting.truncatedTo })
          : ""}
      </dd>
      {numbers && (
        <>
          <dt>{i18n._("app.settings-tab.number")}</dt>
          <dd>
            {numbers.unsigned.toString()}
            {numbers.signed !== numbers.unsigned
              ? i18n._("app.settings-tab.signed", { signed: numbers.signed.toString() })
              : ""}
            {i18n._("app.settings-tab.little-endian")}
          </dd>
        </>
      )}
    </dl>
  );
}

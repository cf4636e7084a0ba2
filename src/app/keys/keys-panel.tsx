// Trusted keys: the public keys whose signatures make an image "trusted". Added by pasting or from a file,
// named, removable; kept in this browser only.

import { i18n } from "../../i18n/browser-i18n.js";
import { useId, useRef, useState, type FormEvent } from "react";
import { CopyValue } from "../shared/copy-button.js";
import { errorText } from "../shared/error-text.js";
import { formatTimestamp } from "../../web/format.js";
import { Panel } from "../shared/panel.js";
import type { KeysState } from "./use-keys.js";
import "./keys.css";

const KEY_FILE_TYPES = ".pem,.pub,.der,.raw,.c,.h,.rs,.txt,.key";

function nameFromFile(fileName: string): string {
  return fileName.replace(/\.(pub\.)?(pem|der|raw|c|h|rs|txt|key|pub)$/i, "") || fileName;
}

export function KeysPanel(props: { readonly state: KeysState; readonly disabled: boolean }) {
  const { state } = props;
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const textId = useId();
  const nameId = useId();
  const fileInput = useRef<HTMLInputElement>(null);

  const add = async (material: string | Uint8Array, keyName: string | undefined) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      const key = await state.add(material, keyName);
      setText("");
      setName("");
      setNotice(i18n._("app.keys-panel.added", { keyName: key.name, type: key.type }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim().length === 0) {
      setError(i18n._("app.keys-panel.paste-key-first-load"));
      return;
    }
    void add(text, name.trim() || undefined);
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    await add(bytes, name.trim() || nameFromFile(file.name));
  };

  return (
    <Panel id="keys" title={i18n._("app.keys-panel.trusted-keys")} collapsible>
      <p className="muted">{i18n._("app.keys-panel.image-trusted-when-one")}</p>
      {state.storageProblem && <p className="notice warning">{state.storageProblem}</p>}
      {state.keys.length === 0 ? (
        <p className="empty">
          {state.loaded ? i18n._("app.keys-panel.no-keys-yet-every") : i18n._("app.keys-panel.loading")}
        </p>
      ) : (
        <ul className="key-list" aria-label={i18n._("app.keys-panel.trusted-keys")}>
          {state.keys.map((key) => (
            <li key={key.id} className="key-item">
              <div className="key-main">
                <strong className="key-name">{key.name}</strong>
                <span className="badge neutral">{key.type}</span>
              </div>
              <div className="key-meta">
                <span>
                  {i18n._("app.keys-panel.key-hash")}{" "}
                  <CopyValue
                    value={key.fingerprint}
                    label={i18n._("app.keys-panel.key-hash-of", { keyName: key.name })}
                  />
                </span>
                <span className="muted">
                  {" "}
                  {i18n._("app.keys-panel.added-2", {
                    format: key.format,
                    addedAt: formatTimestamp(key.addedAt),
                  })}{" "}
                </span>
              </div>
              <button
                type="button"
                className="button danger-outline"
                disabled={props.disabled}
                onClick={() => void state.remove(key.id).catch((e: unknown) => setError(errorText(e)))}
                aria-label={i18n._("app.keys-panel.remove-key", { keyName: key.name })}
              >
                {i18n._("app.keys-panel.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}

      <form className="key-form" onSubmit={onSubmit}>
        <label htmlFor={textId}>{i18n._("app.keys-panel.add-public-key")}</label>
        <textarea
          id={textId}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={4}
          spellCheck={false}
          placeholder={i18n._("app.keys-panel.begin-public-key-pem")}
        />
        <div className="form-row">
          <div className="field grow">
            <label htmlFor={nameId}>{i18n._("app.keys-panel.name-optional")}</label>
            <input
              id={nameId}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={i18n._("app.keys-panel.e-g-production-signing")}
              autoComplete="off"
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy || props.disabled}>
              {i18n._("app.keys-panel.add-key")}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy || props.disabled}
              onClick={() => fileInput.current?.click()}
            >
              {i18n._("app.keys-panel.load-key-file")}
            </button>
            <input
              ref={fileInput}
              hidden
              data-testid="key-file"
              aria-label={i18n._("app.keys-panel.key-file")}
              type="file"
              accept={KEY_FILE_TYPES}
              disabled={busy || props.disabled}
              onChange={(e) => {
                void onFile(e.target.files?.[0]);
                e.target.value = "";
              }}
            />
          </div>
        </div>
        {error && (
          <p className="notice error" role="alert">
            {error}
          </p>
        )}
        {notice && (
          <p className="notice success" role="status">
            {notice}
          </p>
        )}
      </form>
    </Panel>
  );
}

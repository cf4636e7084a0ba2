// Where firmware comes from: a file (button or drag-and-drop anywhere on the drop zone), an address the
// user types, or a file kept on this device from an earlier visit (offline installs).

import { i18n } from "../../i18n/browser-i18n.js";
import { useId, useRef, useState, type DragEvent, type FormEvent } from "react";
import type { StoredFirmware } from "../storage/records.js";
import { formatBytes, formatTimestamp } from "../../web/format.js";

const FIRMWARE_TYPES = ".bin,.hex,.zip,.img,.signed";

/** A vendor page may link to the app with ?firmware=URL: the address is filled in, the user confirms. */
function suggestedUrl(): string {
  return new URLSearchParams(window.location.search).get("firmware") ?? "";
}

export function FirmwareSource(props: {
  readonly disabled: boolean;
  readonly saved: readonly StoredFirmware[];
  readonly onFile: (file: File) => void;
  readonly onUrl: (url: string) => void;
  readonly onSaved: (id: string) => void;
  readonly onRemoveSaved: (id: string) => void;
}) {
  const [dragging, setDragging] = useState(false);
  const [url, setUrl] = useState(suggestedUrl);
  const fileInput = useRef<HTMLInputElement>(null);
  const urlId = useId();
  const hintId = useId();

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !props.disabled) props.onFile(file);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    props.onUrl(url);
  };

  return (
    <div className="firmware-source">
      <div
        className={`drop-zone${dragging ? " dragging" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <button
          type="button"
          className="button primary"
          disabled={props.disabled}
          onClick={() => fileInput.current?.click()}
        >
          {i18n._("app.firmware-source.choose-firmware-file")}
        </button>
        <span className="muted" id={hintId}>
          {i18n._("app.firmware-source.drop-here-signed-bin")}
        </span>
        <input
          ref={fileInput}
          hidden
          type="file"
          accept={FIRMWARE_TYPES}
          aria-label={i18n._("app.firmware-source.firmware-file")}
          aria-describedby={hintId}
          data-testid="firmware-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) props.onFile(file);
            e.target.value = "";
          }}
        />
      </div>

      <form className="url-form" onSubmit={onSubmit}>
        <label htmlFor={urlId}>{i18n._("app.firmware-source.download-from-address")}</label>
        <div className="inline-field">
          <input
            id={urlId}
            type="url"
            inputMode="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://example.com/firmware/app.signed.bin"
            autoComplete="url"
            spellCheck={false}
          />
          <button type="submit" className="button secondary" disabled={props.disabled}>
            {i18n._("app.firmware-source.download")}
          </button>
        </div>
      </form>

      {props.saved.length > 0 && (
        <details className="saved-firmware">
          <summary>
            {i18n._("app.firmware-source.kept-device-offline-use", { savedLength: props.saved.length })}
          </summary>
          <ul>
            {props.saved.map((file) => (
              <li key={file.id}>
                <div className="saved-main">
                  <strong>{file.name}</strong>
                  <span className="muted">
                    {file.images
                      .map((i) => i.version)
                      .filter(Boolean)
                      .join(", ") || "—"}{" "}
                    · {formatBytes(file.size)} · {formatTimestamp(file.lastUsedAt)}
                  </span>
                </div>
                <div className="saved-actions">
                  <button
                    type="button"
                    className="button secondary small"
                    disabled={props.disabled}
                    onClick={() => props.onSaved(file.id)}
                    aria-label={i18n._("app.firmware-source.use", { fileName: file.name })}
                  >
                    {i18n._("app.firmware-source.use-2")}
                  </button>
                  <button
                    type="button"
                    className="button ghost small"
                    disabled={props.disabled}
                    onClick={() => props.onRemoveSaved(file.id)}
                    aria-label={i18n._("app.firmware-source.forget", { fileName: file.name })}
                  >
                    {i18n._("app.firmware-source.forget-2")}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

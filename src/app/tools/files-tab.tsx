// Files: send a file to a path on the device (with progress, resumable), fetch one back, and check one's size
// and hash. SMP cannot list directories, so the technician types the full path.

import { i18n } from "../../i18n/browser-i18n.js";
import { useId, useState, type FormEvent } from "react";
import {
  type FileDownloadResult,
  type FileHash,
  type FileStatus,
  type FileUploadResult,
  type HashType,
  type TransferProgress,
  downloadFile,
  fileHash,
  fileHashTypes,
  fileStatus,
  uploadFile,
} from "../../core/device-tools/index.js";
import type { SmpClient } from "../../core/smp/index.js";
import { formatBytes, formatDuration } from "../../web/format.js";
import { ActionStatus, ToolSection } from "./tools-status.js";
import { baseName, saveBytes, transferText } from "./tools-format.js";
import { useToolAction } from "./use-tool-action.js";

export function FilesTab(props: { readonly client: SmpClient }) {
  return (
    <div className="tools-stack">
      <UploadSection client={props.client} />
      <DownloadSection client={props.client} />
      <InspectSection client={props.client} />
    </div>
  );
}

function Progress(props: { readonly progress: TransferProgress | undefined; readonly label: string }) {
  const p = props.progress;
  if (!p) return null;
  return (
    <div className="tools-progress">
      <progress max={Math.max(1, p.total)} value={p.bytes} aria-label={props.label} />
      <span>{transferText(p)}</span>
    </div>
  );
}

function UploadSection(props: { readonly client: SmpClient }) {
  const id = useId();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [path, setPath] = useState("/lfs1/");
  const [resume, setResume] = useState(false);
  const [progress, setProgress] = useState<TransferProgress | undefined>(undefined);
  const action = useToolAction<FileUploadResult>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setProgress(undefined);
    void action.run(async (signal) => {
      const data = new Uint8Array(await file.arrayBuffer());
      return uploadFile(props.client, path, data, { resume, signal, onProgress: setProgress });
    });
  };

  const result = action.state.status === "done" ? action.state.result : undefined;
  return (
    <ToolSection title={i18n._("app.files-tab.send-file-device")}>
      <form className="tools-form" onSubmit={onSubmit}>
        <div className="tools-field">
          <label htmlFor={`${id}-file`}>{i18n._("app.files-tab.file-computer")}</label>
          <input
            id={`${id}-file`}
            type="file"
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              setFile(chosen);
              if (chosen && (path === "" || path.endsWith("/"))) setPath(`${path || "/lfs1/"}${chosen.name}`);
            }}
          />
        </div>
        <div className="tools-field">
          <label htmlFor={`${id}-path`}>{i18n._("app.files-tab.path-device")}</label>
          <input
            id={`${id}-path`}
            value={path}
            onChange={(e) => setPath(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <label className="tools-check">
          <input type="checkbox" checked={resume} onChange={(e) => setResume(e.target.checked)} />
          {i18n._("app.files-tab.continue-copy-cut-off")}
        </label>
        <div className="tools-actions">
          <button type="submit" className="tools-button primary" disabled={!file || action.busy}>
            {i18n._("app.files-tab.send")}
          </button>
          {action.busy && (
            <button type="button" className="tools-button" onClick={action.cancel}>
              {i18n._("app.update-panel.cancel")}
            </button>
          )}
        </div>
      </form>
      <Progress progress={progress} label={i18n._("app.files-tab.sending-file")} />
      <ActionStatus state={action.state} busyText={i18n._("app.files-tab.sending")} />
      {result && (
        <p className="tools-ok" role="status">
          {i18n._("app.files-tab.sent-to", {
            size: formatBytes(result.bytes),
            path: result.path,
            duration: formatDuration(result.elapsedMs / 1000),
          })}
          {result.resumedFrom > 0
            ? i18n._("app.files-tab.continued-byte", { resumedFrom: result.resumedFrom })
            : ""}
          .
        </p>
      )}
    </ToolSection>
  );
}

function DownloadSection(props: { readonly client: SmpClient }) {
  const id = useId();
  const [path, setPath] = useState("/lfs1/");
  const [progress, setProgress] = useState<TransferProgress | undefined>(undefined);
  const action = useToolAction<FileDownloadResult>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setProgress(undefined);
    void action.run(async (signal) => {
      const result = await downloadFile(props.client, path, { signal, onProgress: setProgress });
      saveBytes(baseName(result.path), result.data);
      return result;
    });
  };

  const result = action.state.status === "done" ? action.state.result : undefined;
  return (
    <ToolSection title={i18n._("app.files-tab.get-file-from-device")}>
      <form className="tools-form" onSubmit={onSubmit}>
        <div className="tools-field">
          <label htmlFor={`${id}-path`}>{i18n._("app.files-tab.path-device")}</label>
          <input
            id={`${id}-path`}
            value={path}
            onChange={(e) => setPath(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="tools-actions">
          <button type="submit" className="tools-button primary" disabled={action.busy}>
            {i18n._("app.firmware-source.download")}
          </button>
          {action.busy && (
            <button type="button" className="tools-button" onClick={action.cancel}>
              {i18n._("app.update-panel.cancel")}
            </button>
          )}
        </div>
      </form>
      <Progress progress={progress} label={i18n._("app.files-tab.getting-file")} />
      <ActionStatus state={action.state} busyText={i18n._("app.files-tab.downloading")} />
      {result && (
        <p className="tools-ok" role="status">
          {" "}
          {i18n._("app.files-tab.saved", {
            path: baseName(result.path),
            dataLength: formatBytes(result.data.length),
          })}{" "}
        </p>
      )}
    </ToolSection>
  );
}

interface Inspection {
  readonly status: FileStatus;
  readonly hash?: FileHash;
}

function InspectSection(props: { readonly client: SmpClient }) {
  const id = useId();
  const [path, setPath] = useState("/lfs1/");
  const [type, setType] = useState("sha256");
  const [types, setTypes] = useState<HashType[] | undefined>(undefined);
  const action = useToolAction<Inspection>();

  const check = (withHash: boolean) =>
    action.run(async (signal) => {
      const status = await fileStatus(props.client, path, { signal });
      if (!withHash || status.size === 0) return { status };
      if (types === undefined) {
        const listed = await fileHashTypes(props.client, { signal });
        if (listed) setTypes(listed);
      }
      return { status, hash: await fileHash(props.client, path, { type, signal }) };
    });

  const result = action.state.status === "done" ? action.state.result : undefined;
  const typeNames = types?.map((t) => t.name) ?? ["sha256", "crc32"];
  return (
    <ToolSection title={i18n._("app.files-tab.check-file")}>
      <form
        className="tools-form"
        onSubmit={(e) => {
          e.preventDefault();
          void check(true);
        }}
      >
        <div className="tools-field">
          <label htmlFor={`${id}-path`}>{i18n._("app.files-tab.path-device")}</label>
          <input
            id={`${id}-path`}
            value={path}
            onChange={(e) => setPath(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="tools-field tools-narrow">
          <label htmlFor={`${id}-type`}>{i18n._("app.files-tab.hash")}</label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value)}>
            {typeNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="tools-actions">
          <button
            type="button"
            className="tools-button"
            disabled={action.busy}
            onClick={() => void check(false)}
          >
            {i18n._("app.verification-report.size")}
          </button>
          <button type="submit" className="tools-button primary" disabled={action.busy}>
            {i18n._("app.files-tab.size-hash")}
          </button>
        </div>
      </form>
      <ActionStatus state={action.state} busyText={i18n._("app.files-tab.asking-device")} />
      {result && (
        <dl className="tools-facts">
          <dt>{i18n._("app.files-tab.file")}</dt>
          <dd>{result.status.path}</dd>
          <dt>{i18n._("app.verification-report.size")}</dt>
          <dd>
            {" "}
            {i18n._("app.files-tab.bytes", {
              statusSize: result.status.size.toLocaleString("en-US"),
              statusSize2: formatBytes(result.status.size),
            })}{" "}
          </dd>
          {result.hash && (
            <>
              <dt>{result.hash.type}</dt>
              <dd className="tools-mono">{result.hash.hex}</dd>
            </>
          )}
        </dl>
      )}
    </ToolSection>
  );
}

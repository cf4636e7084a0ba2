// OS: the device's clock (read, set from this computer), threads and memory pools as tables, OS/application
// and bootloader facts, and the management groups it supports.

import { i18n } from "../../i18n/browser-i18n.js";
import {
  type BootloaderDetails,
  type DeviceClockReading,
  type MemoryPoolRow,
  type OsInfoField,
  type TaskRow,
  formatDeviceDateTime,
  readBootloaderInfo,
  readDeviceClock,
  readMemoryPools,
  readOsInfo,
  readTaskStats,
  setDeviceClock,
} from "../../core/device-tools/index.js";
import type { SmpClient } from "../../core/smp/index.js";
import { formatBytes } from "../../web/format.js";
import { bootModeWords } from "../shared/boot-mode-words.js";

/** os info's fields by format letter, in the user's words. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  s: "app.os-tab.field.s",
  n: "app.os-tab.field.n",
  r: "app.os-tab.field.r",
  v: "app.os-tab.field.v",
  b: "app.os-tab.field.b",
  m: "app.os-tab.field.m",
  p: "app.os-tab.field.p",
  i: "app.os-tab.field.i",
  o: "app.os-tab.field.o",
};

function fieldLabel(letter: string): string {
  const key = FIELD_LABELS[letter];
  return key ? i18n._(key) : letter;
}
import { GroupsSection } from "./groups-section.js";
import { ActionStatus, ToolSection } from "./tools-status.js";
import { driftText } from "./tools-format.js";
import { useToolAction } from "./use-tool-action.js";

export function OsTab(props: {
  readonly client: SmpClient;
  readonly supportedGroups: readonly number[] | undefined;
}) {
  return (
    <div className="tools-stack">
      <ClockSection client={props.client} />
      <ThreadsSection client={props.client} />
      <PoolsSection client={props.client} />
      <InfoSection client={props.client} />
      <GroupsSection client={props.client} known={props.supportedGroups} />
    </div>
  );
}

function ReadButton(props: {
  readonly busy: boolean;
  readonly onClick: () => void;
  readonly label?: string;
}) {
  return (
    <button type="button" className="tools-button" disabled={props.busy} onClick={props.onClick}>
      {props.label ?? i18n._("app.os-tab.read")}
    </button>
  );
}

function ClockSection(props: { readonly client: SmpClient }) {
  const action = useToolAction<{ reading: DeviceClockReading; sent?: string }>();
  const read = () =>
    void action.run(async (signal) => ({ reading: await readDeviceClock(props.client, { signal }) }));
  const set = () =>
    void action.run(async (signal) => {
      const sent = await setDeviceClock(props.client, { signal });
      return { sent, reading: await readDeviceClock(props.client, { signal }) };
    });
  const result = action.state.status === "done" ? action.state.result : undefined;
  return (
    <ToolSection
      title={i18n._("app.os-tab.date-time")}
      actions={
        <>
          <ReadButton busy={action.busy} onClick={read} />
          <button type="button" className="tools-button primary" disabled={action.busy} onClick={set}>
            {i18n._("app.os-tab.set-from-computer")}
          </button>
        </>
      }
    >
      <ActionStatus state={action.state} />
      {result && (
        <dl className="tools-facts">
          {result.sent !== undefined && (
            <>
              <dt>{i18n._("app.os-tab.set")}</dt>
              <dd className="tools-mono">{result.sent}</dd>
            </>
          )}
          <dt>{i18n._("app.os-tab.device")}</dt>
          <dd className="tools-mono">{result.reading.text}</dd>
          <dt>{i18n._("app.os-tab.computer")}</dt>
          <dd className="tools-mono">
            {formatDeviceDateTime(new Date(result.reading.date.getTime() - result.reading.driftMs))}
          </dd>
          <dt>{i18n._("app.os-tab.difference")}</dt>
          <dd>{driftText(result.reading.driftMs)}</dd>
        </dl>
      )}
    </ToolSection>
  );
}

function ThreadsSection(props: { readonly client: SmpClient }) {
  const action = useToolAction<TaskRow[]>();
  const rows = action.state.status === "done" ? action.state.result : undefined;
  return (
    <ToolSection
      title={i18n._("app.os-tab.threads")}
      actions={
        <ReadButton
          busy={action.busy}
          onClick={() => void action.run((signal) => readTaskStats(props.client, { signal }))}
        />
      }
    >
      <ActionStatus state={action.state} />
      {rows && (
        <div className="tools-table-wrap">
          <table className="tools-table">
            <thead>
              <tr>
                <th scope="col">{i18n._("app.os-tab.thread")}</th>
                <th scope="col" className="tools-num">
                  {i18n._("app.os-tab.priority")}
                </th>
                <th scope="col">{i18n._("app.os-tab.state")}</th>
                <th scope="col" className="tools-num">
                  {i18n._("app.os-tab.stack-used")}
                </th>
                <th scope="col" className="tools-num">
                  {i18n._("app.os-tab.switches")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={`${t.id}-${t.name}`}>
                  <th scope="row">{t.name === "" ? i18n._("app.os-tab.thread-2", { id: t.id }) : t.name}</th>
                  <td className="tools-num">{t.priority}</td>
                  <td>{t.stateText}</td>
                  <td className="tools-num">
                    {t.stackBytes !== undefined && t.stackUsedBytes !== undefined
                      ? `${formatBytes(t.stackUsedBytes)} of ${formatBytes(t.stackBytes)}${t.stackUsePercent !== undefined ? ` (${t.stackUsePercent}%)` : ""}`
                      : "—"}
                  </td>
                  <td className="tools-num">{t.contextSwitches ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ToolSection>
  );
}

function PoolsSection(props: { readonly client: SmpClient }) {
  const action = useToolAction<MemoryPoolRow[] | undefined>();
  const done = action.state.status === "done";
  const rows = action.state.status === "done" ? action.state.result : undefined;
  return (
    <ToolSection
      title={i18n._("app.os-tab.memory-pools")}
      actions={
        <ReadButton
          busy={action.busy}
          onClick={() => void action.run((signal) => readMemoryPools(props.client, { signal }))}
        />
      }
    >
      <ActionStatus state={action.state} />
      {done && !rows && <p className="tools-muted">{i18n._("app.os-tab.device-does-not-report")}</p>}
      {rows && (
        <div className="tools-table-wrap">
          <table className="tools-table">
            <thead>
              <tr>
                <th scope="col">{i18n._("app.os-tab.pool")}</th>
                <th scope="col" className="tools-num">
                  {i18n._("app.os-tab.block-size")}
                </th>
                <th scope="col" className="tools-num">
                  {i18n._("app.os-tab.blocks")}
                </th>
                <th scope="col" className="tools-num">
                  {i18n._("app.os-tab.free")}
                </th>
                <th scope="col" className="tools-num">
                  {i18n._("app.os-tab.lowest-free")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.name}>
                  <th scope="row">{p.name}</th>
                  <td className="tools-num">{p.blockSize}</td>
                  <td className="tools-num">{p.blocks}</td>
                  <td className="tools-num">{p.free}</td>
                  <td className="tools-num">{p.minFree}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ToolSection>
  );
}

function InfoSection(props: { readonly client: SmpClient }) {
  const action = useToolAction<{ os: OsInfoField[] | undefined; boot: BootloaderDetails | undefined }>();
  const read = () =>
    void action.run(async (signal) => ({
      os: await readOsInfo(props.client, { signal }),
      boot: await readBootloaderInfo(props.client, { signal }),
    }));
  const result = action.state.status === "done" ? action.state.result : undefined;
  return (
    <ToolSection
      title={i18n._("app.os-tab.os-application-bootloader")}
      actions={<ReadButton busy={action.busy} onClick={read} />}
    >
      <ActionStatus state={action.state} />
      {result && (
        <dl className="tools-facts">
          {result.os === undefined ? (
            <>
              <dt>{i18n._("app.os-tab.os")}</dt>
              <dd>{i18n._("app.os-tab.not-reported")}</dd>
            </>
          ) : (
            result.os.map((f) => <FactRow key={f.letter} label={fieldLabel(f.letter)} value={f.value} />)
          )}
          <FactRow
            label={i18n._("app.os-tab.bootloader")}
            value={result.boot?.name ?? i18n._("app.os-tab.not-reported")}
          />
          {result.boot?.mode !== undefined && (
            <FactRow label={i18n._("app.os-tab.upgrade-mode")} value={bootModeWords(result.boot.mode)} />
          )}
          {result.boot?.noDowngrade !== undefined && (
            <FactRow
              label={i18n._("app.os-tab.downgrades")}
              value={i18n._(
                result.boot.noDowngrade ? "app.os-tab.downgrades-refused" : "app.os-tab.downgrades-allowed",
              )}
            />
          )}
        </dl>
      )}
    </ToolSection>
  );
}

function FactRow(props: { readonly label: string; readonly value: string }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </>
  );
}

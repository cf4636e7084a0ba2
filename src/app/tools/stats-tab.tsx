// Statistics: the device's statistics groups, one group's counters with the change since the last reading,
// and an auto-refresh that reads the group every second while this tab is shown.

import { i18n } from "../../i18n/browser-i18n.js";
import { useCallback, useEffect, useId, useState } from "react";
import { type StatGroup, listStatGroups, pollStats, readStatGroup } from "../../core/device-tools/index.js";
import type { SmpClient } from "../../core/smp/index.js";
import { errorText, isAbort } from "../shared/error-text.js";
import { ActionStatus, ToolSection } from "./tools-status.js";
import { useToolAction } from "./use-tool-action.js";

interface Reading {
  readonly group: StatGroup;
  readonly previous?: StatGroup;
  readonly at: Date;
}

export function StatsTab(props: { readonly client: SmpClient; readonly active: boolean }) {
  const { client, active } = props;
  const id = useId();
  const groups = useToolAction<string[]>();
  const read = useToolAction<StatGroup>();
  const [selected, setSelected] = useState("");
  const [auto, setAuto] = useState(false);
  const [reading, setReading] = useState<Reading | undefined>(undefined);
  const [pollError, setPollError] = useState<string | undefined>(undefined);
  const names = groups.state.status === "done" ? groups.state.result : undefined;
  const group = selected || names?.[0] || "";

  const record = useCallback(
    (next: StatGroup) =>
      setReading((last) => ({
        group: next,
        at: new Date(),
        ...(last && last.group.name === next.name ? { previous: last.group } : {}),
      })),
    [],
  );

  // List the groups the first time the tab is shown.
  const listGroups = groups.run;
  const listed = groups.state.status !== "idle";
  useEffect(() => {
    if (active && !listed) void listGroups((signal) => listStatGroups(client, { signal }));
  }, [active, listed, listGroups, client]);

  useEffect(() => {
    if (!auto || !active || group === "") return;
    const controller = new AbortController();
    pollStats(client, [group], {
      signal: controller.signal,
      intervalMs: 1000,
      onSample: (sample) => {
        const first = sample.groups[0];
        if (first) record(first);
      },
    }).catch((error: unknown) => {
      if (!isAbort(error)) {
        setPollError(errorText(error));
        setAuto(false);
      }
    });
    return () => controller.abort();
  }, [auto, active, group, client, record]);

  return (
    <ToolSection
      title={i18n._("app.stats-tab.statistics")}
      actions={
        <button
          type="button"
          className="tools-button"
          disabled={groups.busy}
          onClick={() => void groups.run((signal) => listStatGroups(client, { signal }))}
        >
          {names ? i18n._("app.stats-tab.list-again") : i18n._("app.stats-tab.list-groups")}
        </button>
      }
    >
      <ActionStatus state={groups.state} busyText={i18n._("app.stats-tab.listing-statistics-groups")} />
      {names && names.length === 0 && (
        <p className="tools-muted">{i18n._("app.stats-tab.device-no-statistics-groups")}</p>
      )}
      {names && names.length > 0 && (
        <div className="tools-form">
          <div className="tools-field">
            <label htmlFor={`${id}-group`}>{i18n._("app.stats-tab.group")}</label>
            <select id={`${id}-group`} value={group} onChange={(e) => setSelected(e.target.value)}>
              {names.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="tools-actions">
            <button
              type="button"
              className="tools-button primary"
              disabled={read.busy || auto}
              onClick={() =>
                void read.run(async (signal) => {
                  const result = await readStatGroup(client, group, { signal });
                  record(result);
                  return result;
                })
              }
            >
              {i18n._("app.os-tab.read")}
            </button>
            <label className="tools-check">
              <input
                type="checkbox"
                checked={auto}
                onChange={(e) => {
                  setPollError(undefined);
                  setAuto(e.target.checked);
                }}
              />
              {i18n._("app.stats-tab.refresh-every-second")}
            </label>
          </div>
        </div>
      )}
      <ActionStatus state={read.state} />
      {pollError && (
        <p className="tools-error" role="alert">
          {" "}
          {i18n._("app.stats-tab.auto-refresh-stopped", { pollError })}{" "}
        </p>
      )}
      {reading && <CountersTable reading={reading} />}
    </ToolSection>
  );
}

function CountersTable(props: { readonly reading: Reading }) {
  const { group, previous, at } = props.reading;
  const before = new Map(previous?.counters.map((c) => [c.name, c.value]));
  return (
    <div className="tools-table-wrap">
      <table className="tools-table">
        <caption>
          {" "}
          {i18n._("app.stats-tab.read", {
            groupName: group.name,
            toLocaleTimeString: at.toLocaleTimeString(),
          })}{" "}
        </caption>
        <thead>
          <tr>
            <th scope="col">{i18n._("app.stats-tab.counter")}</th>
            <th scope="col" className="tools-num">
              {i18n._("app.stats-tab.value")}
            </th>
            <th scope="col" className="tools-num">
              {i18n._("app.stats-tab.change")}
            </th>
          </tr>
        </thead>
        <tbody>
          {group.counters.map((c) => {
            const old = before.get(c.name);
            const change =
              old === undefined
                ? ""
                : c.value - old === 0
                  ? "—"
                  : `${c.value - old > 0 ? "+" : ""}${c.value - old}`;
            return (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td className="tools-num">{c.value.toLocaleString("en-US")}</td>
                <td className="tools-num">{change}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

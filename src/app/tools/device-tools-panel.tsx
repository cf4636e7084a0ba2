// The Tools panel: Files, Shell, Statistics, Settings and OS tabs onto a connected device, showing only the
// tabs whose management group the device supports (given by the caller, or found out here). Screens call
// core/device-tools; no protocol logic lives in React.

import { i18n } from "../../i18n/browser-i18n.js";
import { useEffect, useState } from "react";
import {
  type SupportedGroups,
  supportedGroups as findSupportedGroups,
} from "../../core/device-tools/index.js";
import { SmpGroup, type SmpClient } from "../../core/smp/index.js";
import { errorText, isAbort } from "../shared/error-text.js";
import { Panel } from "../shared/panel.js";
import { FilesTab } from "./files-tab.js";
import { OsTab } from "./os-tab.js";
import { SettingsTab } from "./settings-tab.js";
import { ShellTab } from "./shell-tab.js";
import { StatsTab } from "./stats-tab.js";
import { type ToolTab, ToolTabs } from "./tools-tabs.js";
import "./tools.css";

export interface DeviceToolsPanelProps {
  readonly client: SmpClient;
  /** Group ids the device supports (e.g. from supportedGroups()); found out here when not given. */
  readonly supportedGroups?: readonly number[];
}

type Detection =
  | { readonly status: "checking" }
  | { readonly status: "done"; readonly result: SupportedGroups }
  | { readonly status: "failed"; readonly message: string };

export function DeviceToolsPanel(props: DeviceToolsPanelProps) {
  const { client } = props;
  const given = props.supportedGroups;
  const [detection, setDetection] = useState<
    { readonly client: SmpClient; readonly value: Detection } | undefined
  >(undefined);

  useEffect(() => {
    if (given !== undefined) return;
    const controller = new AbortController();
    findSupportedGroups(client, { signal: controller.signal }).then(
      (result) => setDetection({ client, value: { status: "done", result } }),
      (error: unknown) => {
        if (!isAbort(error)) setDetection({ client, value: { status: "failed", message: errorText(error) } });
      },
    );
    return () => controller.abort();
  }, [client, given]);

  const detected: Detection = detection?.client === client ? detection.value : { status: "checking" };
  const groups = given ?? (detected.status === "done" ? detected.result.groups : undefined);
  const has = (group: number) => groups === undefined || groups.includes(group);

  const tabs: ToolTab[] = [];
  if (has(SmpGroup.fs))
    tabs.push({
      key: "files",
      label: i18n._("app.device-tools-panel.files"),
      render: () => <FilesTab client={client} />,
    });
  if (has(SmpGroup.shell))
    tabs.push({
      key: "shell",
      label: i18n._("app.device-tools-panel.shell"),
      render: () => <ShellTab client={client} />,
    });
  if (has(SmpGroup.stats)) {
    tabs.push({
      key: "stats",
      label: i18n._("app.stats-tab.statistics"),
      render: (active) => <StatsTab client={client} active={active} />,
    });
  }
  if (has(SmpGroup.settings))
    tabs.push({
      key: "settings",
      label: i18n._("app.device-tools-panel.settings"),
      render: () => <SettingsTab client={client} />,
    });
  if (has(SmpGroup.os))
    tabs.push({ key: "os", label: "OS", render: () => <OsTab client={client} supportedGroups={groups} /> });

  return (
    <Panel id="device-tools" title={i18n._("app.device-tools-panel.tools")} collapsible>
      <div className="tools-panel">
        {given === undefined && detected.status === "checking" ? (
          <p className="tools-status" role="status">
            {i18n._("app.device-tools-panel.checking-which-tools-device")}
          </p>
        ) : (
          <>
            {given === undefined && detected.status === "failed" && (
              <p className="tools-warning" role="status">
                {" "}
                {i18n._("app.device-tools-panel.could-not-find-out", {
                  detectedMessage: detected.message,
                })}{" "}
              </p>
            )}
            {tabs.length === 0 ? (
              <p className="tools-muted">{i18n._("app.device-tools-panel.device-offers-none-tools")}</p>
            ) : (
              <ToolTabs label={i18n._("app.device-tools-panel.device-tools")} tabs={tabs} />
            )}
          </>
        )}
      </div>
    </Panel>
  );
}

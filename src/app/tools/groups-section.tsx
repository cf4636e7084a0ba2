// The management groups the device supports: its own list (enumeration group) with names and handler counts,
// or the groups that answered a probe.

import { i18n } from "../../i18n/browser-i18n.js";
import { enumerateGroups, supportedGroups, type GroupInfo } from "../../core/device-tools/index.js";
import { groupLabel, type SmpClient } from "../../core/smp/index.js";
import { ActionStatus, ToolSection } from "./tools-status.js";
import { useToolAction } from "./use-tool-action.js";

interface GroupList {
  readonly source: "enumeration" | "probing";
  readonly groups: readonly GroupInfo[];
}

export function GroupsSection(props: {
  readonly client: SmpClient;
  readonly known: readonly number[] | undefined;
}) {
  const action = useToolAction<GroupList>();
  const read = () =>
    void action.run(async (signal): Promise<GroupList> => {
      const listed = await enumerateGroups(props.client, { signal });
      if (listed) return { source: "enumeration", groups: listed.groups };
      const probed = await supportedGroups(props.client, { signal });
      return { source: probed.source, groups: probed.groups.map((id) => ({ id, name: groupLabel(id) })) };
    });
  const result = action.state.status === "done" ? action.state.result : undefined;
  const groups: readonly GroupInfo[] | undefined =
    result?.groups ?? props.known?.map((id) => ({ id, name: groupLabel(id) }));
  return (
    <ToolSection
      title={i18n._("app.groups-section.management-groups")}
      actions={
        <button type="button" className="tools-button" disabled={action.busy} onClick={read}>
          {i18n._("app.groups-section.ask-device")}
        </button>
      }
    >
      <ActionStatus state={action.state} />
      {result?.source === "probing" && (
        <p className="tools-muted">{i18n._("app.groups-section.device-cannot-list-groups")}</p>
      )}
      {groups && (
        <ul className="tools-groups">
          {groups.map((g) => (
            <li key={g.id}>
              <span className="tools-mono">{g.id}</span> {g.name}
              {g.handlers !== undefined
                ? i18n._("app.groups-section.commands", { handlers: g.handlers })
                : ""}
            </li>
          ))}
        </ul>
      )}
    </ToolSection>
  );
}

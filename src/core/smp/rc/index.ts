// Looks up an rc: v1 `rc` values and v2 `err.rc` values of group 0 with no group table entry are generic
// MGMT_ERR codes; v2 `err.rc` values are read in the table of the group named in `err.group`.

import { SmpGroup } from "../command.js";
import { MGMT_RC_TABLE, MgmtRc, perUserEntry } from "./generic.js";
import {
  ENUM_RC_TABLE,
  FS_RC_TABLE,
  INTERCREATE_RC_TABLE,
  OS_RC_TABLE,
  SETTINGS_RC_TABLE,
  SHELL_RC_TABLE,
  STATS_RC_TABLE,
  ZEPHYR_RC_TABLE,
} from "./groups.js";
import { IMAGE_RC_TABLE } from "./image.js";
import type { RcEntry, RcTable } from "./table.js";

export { MGMT_RC_TABLE, MgmtRc } from "./generic.js";
export { IMAGE_RC_TABLE, ImageRc } from "./image.js";
export * from "./groups.js";
export type { RcEntry, RcTable } from "./table.js";

export const GROUP_RC_TABLES: ReadonlyMap<number, RcTable> = new Map([
  [SmpGroup.os, OS_RC_TABLE],
  [SmpGroup.image, IMAGE_RC_TABLE],
  [SmpGroup.stats, STATS_RC_TABLE],
  [SmpGroup.settings, SETTINGS_RC_TABLE],
  [SmpGroup.fs, FS_RC_TABLE],
  [SmpGroup.shell, SHELL_RC_TABLE],
  [SmpGroup.enumeration, ENUM_RC_TABLE],
  [SmpGroup.zephyr, ZEPHYR_RC_TABLE],
  [SmpGroup.intercreate, INTERCREATE_RC_TABLE],
]);

function unrecognised(rc: number, where: string): RcEntry {
  return {
    rc,
    name: `RC_${rc}`,
    meaning: `an error code McuFlash does not know (${where} ${rc})`,
    hint: "Look the code up in the device firmware's sources or documentation.",
  };
}

/** A generic MGMT_ERR code (every v1 `rc`). */
export function describeMgmtRc(rc: number): RcEntry {
  if (rc >= MgmtRc.EPERUSER) return perUserEntry(rc);
  return MGMT_RC_TABLE.get(rc) ?? unrecognised(rc, "rc");
}

/** A v2 group error code (`err: {group, rc}`). */
export function describeGroupRc(group: number, rc: number): RcEntry {
  const table = GROUP_RC_TABLES.get(group);
  return table?.get(rc) ?? unrecognised(rc, `group ${group} rc`);
}

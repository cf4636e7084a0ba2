// Statistics (group 2), after Zephyr's stat_mgmt.c: list the stat groups, and read one group's counters as a
// map of name → uint32. An unknown group is STAT_MGMT_ERR_INVALID_STAT_NAME (v1: MGMT_ERR_ENOENT).

import { RMap } from "../smp/cbor-writer.js";
import { type HandlerContext, type SimGroup, handlerTable } from "../smp/group.js";
import { Group, MgmtErr, StatErr } from "../smp/mgmt-codes.js";
import { decodeFields } from "../smp/request-fields.js";

export interface StatGroupData {
  readonly name: string;
  readonly fields: readonly (readonly [string, number])[];
}

/** CONFIG_MCUMGR_GRP_STAT_MAX_NAME_LEN */
const MAX_NAME_LEN = 32;

function show(stats: () => readonly StatGroupData[], ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { name: "tstr" });
  const name = fields?.name;
  if (name === undefined || name.length === 0 || name.length >= MAX_NAME_LEN) return MgmtErr.EINVAL;
  const group = stats().find((g) => g.name === name);
  if (!group) {
    ctx.addError(Group.stat, StatErr.INVALID_STAT_NAME);
    return 0;
  }
  const values = new RMap();
  for (const [key, value] of group.fields) values.put(key, value >>> 0);
  ctx.rsp.put("name", name).put("fields", values);
  return 0;
}

function list(stats: () => readonly StatGroupData[], ctx: HandlerContext): number {
  ctx.rsp.put(
    "stat_list",
    stats().map((g) => g.name),
  );
  return 0;
}

export function createStatGroup(stats: () => readonly StatGroupData[]): SimGroup {
  return {
    id: Group.stat,
    name: "stat mgmt",
    handlers: handlerTable([
      [0, { read: (ctx) => show(stats, ctx) }],
      [1, { read: (ctx) => list(stats, ctx) }],
    ]),
  };
}

// Enumeration (group 10), after Zephyr's enum_mgmt.c: how many groups, their ids in registration order, one
// group by index (with `end` on the last), and details (name, handler count) for all or selected groups.

import { RMap, type RValue } from "../smp/cbor-writer.js";
import { type HandlerContext, type SimGroup, handlerTable } from "../smp/group.js";
import { EnumErr, Group, MgmtErr } from "../smp/mgmt-codes.js";
import { decodeFields } from "../smp/request-fields.js";

/** CONFIG_MCUMGR_GRP_ENUM_DETAILS_BUFFER_TYPE_STACK_ENTRIES */
const MAX_DETAIL_ENTRIES = 16;
const MAX_MCUMGR_GROUPS = 65535;

function single(groups: () => readonly SimGroup[], ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { index: "uint32" });
  if (!fields || (fields.index ?? 0) > MAX_MCUMGR_GROUPS) return MgmtErr.EINVAL;
  const all = groups();
  const index = fields.index ?? 0;
  const group = all[index];
  if (!group) {
    ctx.addError(Group.enumeration, EnumErr.INDEX_TOO_LARGE);
    return 0;
  }
  ctx.rsp.put("group", group.id);
  if (index === all.length - 1) ctx.rsp.put("end", true);
  return 0;
}

function details(groups: () => readonly SimGroup[], ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { groups: "uintList" });
  if (!fields) return MgmtErr.EINVAL;
  const wanted = fields.groups ?? [];
  if (wanted.length > MAX_DETAIL_ENTRIES) {
    ctx.addError(Group.enumeration, EnumErr.TOO_MANY_GROUP_ENTRIES);
    return 0;
  }
  // Details come in registration order; ids in the request only filter (Zephyr keeps them as uint16).
  const filter = new Set(wanted.map((id) => id & 0xffff));
  const entries: RValue[] = groups()
    .filter((g) => filter.size === 0 || filter.has(g.id))
    .map((g) => new RMap().put("group", g.id).put("name", g.name).put("handlers", g.handlers.length));
  ctx.rsp.put("groups", entries);
  return 0;
}

export function createEnumGroup(groups: () => readonly SimGroup[]): SimGroup {
  return {
    id: Group.enumeration,
    name: "enum mgmt",
    handlers: handlerTable([
      [
        0,
        {
          read: (ctx) => {
            ctx.rsp.put("count", groups().length);
            return 0;
          },
        },
      ],
      [
        1,
        {
          read: (ctx) => {
            ctx.rsp.put(
              "groups",
              groups().map((g) => g.id),
            );
            return 0;
          },
        },
      ],
      [2, { read: (ctx) => single(groups, ctx) }],
      [3, { read: (ctx) => details(groups, ctx) }],
    ]),
  };
}

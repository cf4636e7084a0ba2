// Settings management (group 3), after Zephyr's settings_mgmt.c: read (with max_size), write, delete, commit,
// load and save. Name and value buffers are CONFIG_MCUMGR_GRP_SETTINGS_NAME_LEN / _VALUE_LEN (32 each).

import { type HandlerContext, type SimGroup, handlerTable } from "../smp/group.js";
import { Group, MgmtErr, SettingsErr } from "../smp/mgmt-codes.js";
import { decodeFields } from "../smp/request-fields.js";
import type { SettingsStore } from "./settings-store.js";

const NAME_LEN = 32;
const VALUE_LEN = 32;

/** The key, or a reason to stop: undefined → EINVAL, "too-long" → KEY_TOO_LONG. */
function checkName(name: string | undefined): string | undefined | "too-long" {
  if (name === undefined || name.length === 0) return undefined;
  return new TextEncoder().encode(name).length >= NAME_LEN ? "too-long" : name;
}

function read(store: SettingsStore, ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { name: "tstr", max_size: "uint32" });
  if (!fields) return MgmtErr.EINVAL;
  const name = checkName(fields.name);
  if (name === undefined) return MgmtErr.EINVAL;
  if (name === "too-long") {
    ctx.addError(Group.settings, SettingsErr.KEY_TOO_LONG);
    return 0;
  }
  let maxSize = fields.max_size ?? VALUE_LEN;
  const limited = maxSize > VALUE_LEN;
  if (limited) maxSize = VALUE_LEN;
  const got = store.get(name, maxSize);
  if (!got.ok) {
    const rc = got.reason === "root-not-found" ? SettingsErr.ROOT_KEY_NOT_FOUND : SettingsErr.KEY_NOT_FOUND;
    ctx.addError(Group.settings, rc);
    return 0;
  }
  ctx.rsp.put("val", got.value);
  if (limited) ctx.rsp.put("max_size", VALUE_LEN);
  return 0;
}

function write(store: SettingsStore, ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { name: "tstr", val: "bstr" });
  if (!fields) return MgmtErr.EINVAL;
  const name = checkName(fields.name);
  if (name === undefined) return MgmtErr.EINVAL;
  if (name === "too-long") {
    ctx.addError(Group.settings, SettingsErr.KEY_TOO_LONG);
    return 0;
  }
  if (!store.set(name, fields.val ?? new Uint8Array(0))) {
    ctx.addError(Group.settings, SettingsErr.ROOT_KEY_NOT_FOUND);
  }
  return 0;
}

function remove(store: SettingsStore, ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { name: "tstr" });
  if (!fields) return MgmtErr.EINVAL;
  const name = checkName(fields.name);
  if (name === undefined) return MgmtErr.EINVAL;
  if (name === "too-long") {
    ctx.addError(Group.settings, SettingsErr.KEY_TOO_LONG);
    return 0;
  }
  if (!store.delete(name)) ctx.addError(Group.settings, SettingsErr.KEY_NOT_FOUND);
  return 0;
}

export function createSettingsGroup(store: SettingsStore): SimGroup {
  return {
    id: Group.settings,
    name: "settings mgmt",
    handlers: handlerTable([
      [0, { read: (ctx) => read(store, ctx), write: (ctx) => write(store, ctx) }],
      [1, { write: (ctx) => remove(store, ctx) }],
      [2, { write: () => 0 }],
      [
        3,
        {
          read: () => {
            store.load();
            return 0;
          },
          write: (ctx) => {
            if (!store.save()) ctx.addError(Group.settings, SettingsErr.SAVE_FAILED);
            return 0;
          },
        },
      ],
    ]),
  };
}

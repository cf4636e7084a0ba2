// File management (group 8), after Zephyr's fs_mgmt.c and the "SMP group 8" page: download (chunks of
// buf_size − 44 bytes, total `len` only in the answer to off 0), upload (`len` required at off 0; a later chunk
// must sit at the current file size, else FILE_OFFSET_NOT_VALID with the size as `len`), status, hash/checksum
// (crc32 default, sha256), the supported types, and closing the open file.

import { type FlashTiming, writeMs } from "../mcuboot/flash-area.js";
import { sha256 } from "../sha256.js";
import { RMap } from "../smp/cbor-writer.js";
import { type HandlerContext, type SimGroup, handlerTable } from "../smp/group.js";
import { FsErr, Group, MgmtErr } from "../smp/mgmt-codes.js";
import { decodeFields } from "../smp/request-fields.js";
import { crc32 } from "./crc32.js";
import type { FsStore } from "./fs-store.js";

export interface FsGroupDeps {
  readonly store: FsStore;
  readonly bufSize: number;
  readonly now: () => number;
  readonly timing: FlashTiming;
}

/** CONFIG_MCUMGR_GRP_FS_PATH_LEN */
const PATH_LEN = 64;
/** CONFIG_MCUMGR_GRP_FS_MAX_OFFSET_LEN */
const MAX_OFFSET_LEN = 3;
/** fs_mgmt_config.h CBOR_AND_OTHER_HDR: header, map markers, "off", "data", "rc" and "len" at worst. */
const DOWNLOAD_OVERHEAD =
  8 + (9 + 1) + (1 + 3 + MAX_OFFSET_LEN) + (1 + 4 + MAX_OFFSET_LEN) + (1 + 2 + 1) + (1 + 3 + MAX_OFFSET_LEN);

function validName(name: string | undefined): name is string {
  return name !== undefined && name.length > 0 && new TextEncoder().encode(name).length <= PATH_LEN;
}

/** fs_mgmt_filelen: the size, or the group error for this path. */
function fileLength(store: FsStore, path: string): { size: number } | { err: number } {
  const st = store.stat(path);
  switch (st.kind) {
    case "file":
      return { size: st.size };
    case "dir":
      return { err: FsErr.FILE_IS_DIRECTORY };
    case "invalid-name":
      return { err: FsErr.FILE_INVALID_NAME };
    case "not-found":
      return { err: FsErr.FILE_NOT_FOUND };
  }
}

function touch(deps: FsGroupDeps): void {
  const t = deps.store.transfer;
  if (t.len > 0 && t.off >= t.len) deps.store.closeTransfer();
  else t.lastActivity = deps.now();
}

function download(deps: FsGroupDeps, ctx: HandlerContext): number {
  const { store } = deps;
  const fields = decodeFields(ctx.body, { off: "uint64", name: "tstr" });
  if (!fields || fields.off === undefined || !validName(fields.name)) return MgmtErr.EINVAL;
  const { off, name } = fields;
  store.expireIdle(deps.now());
  const t = store.transfer;
  if (t.state !== "download" || t.path !== name) store.closeTransfer();
  if (store.transfer.state === "none") {
    const len = fileLength(store, name);
    if ("err" in len) {
      ctx.addError(Group.fs, len.err);
      return 0;
    }
    store.transfer = { state: "download", path: name, off: 0, len: len.size, lastActivity: deps.now() };
  }
  const transfer = store.transfer;
  transfer.off = off;
  const data = store.read(name, off, Math.max(0, deps.bufSize - DOWNLOAD_OVERHEAD));
  transfer.off += data.length;
  ctx.rsp.put("off", off).put("data", data);
  if (off === 0) ctx.rsp.put("len", transfer.len);
  touch(deps);
  return 0;
}

function upload(deps: FsGroupDeps, ctx: HandlerContext): number {
  const { store } = deps;
  const fields = decodeFields(ctx.body, { off: "uint64", name: "tstr", data: "bstr", len: "uint64" });
  if (!fields || fields.off === undefined || !validName(fields.name)) return MgmtErr.EINVAL;
  const { off, name } = fields;
  if (off === 0 && fields.len === undefined) return MgmtErr.EINVAL;
  store.expireIdle(deps.now());
  if (store.transfer.state !== "upload" || store.transfer.path !== name) store.closeTransfer();
  if (store.transfer.state === "none") {
    const opened = store.openForWrite(name);
    if (opened !== "ok") {
      const err =
        opened === "invalid-name"
          ? FsErr.FILE_INVALID_NAME
          : opened === "no-mount-point"
            ? FsErr.MOUNT_POINT_NOT_FOUND
            : FsErr.UNKNOWN;
      ctx.addError(Group.fs, err);
      return 0;
    }
    store.transfer = { state: "upload", path: name, off: 0, len: 0, lastActivity: deps.now() };
  }
  const transfer = store.transfer;
  let existing = 0;
  if (off === 0 || transfer.off === 0) {
    const len = fileLength(store, name);
    if ("err" in len) {
      ctx.addError(Group.fs, len.err);
      store.closeTransfer();
      return 0;
    }
    if (off === 0) {
      transfer.len = fields.len ?? 0;
      existing = len.size;
    } else {
      transfer.off = len.size;
    }
  }
  if (off > 0 && off !== transfer.off) {
    ctx.addError(Group.fs, FsErr.FILE_OFFSET_NOT_VALID);
    ctx.rsp.put("len", transfer.off);
    store.closeTransfer();
    return 0;
  }
  const data = fields.data ?? new Uint8Array(0);
  if (data.length > 0) {
    store.write(name, off, data, off === 0 && existing !== 0);
    ctx.spend(writeMs(data.length, deps.timing));
    transfer.off += data.length;
  }
  ctx.rsp.put("off", transfer.off);
  touch(deps);
  return 0;
}

function status(deps: FsGroupDeps, ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { name: "tstr" });
  if (!fields || !validName(fields.name)) return MgmtErr.EINVAL;
  const len = fileLength(deps.store, fields.name);
  if ("err" in len) ctx.addError(Group.fs, len.err);
  else ctx.rsp.put("len", len.size);
  return 0;
}

const HASH_TYPES = {
  crc32: { format: 0, size: 4 },
  sha256: { format: 1, size: 32 },
} as const;

async function hashChecksum(deps: FsGroupDeps, ctx: HandlerContext): Promise<number> {
  const fields = decodeFields(ctx.body, { type: "tstr", name: "tstr", off: "uint64", len: "uint64" });
  if (!fields || !validName(fields.name) || (fields.type?.length ?? 0) > 8 || fields.len === 0) {
    return MgmtErr.EINVAL;
  }
  const type = fields.type === undefined || fields.type === "" ? "crc32" : fields.type;
  if (type !== "crc32" && type !== "sha256") {
    ctx.addError(Group.fs, FsErr.CHECKSUM_HASH_NOT_FOUND);
    return 0;
  }
  const length = fileLength(deps.store, fields.name);
  if ("err" in length) {
    ctx.addError(Group.fs, length.err);
    return 0;
  }
  const off = fields.off ?? 0;
  if (length.size <= off) {
    ctx.addError(Group.fs, length.size === 0 ? FsErr.FILE_EMPTY : FsErr.FILE_OFFSET_LARGER_THAN_FILE);
    return 0;
  }
  const data = deps.store.read(fields.name, off, Math.min(fields.len ?? Infinity, length.size - off));
  ctx.rsp.put("type", type);
  if (off !== 0) ctx.rsp.put("off", off);
  ctx.rsp.put("len", data.length).put("output", type === "crc32" ? crc32(data) : await sha256(data));
  return 0;
}

function supported(ctx: HandlerContext): number {
  const types = new RMap();
  for (const [name, t] of Object.entries(HASH_TYPES)) {
    types.put(name, new RMap().put("format", t.format).put("size", t.size));
  }
  ctx.rsp.put("types", types);
  return 0;
}

export function createFsGroup(deps: FsGroupDeps): SimGroup {
  return {
    id: Group.fs,
    name: "fs mgmt",
    handlers: handlerTable([
      [0, { read: (ctx) => download(deps, ctx), write: (ctx) => upload(deps, ctx) }],
      [1, { read: (ctx) => status(deps, ctx) }],
      [2, { read: (ctx) => hashChecksum(deps, ctx) }],
      [3, { read: supported }],
      [
        4,
        {
          write: () => {
            deps.store.closeTransfer();
            return 0;
          },
        },
      ],
    ]),
  };
}

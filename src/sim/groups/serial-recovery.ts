// MCUboot serial recovery (boot/boot_serial/src/boot_serial.c, default Kconfig): what answers while the device
// waits in the bootloader — no application runs. os: echo, console echo control (answered rc 0), reset (a
// plain reboot: force and boot_mode are not read) and MCUmgr parameters (buf_count 1: one command at a time);
// image: the slot list (slot, hash, version — never "active", no "splitStatus", no flags without
// CONFIG_BOOT_SERIAL_IMG_GRP_IMAGE_STATE) and upload straight into image 0's primary slot, answered
// `{"rc": 0, "off": N}`. Everything else — state write, erase, os info, bootloader info, other groups — is
// MGMT_ERR_ENOTSUP.

import type { Bootloader } from "../mcuboot/bootloader.js";
import { type FlashTiming, eraseMs, writeMs } from "../mcuboot/flash-area.js";
import {
  IMAGE_HEADER_SIZE,
  IMAGE_MAGIC,
  readImageHeader,
  readImageInfo,
  versionString,
} from "../mcuboot/image-info.js";
import { RMap, type RValue } from "../smp/cbor-writer.js";
import { type HandlerContext, type SimGroup, handlerTable } from "../smp/group.js";
import { Group, MgmtErr } from "../smp/mgmt-codes.js";
import { decodeFields } from "../smp/request-fields.js";

export interface SerialRecoveryDeps {
  readonly boot: Bootloader;
  readonly timing: FlashTiming;
  /** MCUBOOT_SERIAL_MAX_RECEIVE_SIZE, reported by the parameters command. */
  readonly bufSize: number;
  /** CONFIG_BOOT_MGMT_ECHO. */
  readonly echo: boolean;
  /** Called once the reset answer has gone out. */
  readonly reset: () => void;
}

/** The upload in progress (boot_serial's static curr_off / img_size): RAM, gone at the next reset. */
interface RecoveryUpload {
  off: number;
  size: number;
}

export function createSerialRecoveryGroups(deps: SerialRecoveryDeps): SimGroup[] {
  const upload: RecoveryUpload = { off: 0, size: 0 };
  const rc0 = (ctx: HandlerContext): number => {
    ctx.rsp.put("rc", 0);
    return 0;
  };
  const os: SimGroup = {
    id: Group.os,
    name: "mcuboot serial recovery os",
    handlers: handlerTable([
      deps.echo && [0, { read: echo, write: echo }],
      [1, { read: rc0, write: rc0 }],
      [5, { read: (ctx) => reset(deps, ctx), write: (ctx) => reset(deps, ctx) }],
      [6, { read: (ctx) => params(deps, ctx), write: (ctx) => params(deps, ctx) }],
    ]),
  };
  const image: SimGroup = {
    id: Group.image,
    name: "mcuboot serial recovery image",
    handlers: handlerTable([
      [0, { read: (ctx) => list(deps.boot, ctx) }],
      [1, { read: (ctx) => write(deps, upload, ctx), write: (ctx) => write(deps, upload, ctx) }],
    ]),
  };
  return [os, image];
}

function echo(ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { d: "tstr" });
  if (fields?.d === undefined) return MgmtErr.EINVAL;
  ctx.rsp.put("r", fields.d);
  return 0;
}

function reset(deps: SerialRecoveryDeps, ctx: HandlerContext): number {
  ctx.rsp.put("rc", 0);
  ctx.afterResponse(deps.reset);
  return 0;
}

function params(deps: SerialRecoveryDeps, ctx: HandlerContext): number {
  ctx.rsp.put("buf_size", deps.bufSize).put("buf_count", 1);
  return 0;
}

function list(boot: Bootloader, ctx: HandlerContext): number {
  const images: RValue[] = [];
  for (const slot of [0, 1]) {
    const area = boot.slot(slot);
    const info = area && readImageInfo(area.bytes);
    if (!info?.ok) continue;
    images.push(
      new RMap().put("slot", slot).put("hash", info.hash).put("version", versionString(info.header.version)),
    );
  }
  ctx.rsp.put("images", images);
  return 0;
}

/** bs_upload: image 0's primary slot, erased when the first chunk arrives; a chunk at another offset is answered with the expected one. */
function write(deps: SerialRecoveryDeps, upload: RecoveryUpload, ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { image: "uint32", data: "bstr", len: "uint32", off: "uint32" });
  const area = deps.boot.primary;
  const data = fields?.data;
  const off = fields?.off;
  if (!fields || data === undefined || off === undefined || (fields.image ?? 0) !== 0)
    return answer(ctx, MgmtErr.EINVAL);
  if (off === 0) {
    const size = fields.len;
    if (size === undefined || size > area.size || data.length < IMAGE_HEADER_SIZE)
      return answer(ctx, MgmtErr.EINVAL);
    if (readImageHeader(data).magic !== IMAGE_MAGIC) return answer(ctx, MgmtErr.EINVAL);
    ctx.spend(eraseMs(area.eraseAll(), deps.timing));
    upload.off = 0;
    upload.size = size;
  } else if (off !== upload.off) {
    return answer(ctx, 0, upload.off);
  } else if (off + data.length > upload.size) {
    return answer(ctx, MgmtErr.EINVAL);
  }
  area.write(off, data);
  ctx.spend(writeMs(data.length, deps.timing));
  upload.off = off + data.length;
  return answer(ctx, 0, upload.off);
}

function answer(ctx: HandlerContext, rc: number, off?: number): number {
  ctx.rsp.put("rc", rc);
  if (rc === 0 && off !== undefined) ctx.rsp.put("off", off);
  return 0;
}

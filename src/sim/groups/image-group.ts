// Image management (group 1), after Zephyr's img_mgmt (img_mgmt.c, img_mgmt_state.c) and the "SMP group 1"
// page: image state read (only slots holding a readable image are listed, all flags always present, then
// splitStatus), state write (test a slot by hash, confirm by hash or — without one — the running image), upload
// (image-upload.ts), erase, and slot info.

import { eraseMs } from "../mcuboot/flash-area.js";
import { ImageFlag, readImageInfo, versionString } from "../mcuboot/image-info.js";
import { ACTIVE_SLOT, type SlotFlags, setNextBootSlot, slotFlags, slotInUse } from "../mcuboot/img-slots.js";
import { RMap, type RValue } from "../smp/cbor-writer.js";
import { type HandlerContext, type SimGroup, handlerTable } from "../smp/group.js";
import { Group, ImgErr, MgmtErr } from "../smp/mgmt-codes.js";
import { decodeFields } from "../smp/request-fields.js";
import { type UploadDeps, idleUpload, imageUpload } from "./image-upload.js";

export interface ImageFeatures {
  /** False mimics MCUboot serial recovery, which answers state write with MGMT_ERR_ENOTSUP. */
  readonly stateWrite: boolean;
  /** CONFIG_MCUMGR_GRP_IMG_SLOT_INFO (command 6). */
  readonly slotInfo: boolean;
  /** "max_image_size" in slot info, when the build knows it. */
  readonly maxImageSize?: number | undefined;
  /**
   * CONFIG_MCUMGR_GRP_IMG_ALLOW_ERASE_PENDING: a slot set to boot next (test or permanent) may be erased and
   * uploaded over. Off by default, as in Zephyr: such a slot refuses both with NO_FREE_SLOT.
   */
  readonly allowErasePending?: boolean;
}

export interface ImageGroupDeps extends UploadDeps {
  readonly features: ImageFeatures;
  /** Called after an image was marked for test (confirm false) or confirmed; fault injection hooks in here. */
  readonly onStateWrite?: (image: number, confirm: boolean) => void;
}

function encodeSlot(deps: ImageGroupDeps, image: number, slot: number, flags: SlotFlags): RMap | undefined {
  const area = deps.boots[image]?.slot(slot);
  const info = area && readImageInfo(area.bytes);
  if (!info?.ok) return undefined;
  // CONFIG_MCUMGR_GRP_IMG_UPDATABLE_IMAGE_NUMBER > 1 adds the image number to each entry.
  const entry = deps.boots.length > 1 ? new RMap().put("image", image) : new RMap();
  return entry
    .put("slot", slot)
    .put("version", versionString(info.header.version))
    .put("hash", info.hash)
    .put("bootable", (info.header.flags & ImageFlag.NON_BOOTABLE) === 0)
    .put("pending", flags.pending)
    .put("confirmed", flags.confirmed)
    .put("active", flags.active)
    .put("permanent", flags.permanent);
}

function stateRead(deps: ImageGroupDeps, ctx: HandlerContext): number {
  const images: RValue[] = [];
  deps.boots.forEach((boot, image) => {
    const flags = slotFlags(boot);
    for (const slot of [0, 1]) {
      const entry = encodeSlot(deps, image, slot, flags[slot === ACTIVE_SLOT ? 0 : 1]);
      if (entry) images.push(entry);
    }
  });
  ctx.rsp.put("images", images).put("splitStatus", 0);
  return 0;
}

function findByHash(deps: ImageGroupDeps, hash: Uint8Array): { image: number; slot: number } | undefined {
  for (const [image, boot] of deps.boots.entries()) {
    for (const slot of [0, 1]) {
      const area = boot.slot(slot);
      const info = area && readImageInfo(area.bytes);
      if (info?.ok && info.hash.every((b, i) => b === hash[i])) return { image, slot };
    }
  }
  return undefined;
}

function stateWrite(deps: ImageGroupDeps, ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { hash: "bstr", confirm: "bool" });
  if (!fields) return MgmtErr.EINVAL;
  // The single-slot modes have nothing to test or confirm (and MCUboot serial recovery has no such command).
  if (deps.boots.some((b) => b.family === "single" || b.inRecovery)) return MgmtErr.ENOTSUP;
  const confirm = fields.confirm ?? false;
  const hash = fields.hash ?? new Uint8Array(0);
  let target: { image: number; slot: number } | undefined;
  if (hash.length === 0) {
    if (!confirm) {
      ctx.addError(Group.image, ImgErr.INVALID_HASH);
      return 0;
    }
    target = { image: 0, slot: deps.boots[0]!.activeSlot };
  } else if (hash.length !== 32) {
    ctx.addError(Group.image, ImgErr.INVALID_HASH);
    return 0;
  } else {
    target = findByHash(deps, hash);
    if (!target) {
      ctx.addError(Group.image, ImgErr.HASH_NOT_FOUND);
      return 0;
    }
  }
  const rc = setNextBootSlot(deps.boots[target.image]!, target.slot, confirm);
  if (rc !== 0) {
    ctx.addError(Group.image, rc);
    return 0;
  }
  deps.onStateWrite?.(target.image, confirm);
  return stateRead(deps, ctx);
}

function erase(deps: ImageGroupDeps, ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { slot: "uint32" });
  if (!fields) return MgmtErr.EINVAL;
  // Without a slot: image 0's slot that is not running. With one: Zephyr's flat numbering, 2 per image.
  const first = deps.boots[0]!;
  const flat = fields.slot ?? (first.family === "in-place" ? 1 - first.activeSlot : 1);
  const boot = deps.boots[flat >> 1];
  const slot = flat & 1;
  const area = boot?.slot(slot);
  if (area && readImageInfo(area.bytes).ok && slotInUse(boot!, slot, deps.features.allowErasePending)) {
    ctx.addError(Group.image, ImgErr.NO_FREE_SLOT);
    return 0;
  }
  // Zephyr forgets the upload in progress whether or not the erase works.
  Object.assign(deps.upload, idleUpload());
  if (!area) {
    ctx.addError(Group.image, ImgErr.INVALID_SLOT);
    return 0;
  }
  if (!area.isErased()) ctx.spend(eraseMs(area.eraseAll(), deps.timing));
  return 0;
}

function slotInfo(deps: ImageGroupDeps, ctx: HandlerContext): number {
  const images = deps.boots.map((boot, image) => {
    const slots = [0, 1]
      .filter((slot) => boot.slot(slot) !== undefined)
      .map((slot) => {
        const entry = new RMap().put("slot", slot).put("size", boot.options.slotSize);
        if (slot !== boot.activeSlot) entry.put("upload_image_id", image);
        return entry;
      });
    const entry = new RMap().put("image", image).put("slots", slots);
    if (deps.features.maxImageSize !== undefined) entry.put("max_image_size", deps.features.maxImageSize);
    return entry;
  });
  ctx.rsp.put("images", images);
  return 0;
}

export function createImageGroup(deps: ImageGroupDeps): SimGroup {
  return {
    id: Group.image,
    name: "img mgmt",
    handlers: handlerTable([
      [
        0,
        {
          read: (ctx) => stateRead(deps, ctx),
          ...(deps.features.stateWrite ? { write: (ctx: HandlerContext) => stateWrite(deps, ctx) } : {}),
        },
      ],
      [1, { write: (ctx) => imageUpload(deps, ctx) }],
      [5, { write: (ctx) => erase(deps, ctx) }],
      deps.features.slotInfo && [6, { read: (ctx) => slotInfo(deps, ctx) }],
    ]),
  };
}

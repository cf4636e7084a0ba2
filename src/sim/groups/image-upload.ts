// Image upload (group 1, command 1), after Zephyr's img_mgmt_upload and img_mgmt_upload_inspect
// (subsys/mgmt/mcumgr/grp/img_mgmt/src/img_mgmt.c, zephyr_img_mgmt.c):
// - the first chunk (off 0) carries len, the image header and optionally sha; it picks the free slot and erases
//   it (if not blank) before anything is written — the long first response;
// - a first chunk whose sha equals the upload in progress resumes it: the answer is the current offset;
// - a chunk at any offset other than the expected one is dropped and answered with the expected `off`;
// - a completed or failed upload forgets its state, so a repeated last chunk is answered with `off: 0`.

import { type FlashArea, type FlashTiming, eraseMs, writeMs } from "../mcuboot/flash-area.js";
import type { Bootloader } from "../mcuboot/bootloader.js";
import {
  IMAGE_HEADER_SIZE,
  IMAGE_MAGIC,
  compareVersions,
  readImageHeader,
  readImageInfo,
} from "../mcuboot/image-info.js";
import { slotInUse } from "../mcuboot/img-slots.js";
import { sha256 } from "../sha256.js";
import type { HandlerContext } from "../smp/group.js";
import { Group, ImgErr, MgmtErr } from "../smp/mgmt-codes.js";
import { decodeFields } from "../smp/request-fields.js";

/** g_img_mgmt_state: lives in RAM, so a reset forgets it. */
export interface UploadState {
  off: number;
  size: number;
  /** Slot being written, -1 when no upload is in progress. */
  slot: number;
  /** Image number (which pair of slots) being written. */
  image: number;
  sha: Uint8Array;
}

export function idleUpload(): UploadState {
  return { off: 0, size: 0, slot: -1, image: 0, sha: new Uint8Array(0) };
}

/** Fails an upload on purpose (fault injection per image): answers `rc` once `off` reaches `atOffset`. */
export interface UploadFault {
  readonly image: number;
  readonly atOffset: number;
  readonly rc: number;
}

export interface UploadDeps {
  /** One bootloader view per image number (MCUBOOT_IMAGE_NUMBER pairs of slots). */
  readonly boots: readonly Bootloader[];
  readonly uploadFaults?: () => readonly UploadFault[];
  readonly upload: UploadState;
  readonly timing: FlashTiming;
  /** CONFIG_IMG_ENABLE_IMAGE_CHECK: verify `sha` against flash and add `match` to the last response. */
  readonly imageCheck: boolean;
  /** See ImageFeatures.allowErasePending. */
  readonly allowErasePending?: boolean | undefined;
  readonly onProgress?: (state: Readonly<UploadState>) => void;
}

const NONE = -1;
const DATA_SHA_MAX = 32;

interface UploadRequest {
  readonly off: number;
  readonly size: number;
  readonly data: Uint8Array;
  readonly sha: Uint8Array;
  readonly upgrade: boolean;
  readonly image: number;
}

type Action =
  | { readonly kind: "error"; readonly rc: number }
  | { readonly kind: "answer-offset" }
  | {
      readonly kind: "write";
      readonly image: number;
      readonly slot: number;
      readonly size: number;
      readonly erase: boolean;
    };

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function inspect(deps: UploadDeps, req: UploadRequest): Action {
  const state = deps.upload;
  if (req.off === NONE) return { kind: "error", rc: ImgErr.INVALID_OFFSET };
  if (req.off !== 0) {
    if (req.off !== state.off) return { kind: "answer-offset" };
    if (req.off + req.data.length > state.size)
      return { kind: "error", rc: ImgErr.INVALID_IMAGE_DATA_OVERRUN };
    return { kind: "write", image: state.image, slot: state.slot, size: state.size, erase: false };
  }
  if (req.data.length < IMAGE_HEADER_SIZE) return { kind: "error", rc: ImgErr.INVALID_IMAGE_HEADER };
  if (req.size === NONE) return { kind: "error", rc: ImgErr.INVALID_LENGTH };
  const header = readImageHeader(req.data);
  if (header.magic !== IMAGE_MAGIC) return { kind: "error", rc: ImgErr.INVALID_IMAGE_HEADER_MAGIC };
  if (req.sha.length > DATA_SHA_MAX) return { kind: "error", rc: ImgErr.INVALID_HASH };
  if (req.sha.length > 0 && state.slot !== NONE && state.image === req.image && sameBytes(state.sha, req.sha))
    return { kind: "answer-offset" };
  const boot = deps.boots[req.image];
  if (!boot) return { kind: "error", rc: ImgErr.INVALID_SLOT };
  const slot = [0, 1].find((s) => boot.slot(s) !== undefined && !slotInUse(boot, s, deps.allowErasePending));
  const area = slot === undefined ? undefined : boot.slot(slot);
  if (slot === undefined || !area) return { kind: "error", rc: ImgErr.NO_FREE_SLOT };
  if (req.size > area.size) return { kind: "error", rc: ImgErr.INVALID_IMAGE_TOO_LARGE };
  if (req.upgrade) {
    const running = readImageInfo(boot.slot(boot.activeSlot)!.bytes);
    if (!running.ok) return { kind: "error", rc: ImgErr.VERSION_GET_FAILED };
    if (compareVersions(running.header.version, header.version) >= 0) {
      return { kind: "error", rc: ImgErr.CURRENT_VERSION_IS_NEWER };
    }
  }
  return { kind: "write", image: req.image, slot, size: req.size, erase: !area.isErased() };
}

/** img_mgmt_erase_image_data: the pages the image will occupy, and the trailer page if not among them. */
function eraseForImage(area: FlashArea, size: number): number {
  const length = Math.ceil(Math.max(size, 1) / area.pageSize) * area.pageSize;
  let pages = area.erase(0, length);
  if (area.trailerOffset >= length) pages += area.erase(area.trailerOffset, area.size - area.trailerOffset);
  return pages;
}

async function flashMatches(area: FlashArea, sha: Uint8Array, size: number): Promise<boolean> {
  if (sha.length !== DATA_SHA_MAX) return false;
  return sameBytes(await sha256(area.bytes.subarray(0, size)), sha);
}

function resetUpload(state: UploadState): void {
  Object.assign(state, idleUpload());
}

export async function imageUpload(deps: UploadDeps, ctx: HandlerContext): Promise<number> {
  const fields = decodeFields(ctx.body, {
    image: "uint32",
    data: "bstr",
    len: "uint32",
    off: "uint32",
    sha: "bstr",
    upgrade: "bool",
  });
  if (!fields) return MgmtErr.EINVAL;
  const req: UploadRequest = {
    off: fields.off ?? NONE,
    size: fields.len ?? NONE,
    data: fields.data ?? new Uint8Array(0),
    sha: fields.sha ?? new Uint8Array(0),
    upgrade: fields.upgrade ?? false,
    image: fields.image ?? 0,
  };
  const state = deps.upload;
  const action = inspect(deps, req);
  if (action.kind === "error") {
    ctx.addError(Group.image, action.rc);
    resetUpload(state);
    return 0;
  }
  if (action.kind === "answer-offset") {
    ctx.rsp.put("off", state.off);
    return 0;
  }

  const area = deps.boots[action.image]?.slot(action.slot);
  if (!area) return MgmtErr.EUNKNOWN;
  const fault = deps.uploadFaults?.().find((f) => f.image === action.image && req.off >= f.atOffset);
  if (fault) {
    ctx.addError(Group.image, fault.rc);
    resetUpload(state);
    return 0;
  }
  state.image = action.image;
  state.slot = action.slot;
  state.size = action.size;
  let last = false;
  let done = false;
  let match = false;
  if (req.off === 0) {
    state.off = 0;
    state.sha = req.sha.slice();
    if (deps.imageCheck && (await flashMatches(area, state.sha, state.size))) {
      // The slot already holds this image: nothing to upload.
      state.off = state.size;
      last = done = match = true;
    } else if (action.erase) {
      ctx.spend(eraseMs(eraseForImage(area, state.size), deps.timing));
    }
  }
  if (!done && req.data.length > 0) {
    last = state.off + req.data.length === state.size;
    area.write(req.off, req.data);
    ctx.spend(writeMs(req.data.length, deps.timing));
    state.off += req.data.length;
    if (state.off === state.size) {
      done = true;
      if (deps.imageCheck) match = await flashMatches(area, state.sha, state.size);
    }
  }
  ctx.rsp.put("off", state.off);
  if (deps.imageCheck && last) ctx.rsp.put("match", match);
  deps.onProgress?.(state);
  if (done) resetUpload(state);
  return 0;
}

// Image management group (1): Zephyr "SMP group 1" page and img_mgmt.c. The upload engine and the update
// flow are built on these: state read/write (test, confirm), chunked upload, erase, slot info.

import { type EmptyBody, SmpGroup, defineCommand } from "../command.js";
import type { CborMap } from "../cbor.js";
import { type FieldReader, canonicalMap, opt, requestReader, responseReader } from "../validate.js";

/** One image slot as the device lists it. Flags may be absent (Zephyr's "frugal list" omits false ones). */
export interface ImageSlotState {
  /** Image number in multi-image builds; absent on single-image devices (means 0). */
  readonly image?: number;
  readonly slot: number;
  readonly version: string;
  /** SHA-256 of the image as stored in its TLV; absent when the slot holds no valid image. */
  readonly hash?: Uint8Array;
  readonly bootable?: boolean;
  readonly pending?: boolean;
  readonly confirmed?: boolean;
  readonly active?: boolean;
  readonly permanent?: boolean;
}

export interface ImageStateResponse {
  readonly images: readonly ImageSlotState[];
  readonly splitStatus?: number;
}

/** After a state write, Zephyr answers with the new list; some servers answer with an empty map. */
export interface ImageStateWriteResponse {
  readonly images?: readonly ImageSlotState[];
  readonly splitStatus?: number;
}

function readSlotState(s: FieldReader): ImageSlotState {
  return {
    ...opt("image", s.optUint("image")),
    slot: s.uint("slot"),
    version: s.str("version"),
    ...opt("hash", s.optBytes("hash")),
    ...opt("bootable", s.optBool("bootable")),
    ...opt("pending", s.optBool("pending")),
    ...opt("confirmed", s.optBool("confirmed")),
    ...opt("active", s.optBool("active")),
    ...opt("permanent", s.optBool("permanent")),
  };
}

export const imageStateRead = defineCommand<EmptyBody, ImageStateResponse>({
  name: "image.state.read",
  label: "read image state",
  group: SmpGroup.image,
  id: 0,
  op: "read",
  encode: () => ({}),
  decodeRequest: () => ({}),
  decode: (body) => {
    const r = responseReader(body, "read image state");
    return { images: r.records("images", readSlotState), ...opt("splitStatus", r.optInt("splitStatus")) };
  },
});

export interface ImageStateWriteRequest {
  /** Hash of the image to mark. Without it, `confirm: true` confirms the running image. */
  readonly hash?: Uint8Array;
  /** true: make permanent (confirm). false or absent: boot it once for test. */
  readonly confirm?: boolean;
}

export const imageStateWrite = defineCommand<ImageStateWriteRequest, ImageStateWriteResponse>({
  name: "image.state.write",
  label: "mark image (test/confirm)",
  group: SmpGroup.image,
  id: 0,
  op: "write",
  encode: (req) => canonicalMap({ hash: req.hash, confirm: req.confirm }),
  decodeRequest: (body) => {
    const r = requestReader(body, "mark image (test/confirm)");
    return { ...opt("hash", r.optBytes("hash")), ...opt("confirm", r.optBool("confirm")) };
  },
  decode: (body) => {
    const r = responseReader(body, "mark image (test/confirm)");
    return {
      ...opt("images", r.has("images") ? r.records("images", readSlotState) : undefined),
      ...opt("splitStatus", r.optInt("splitStatus")),
    };
  },
});

export interface ImageUploadRequest {
  /** Image number (multi-image); first chunk only. */
  readonly image?: number;
  /** Total image length; first chunk only. */
  readonly len?: number;
  readonly off: number;
  /** SHA-256 of the whole upload (may be truncated); first chunk only. Lets the device resume a session. */
  readonly sha?: Uint8Array;
  readonly data: Uint8Array;
  /** Refuse images not newer than the running one; first chunk only. */
  readonly upgrade?: boolean;
}

export interface ImageUploadResponse {
  /** The offset the device expects next: the truth to follow, whatever we sent. */
  readonly off: number;
  /** On the last chunk, when the device checked the whole image against `sha`. */
  readonly match?: boolean;
}

function readUploadRequest(body: CborMap, label: string): ImageUploadRequest {
  const r = requestReader(body, label);
  return {
    ...opt("image", r.optUint("image")),
    ...opt("len", r.optUint("len")),
    off: r.uint("off"),
    ...opt("sha", r.optBytes("sha")),
    data: r.bytes("data"),
    ...opt("upgrade", r.optBool("upgrade")),
  };
}

function readUploadResponse(body: CborMap, label: string): ImageUploadResponse {
  const r = responseReader(body, label);
  return { off: r.uint("off"), ...opt("match", r.optBool("match")) };
}

export const imageUpload = defineCommand<ImageUploadRequest, ImageUploadResponse>({
  name: "image.upload",
  label: "image upload",
  group: SmpGroup.image,
  id: 1,
  op: "write",
  encode: (req) =>
    canonicalMap({
      image: req.image,
      len: req.len,
      off: req.off,
      sha: req.sha,
      data: req.data,
      upgrade: req.upgrade,
    }),
  decodeRequest: (body) => readUploadRequest(body, "image upload"),
  decode: (body) => readUploadResponse(body, "image upload"),
});

export interface ImageEraseRequest {
  /** Slot to erase; absent means the slot that is not running. */
  readonly slot?: number;
}

export const imageErase = defineCommand<ImageEraseRequest, EmptyBody>({
  name: "image.erase",
  label: "erase image slot",
  group: SmpGroup.image,
  id: 5,
  op: "write",
  encode: (req) => canonicalMap({ slot: req.slot }),
  decodeRequest: (body) => opt("slot", requestReader(body, "erase image slot").optUint("slot")),
  decode: () => ({}),
});

export interface SlotInfo {
  readonly slot: number;
  /** Slot size in bytes; absent when the device could not open the flash area (it sends `rc` instead). */
  readonly size?: number;
  /** Image number to use in an upload to reach this slot, when it differs from the image number. */
  readonly upload_image_id?: number;
  readonly rc?: number;
}
export interface ImageSlotInfo {
  readonly image: number;
  readonly slots: readonly SlotInfo[];
  /** Largest image the slots can hold (after MCUboot's trailer); newer servers only. */
  readonly max_image_size?: number;
}
export interface SlotInfoResponse {
  readonly images: readonly ImageSlotInfo[];
}

export const imageSlotInfo = defineCommand<EmptyBody, SlotInfoResponse>({
  name: "image.slot_info",
  label: "read slot info",
  group: SmpGroup.image,
  id: 6,
  op: "read",
  encode: () => ({}),
  decodeRequest: () => ({}),
  decode: (body) => ({
    images: responseReader(body, "read slot info").records("images", (i) => ({
      image: i.uint("image"),
      slots: i.records("slots", (s) => ({
        slot: s.uint("slot"),
        ...opt("size", s.optUint("size")),
        ...opt("upload_image_id", s.optUint("upload_image_id")),
        ...opt("rc", s.optInt("rc")),
      })),
      ...opt("max_image_size", i.optUint("max_image_size")),
    })),
  }),
});

/** Intercreate's upload in user group 64 (smpclient): the image upload request without `upgrade`. */
export type IntercreateUploadRequest = Omit<ImageUploadRequest, "upgrade">;

export const intercreateUpload = defineCommand<IntercreateUploadRequest, ImageUploadResponse>({
  name: "intercreate.upload",
  label: "Intercreate image upload",
  group: SmpGroup.intercreate,
  id: 1,
  op: "write",
  encode: (req) =>
    canonicalMap({ image: req.image, len: req.len, off: req.off, sha: req.sha, data: req.data }),
  decodeRequest: (body) => {
    const { upgrade: _upgrade, ...rest } = readUploadRequest(body, "Intercreate image upload");
    return rest;
  },
  decode: (body) => readUploadResponse(body, "Intercreate image upload"),
});

export const IMAGE_COMMANDS = [
  imageStateRead,
  imageStateWrite,
  imageUpload,
  imageErase,
  imageSlotInfo,
  intercreateUpload,
] as const;

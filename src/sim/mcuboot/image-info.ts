// The little of an MCUboot image the simulated device needs (MCUboot "Image format" design doc): the 32-byte
// header and the SHA-256 hash TLV, read the way Zephyr's img_mgmt_read_info does it. The device reports that
// TLV value as the slot's hash (not a hash of the whole file). The full parser lives in core/mcuboot; this one
// is deliberately independent of it.

import { ImgErr } from "../smp/mgmt-codes.js";

export const IMAGE_MAGIC = 0x96f3b83d;
export const IMAGE_HEADER_SIZE = 32;
export const TLV_INFO_MAGIC = 0x6907;
export const TLV_PROT_INFO_MAGIC = 0x6908;
export const TLV_SHA256 = 0x10;
export const IMAGE_HASH_LEN = 32;

export const ImageFlag = {
  PIC: 0x01,
  ENCRYPTED_AES128: 0x04,
  ENCRYPTED_AES256: 0x08,
  NON_BOOTABLE: 0x10,
  RAM_LOAD: 0x20,
  ROM_FIXED: 0x100,
} as const;

export interface ImageVersion {
  readonly major: number;
  readonly minor: number;
  readonly revision: number;
  readonly build: number;
}

export interface ImageHeader {
  readonly magic: number;
  readonly loadAddr: number;
  readonly hdrSize: number;
  readonly protectTlvSize: number;
  readonly imgSize: number;
  readonly flags: number;
  readonly version: ImageVersion;
}

/** Reads bytes as flash does: anything past the end reads as erased (0xff). */
function u8(data: Uint8Array, off: number): number {
  return off >= 0 && off < data.length ? data[off]! : 0xff;
}

function u16(data: Uint8Array, off: number): number {
  return u8(data, off) | (u8(data, off + 1) << 8);
}

function u32(data: Uint8Array, off: number): number {
  return (u16(data, off) | (u16(data, off + 2) << 16)) >>> 0;
}

/** The 32-byte header fields (little-endian), whatever the magic says. */
export function readImageHeader(data: Uint8Array): ImageHeader {
  return {
    magic: u32(data, 0),
    loadAddr: u32(data, 4),
    hdrSize: u16(data, 8),
    protectTlvSize: u16(data, 10),
    imgSize: u32(data, 12),
    flags: u32(data, 16),
    version: {
      major: u8(data, 20),
      minor: u8(data, 21),
      revision: u16(data, 22),
      build: u32(data, 24),
    },
  };
}

export type ImageInfo =
  | { readonly ok: true; readonly header: ImageHeader; readonly hash: Uint8Array }
  | { readonly ok: false; readonly err: number };

/**
 * Zephyr's img_mgmt_read_info over a slot's bytes: header magic (erased → NO_IMAGE), the protected TLV area if
 * any, then the TLV area, which must hold exactly one SHA-256 TLV of 32 bytes.
 */
export function readImageInfo(data: Uint8Array): ImageInfo {
  const header = readImageHeader(data);
  if (header.magic !== IMAGE_MAGIC) {
    return {
      ok: false,
      err: header.magic === 0xffffffff ? ImgErr.NO_IMAGE : ImgErr.INVALID_IMAGE_HEADER_MAGIC,
    };
  }
  let off = header.hdrSize + header.imgSize;
  if (u16(data, off) === TLV_PROT_INFO_MAGIC) {
    // Both TLV-info totals include their own 4-byte info header.
    off += u16(data, off + 2);
  }
  if (u16(data, off) !== TLV_INFO_MAGIC) return { ok: false, err: ImgErr.NO_TLVS };
  // Zephyr's end bound is 4 bytes past the area (it counts the info header twice); harmless, kept.
  const end = off + 4 + u16(data, off + 2);
  off += 4;
  let hash: Uint8Array | undefined;
  while (off + 4 <= end) {
    const type = u16(data, off);
    const len = u16(data, off + 2);
    if (type === 0xff && len === 0xffff) return { ok: false, err: ImgErr.INVALID_TLV };
    if (type !== TLV_SHA256 || len !== IMAGE_HASH_LEN) {
      off += 4 + len;
      continue;
    }
    if (hash) return { ok: false, err: ImgErr.TLV_MULTIPLE_HASHES_FOUND };
    off += 4;
    if (off + IMAGE_HASH_LEN > end) return { ok: false, err: ImgErr.TLV_INVALID_SIZE };
    hash = new Uint8Array(IMAGE_HASH_LEN);
    for (let i = 0; i < IMAGE_HASH_LEN; i++) hash[i] = u8(data, off + i);
  }
  if (!hash) return { ok: false, err: ImgErr.HASH_NOT_FOUND };
  return { ok: true, header, hash };
}

/** The image's SHA-256 hash TLV value, or undefined when it has none (or no valid header). */
export function findImageHash(image: Uint8Array): Uint8Array | undefined {
  const info = readImageInfo(image);
  return info.ok ? info.hash : undefined;
}

/** Bytes the hash TLV covers: header (with padding), body and protected TLVs. */
export function hashedLength(header: ImageHeader): number {
  return header.hdrSize + header.imgSize + header.protectTlvSize;
}

/** Total image length as laid out in flash: hashed region plus the unprotected TLV area. */
export function imageLength(data: Uint8Array, header: ImageHeader): number {
  let off = header.hdrSize + header.imgSize;
  if (u16(data, off) === TLV_PROT_INFO_MAGIC) off += u16(data, off + 2);
  return u16(data, off) === TLV_INFO_MAGIC ? off + u16(data, off + 2) : off;
}

/** Zephyr's img_mgmt_ver_str: "major.minor.revision", plus ".build" when the build number is not 0. */
export function versionString(v: ImageVersion): string {
  const base = `${v.major}.${v.minor}.${v.revision}`;
  return v.build !== 0 ? `${base}.${v.build}` : base;
}

/** img_mgmt_vercmp: major, minor, revision (build only when asked). */
export function compareVersions(a: ImageVersion, b: ImageVersion, useBuild = false): number {
  const fields: (keyof ImageVersion)[] = useBuild
    ? ["major", "minor", "revision", "build"]
    : ["major", "minor", "revision"];
  for (const f of fields) {
    if (a[f] !== b[f]) return a[f] < b[f] ? -1 : 1;
  }
  return 0;
}

export const TLV_DEPENDENCY = 0x40;

/** An image this one needs (bootutil's struct image_dependency): image number and lowest version. */
export interface ImageDependency {
  readonly imageId: number;
  readonly minVersion: ImageVersion;
}

/** The DEPENDENCY TLVs of the protected TLV area (where imgtool puts them, covered by the hash). */
export function readDependencies(data: Uint8Array): ImageDependency[] {
  const header = readImageHeader(data);
  if (header.magic !== IMAGE_MAGIC || header.protectTlvSize === 0) return [];
  let off = header.hdrSize + header.imgSize;
  if (u16(data, off) !== TLV_PROT_INFO_MAGIC) return [];
  const end = off + u16(data, off + 2);
  off += 4;
  const out: ImageDependency[] = [];
  while (off + 4 <= end) {
    const type = u16(data, off);
    const len = u16(data, off + 2);
    if (type === TLV_DEPENDENCY && len === 12) {
      out.push({
        imageId: u8(data, off + 4),
        minVersion: {
          major: u8(data, off + 8),
          minor: u8(data, off + 9),
          revision: u16(data, off + 10),
          build: u32(data, off + 12),
        },
      });
    }
    off += 4 + len;
  }
  return out;
}

// The image trailer at the end of a slot, as `imgtool sign --pad/--confirm/--test` writes it (MCUboot
// docs/design.md, "Image trailer"): magic in the last 16 bytes, then image_ok, copy_done, swap_info and
// swap_size below it, each in its own max-align-sized field.

import { BOOT_MAGIC_V1, BOOT_MAGIC_V2_TAIL } from "./constants.js";

export interface ImageTrailer {
  /** Offset of the 16-byte magic (the trailer is at the end of the padded file). */
  readonly magicOffset: number;
  readonly magic: Uint8Array;
  readonly maxAlign: number;
  readonly imageOkOffset: number;
  /** 0x01 means the image is confirmed (--confirm); the erased value means not set. */
  readonly imageOk: number;
  readonly copyDone: number;
  readonly swapInfo: number;
  readonly swapSize: number;
  /** True when image_ok is 0x01: MCUboot will boot it permanently without a test run. */
  readonly confirmed: boolean;
}

function matches(bytes: Uint8Array, at: number, pattern: Uint8Array): boolean {
  for (let i = 0; i < pattern.length; i++) if (bytes[at + i] !== pattern[i]) return false;
  return true;
}

function alignUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

/**
 * Finds a trailer in `bytes` after `tlvEnd` (the end of the TLV area). Returns undefined when the file ends
 * without one: trailing bytes without a magic are not a trailer (MCUboot ignores them).
 */
export function readTrailer(
  bytes: Uint8Array,
  tlvEnd: number,
  endian: "little" | "big",
): ImageTrailer | undefined {
  // Too short a file or a magic inside the TLV area fails the swap_size bound below (or the magic match).
  const magicOffset = bytes.length - 16;
  let maxAlign: number;
  if (matches(bytes, magicOffset, BOOT_MAGIC_V1)) {
    maxAlign = 8;
  } else if (matches(bytes, magicOffset + 2, BOOT_MAGIC_V2_TAIL)) {
    maxAlign = bytes[magicOffset]! | (bytes[magicOffset + 1]! << 8);
    if (maxAlign < 8 || maxAlign > 1024 || (maxAlign & (maxAlign - 1)) !== 0) return undefined;
  } else {
    return undefined;
  }
  const imageOkOffset = bytes.length - alignUp(16, maxAlign) - maxAlign;
  const copyDoneOffset = imageOkOffset - maxAlign;
  const swapInfoOffset = copyDoneOffset - maxAlign;
  const swapSizeOffset = swapInfoOffset - maxAlign;
  if (swapSizeOffset < tlvEnd) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const imageOk = bytes[imageOkOffset]!;
  return {
    magicOffset,
    magic: bytes.subarray(magicOffset),
    maxAlign,
    imageOkOffset,
    imageOk,
    copyDone: bytes[copyDoneOffset]!,
    swapInfo: bytes[swapInfoOffset]!,
    swapSize: view.getUint32(swapSizeOffset, endian === "little"),
    confirmed: imageOk === 0x01,
  };
}

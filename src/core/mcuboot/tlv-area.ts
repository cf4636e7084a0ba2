// Walks the protected (0x6908) and unprotected (0x6907) TLV areas with MCUboot's bounds rules
// (bootutil/src/tlv.c): the info header's total includes itself, every TLV ends inside its area, and the
// protected total must equal the header's ih_protect_tlv_size.

import type { ByteReader } from "./byte-reader.js";
import { TLV_HEADER_SIZE, TLV_INFO_SIZE, TLV_VENDOR_MIN, tlvName, type TlvName } from "./constants.js";
import { ImageFormatError, hexOffset } from "./errors.js";
import { decodeTlvValue, type TlvDecoded } from "./tlv-decode.js";

export type TlvAreaKind = "protected" | "unprotected";

export interface ImageTlv {
  readonly area: TlvAreaKind;
  /** Offset of the 4-byte TLV header in the image. */
  readonly offset: number;
  readonly type: number;
  readonly name: TlvName;
  readonly length: number;
  /** A view into the image bytes (not a copy). */
  readonly value: Uint8Array;
  readonly decoded?: TlvDecoded;
}

export interface TlvAreaSpan {
  readonly start: number;
  readonly end: number;
  readonly magic: number;
  readonly total: number;
}

/**
 * imgtool packs built-in types as one type byte and a zero byte even in big-endian images, while custom
 * types are a real u16; read both the way imgtool wrote them.
 */
function readType(r: ByteReader, at: number): number {
  const b0 = r.u8(at);
  const b1 = r.u8(at + 1);
  if (r.endian === "little") return b0 | (b1 << 8);
  return b1 === 0 && b0 !== 0 && b0 < TLV_VENDOR_MIN ? b0 : (b0 << 8) | b1;
}

/** Reads the 4-byte info header at `start`; throws when it is missing or its total does not fit the file. */
export function readTlvInfo(
  r: ByteReader,
  start: number,
  kind: TlvAreaKind,
  expectedMagic: number,
): TlvAreaSpan {
  const label = kind === "protected" ? "protected TLV info" : "TLV info"; // MCUboot's own names
  if (!r.has(start, TLV_INFO_SIZE)) {
    throw new ImageFormatError("image-truncated", {
      label,
      start: hexOffset(start),
      rLength: hexOffset(r.length),
    });
  }
  const magic = r.u16(start);
  const total = r.u16(start + 2);
  if (magic !== expectedMagic) {
    const code = kind === "protected" ? "image-bad-protected-tlv-info" : "image-bad-tlv-info";
    throw new ImageFormatError(
      code,
      {
        label,
        magic: magic.toString(16).padStart(4, "0"),
        start: hexOffset(start),
        expected: expectedMagic.toString(16),
      },
      { variant: "magic" },
    );
  }
  if (total < TLV_INFO_SIZE) {
    throw new ImageFormatError(
      kind === "protected" ? "image-bad-protected-tlv-info" : "image-bad-tlv-info",
      { label, start: hexOffset(start), total },
      { variant: "too-small" },
    );
  }
  const end = start + total;
  if (end > r.length) {
    throw new ImageFormatError(
      "image-truncated",
      {
        value: kind === "protected" ? "Protected TLV" : "TLV",
        start: hexOffset(start),
        end: hexOffset(end),
        rLength: hexOffset(r.length),
      },
      { variant: "area-past-end" },
    );
  }
  return { start, end, magic, total };
}

/** Appends the area's TLVs to `out` one by one, so a caller keeps the ones read before a fault. */
export function walkTlvArea(r: ByteReader, span: TlvAreaSpan, kind: TlvAreaKind, out: ImageTlv[]): void {
  let at = span.start + TLV_INFO_SIZE;
  while (at < span.end) {
    if (at + TLV_HEADER_SIZE > span.end) {
      throw new ImageFormatError("image-tlv-overrun", { kind, at: hexOffset(at), end: hexOffset(span.end) });
    }
    const type = readType(r, at);
    const length = r.u16(at + 2);
    const valueStart = at + TLV_HEADER_SIZE;
    if (valueStart + length > span.end) {
      throw new ImageFormatError(
        "image-tlv-overrun",
        { kind, type: type.toString(16), at: hexOffset(at), length, end: hexOffset(span.end) },
        { variant: "entry-overruns" },
      );
    }
    const value = r.bytes.subarray(valueStart, valueStart + length);
    const decoded = decodeTlvValue(type, value, r.endian);
    out.push({
      area: kind,
      offset: at,
      type,
      name: tlvName(type),
      length,
      value,
      ...(decoded ? { decoded } : {}),
    });
    at = valueStart + length;
  }
}

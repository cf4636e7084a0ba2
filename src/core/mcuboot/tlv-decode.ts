// Turns the values of the TLV types MCUboot defines into readable fields (security counter, dependency,
// UUIDs, sizes, boot record, key-exchange parts). Custom TLVs stay raw, with printable ASCII shown as text.

import type { Endian } from "./byte-reader.js";
import { ByteReader } from "./byte-reader.js";
import { decodeBootRecord, type BootRecordEntry } from "./boot-record.js";
import { TLV_TYPES, TLV_VENDOR_MIN } from "./constants.js";
import { formatVersion, type ImageVersion } from "./header.js";

export type TlvDecoded =
  | { readonly kind: "security-counter"; readonly value: number }
  | { readonly kind: "dependency"; readonly imageId: number; readonly minVersion: ImageVersion }
  | { readonly kind: "uuid"; readonly uuid: string }
  | { readonly kind: "size"; readonly size: number }
  | { readonly kind: "sig-pure"; readonly pure: boolean }
  | { readonly kind: "boot-record"; readonly entries: readonly BootRecordEntry[] }
  | {
      readonly kind: "ecies";
      readonly ephemeralKey: Uint8Array;
      readonly mac: Uint8Array;
      readonly wrappedKey: Uint8Array;
    }
  | { readonly kind: "text"; readonly text: string };

function formatUuid(v: Uint8Array): string {
  let hex = "";
  for (const b of v) hex += b.toString(16).padStart(2, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function printableAscii(v: Uint8Array): string | undefined {
  if (v.length === 0) return undefined;
  let out = "";
  for (const b of v) {
    if (b < 0x20 || b > 0x7e) return undefined;
    out += String.fromCharCode(b);
  }
  return out;
}

/** ECIES key-exchange TLVs: ephemeral public key, HMAC tag, wrapped AES key (imgtool's layout). */
function decodeEcies(value: Uint8Array, keyLength: number, macLength: number): TlvDecoded | undefined {
  const wrapped = value.length - keyLength - macLength;
  if (wrapped !== 16 && wrapped !== 32) return undefined;
  return {
    kind: "ecies",
    ephemeralKey: value.subarray(0, keyLength),
    mac: value.subarray(keyLength, keyLength + macLength),
    wrappedKey: value.subarray(keyLength + macLength),
  };
}

/** The decoded form of a TLV value, or undefined when the type has none or the value does not fit it. */
export function decodeTlvValue(type: number, value: Uint8Array, endian: Endian): TlvDecoded | undefined {
  const r = new ByteReader(value, endian);
  switch (type) {
    case TLV_TYPES.SEC_CNT:
      return value.length === 4 ? { kind: "security-counter", value: r.u32(0) } : undefined;
    case TLV_TYPES.DECOMP_SIZE:
    case TLV_TYPES.COMP_DEC_SIZE:
      return value.length === 4 ? { kind: "size", size: r.u32(0) } : undefined;
    case TLV_TYPES.DEPENDENCY: {
      if (value.length !== 12) return undefined;
      const [major, minor, revision, build] = [r.u8(4), r.u8(5), r.u16(6), r.u32(8)];
      return {
        kind: "dependency",
        imageId: r.u8(0),
        minVersion: { major, minor, revision, build, text: formatVersion(major, minor, revision, build) },
      };
    }
    case TLV_TYPES.UUID_VID:
    case TLV_TYPES.UUID_CID:
      return value.length === 16 ? { kind: "uuid", uuid: formatUuid(value) } : undefined;
    case TLV_TYPES.SIG_PURE:
      return value.length === 1 ? { kind: "sig-pure", pure: value[0] === 1 } : undefined;
    case TLV_TYPES.BOOT_RECORD: {
      const entries = decodeBootRecord(value);
      return entries ? { kind: "boot-record", entries } : undefined;
    }
    case TLV_TYPES.ENCEC256:
      return decodeEcies(value, 65, 32);
    case TLV_TYPES.ENCX25519:
      return decodeEcies(value, 32, 32);
    case TLV_TYPES.ENCX25519_SHA512:
      return decodeEcies(value, 32, 64);
    default: {
      if (type < TLV_VENDOR_MIN) return undefined;
      const text = printableAscii(value);
      return text === undefined ? undefined : { kind: "text", text };
    }
  }
}

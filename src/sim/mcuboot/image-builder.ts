// Builds MCUboot images in code, for the device's factory firmware and for tests: a header, a deterministic
// body, and a TLV area holding the SHA-256 of header+body (MCUboot "Image format"). Unsigned — the simulated
// bootloader checks the hash, not a signature.

import { Prng } from "../prng.js";
import { sha256 } from "../sha256.js";
import {
  IMAGE_MAGIC,
  type ImageVersion,
  TLV_INFO_MAGIC,
  TLV_PROT_INFO_MAGIC,
  TLV_SHA256,
} from "./image-info.js";

export interface BuildImageOptions {
  readonly version?: Partial<ImageVersion>;
  /** Body (firmware) length in bytes. */
  readonly bodySize?: number;
  /** Header size including padding (imgtool's -H), at least 32. */
  readonly headerSize?: number;
  readonly flags?: number;
  readonly loadAddr?: number;
  /** Seed for the body bytes, so different builds differ. */
  readonly seed?: number;
  /** Body bytes to use instead of generated ones. */
  readonly body?: Uint8Array;
  /**
   * Put this value in the hash TLV instead of the real digest (to mirror a captured device's reported hash).
   * The image then fails the bootloader's hash check if it is ever swapped in.
   */
  readonly hashOverride?: Uint8Array;
  /** Extra unprotected TLVs, e.g. a fake signature, as [type, value]. */
  readonly extraTlvs?: readonly (readonly [number, Uint8Array])[];
  /** Protected TLVs (covered by the hash), e.g. DEPENDENCY (0x40) or SEC_CNT, as [type, value]. */
  readonly protectedTlvs?: readonly (readonly [number, Uint8Array])[];
}

/** A DEPENDENCY TLV value (bootutil's struct image_dependency): image id, padding, minimal version. */
export function dependencyTlv(
  imageId: number,
  v: { major: number; minor?: number; revision?: number; build?: number },
): Uint8Array {
  const out = new Uint8Array(12);
  out[0] = imageId;
  out[4] = v.major;
  out[5] = v.minor ?? 0;
  putU16(out, 6, v.revision ?? 0);
  putU32(out, 8, v.build ?? 0);
  return out;
}

function tlvArea(magic: number, tlvs: readonly (readonly [number, Uint8Array])[]): Uint8Array {
  const size = 4 + tlvs.reduce((n, [, value]) => n + 4 + value.length, 0);
  const out = new Uint8Array(size);
  putU16(out, 0, magic);
  putU16(out, 2, size);
  let off = 4;
  for (const [type, value] of tlvs) {
    putU16(out, off, type);
    putU16(out, off + 2, value.length);
    out.set(value, off + 4);
    off += 4 + value.length;
  }
  return out;
}

function putU16(out: Uint8Array, off: number, v: number): void {
  out[off] = v & 0xff;
  out[off + 1] = (v >>> 8) & 0xff;
}

function putU32(out: Uint8Array, off: number, v: number): void {
  putU16(out, off, v & 0xffff);
  putU16(out, off + 2, (v >>> 16) & 0xffff);
}

export async function buildImage(options: BuildImageOptions = {}): Promise<Uint8Array> {
  const headerSize = options.headerSize ?? 0x200;
  let body = options.body;
  if (!body) {
    const prng = new Prng(options.seed ?? 1);
    body = new Uint8Array(options.bodySize ?? 16 * 1024);
    for (let i = 0; i < body.length; i++) body[i] = prng.nextUint32() & 0xff;
  }
  const v = { major: 1, minor: 0, revision: 0, build: 0, ...options.version };

  const prot = options.protectedTlvs?.length
    ? tlvArea(TLV_PROT_INFO_MAGIC, options.protectedTlvs)
    : undefined;
  const hashed = new Uint8Array(headerSize + body.length + (prot?.length ?? 0));
  putU32(hashed, 0, IMAGE_MAGIC);
  putU32(hashed, 4, options.loadAddr ?? 0);
  putU16(hashed, 8, headerSize);
  putU16(hashed, 10, prot?.length ?? 0);
  putU32(hashed, 12, body.length);
  putU32(hashed, 16, options.flags ?? 0);
  hashed[20] = v.major & 0xff;
  hashed[21] = v.minor & 0xff;
  putU16(hashed, 22, v.revision);
  putU32(hashed, 24, v.build);
  hashed.set(body, headerSize);
  if (prot) hashed.set(prot, headerSize + body.length);

  const hash = options.hashOverride ?? (await sha256(hashed));
  const tlvs: (readonly [number, Uint8Array])[] = [[TLV_SHA256, hash], ...(options.extraTlvs ?? [])];
  const tlvBytes = tlvs.reduce((n, [, value]) => n + 4 + value.length, 0);
  const out = new Uint8Array(hashed.length + 4 + tlvBytes);
  out.set(hashed);
  let off = hashed.length;
  putU16(out, off, TLV_INFO_MAGIC);
  putU16(out, off + 2, 4 + tlvBytes);
  off += 4;
  for (const [type, value] of tlvs) {
    putU16(out, off, type);
    putU16(out, off + 2, value.length);
    out.set(value, off + 4);
    off += 4 + value.length;
  }
  return out;
}

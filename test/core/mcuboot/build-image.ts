// Builds MCUboot images the way imgtool lays them out (little-endian header, body, protected TLVs, then the
// hash and whatever unprotected TLVs a test wants), with node:crypto as the independent hash so tests can
// sign, encrypt or name keys in ways the reference vectors do not cover.
import { createHash } from "node:crypto";
import { concatBytes } from "../../../src/core/bytes.js";

export interface Tlv {
  readonly type: number;
  readonly value: Uint8Array;
}

export interface ImageSpec {
  readonly body: Uint8Array;
  readonly flags?: number;
  readonly hash?: "sha256" | "sha384" | "sha512";
  readonly protectedTlvs?: readonly Tlv[];
  /** The unprotected TLVs after the hash TLV, given the image digest and the signed region. */
  readonly unprotected?: (digest: Uint8Array, region: Uint8Array) => readonly Tlv[];
  /** Body bytes as stored (e.g. ciphertext); the hash is over `body`. */
  readonly storedBody?: Uint8Array;
}

const HASH_TLV = { sha256: 0x10, sha384: 0x11, sha512: 0x12 } as const;

function tlvArea(magic: number, tlvs: readonly Tlv[]): Uint8Array {
  const total = 4 + tlvs.reduce((n, t) => n + 4 + t.value.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint16(0, magic, true);
  view.setUint16(2, total, true);
  let at = 4;
  for (const t of tlvs) {
    view.setUint16(at, t.type, true);
    view.setUint16(at + 2, t.value.length, true);
    out.set(t.value, at + 4);
    at += 4 + t.value.length;
  }
  return out;
}

export function buildImage(spec: ImageSpec): Uint8Array {
  const prot = spec.protectedTlvs?.length ? tlvArea(0x6908, spec.protectedTlvs) : new Uint8Array(0);
  const header = new Uint8Array(32);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x96f3b83d, true);
  view.setUint16(8, 32, true);
  view.setUint16(10, prot.length, true);
  view.setUint32(12, spec.body.length, true);
  view.setUint32(16, spec.flags ?? 0, true);
  view.setUint8(20, 1);
  const region = concatBytes(header, spec.body, prot);
  const alg = spec.hash ?? "sha256";
  const digest = new Uint8Array(createHash(alg).update(region).digest());
  const tlvs = [{ type: HASH_TLV[alg], value: digest }, ...(spec.unprotected?.(digest, region) ?? [])];
  return concatBytes(header, spec.storedBody ?? spec.body, prot, tlvArea(0x6907, tlvs));
}

export const sha256 = (bytes: Uint8Array): Uint8Array =>
  new Uint8Array(createHash("sha256").update(bytes).digest());

export const BODY = new Uint8Array(300).map((_, i) => (i * 37 + 11) & 0xff);

// Classifies DER key structures: SubjectPublicKeyInfo (RFC 5280), PKCS#1 RSA public and private keys
// (RFC 8017), PKCS#8 private keys (RFC 5208) and SEC1 EC private keys (RFC 5915). It extracts what MCUboot
// needs: the key type and the public key in MCUboot's embedded form (SPKI, or PKCS#1 for RSA).

import {
  DER,
  derChildren,
  derEncode,
  derOid,
  derUnsigned,
  oidText,
  readDerExact,
  type DerNode,
} from "./der.js";

export type KeyType = "ed25519" | "ecdsa-p256" | "ecdsa-p384" | "rsa-2048" | "rsa-3072" | "x25519";

export const OID = {
  ecPublicKey: "1.2.840.10045.2.1",
  p256: "1.2.840.10045.3.1.7",
  p384: "1.3.132.0.34",
  ed25519: "1.3.101.112",
  x25519: "1.3.101.110",
  rsaEncryption: "1.2.840.113549.1.1.1",
} as const;

export interface RsaPrivateParts {
  readonly n: Uint8Array;
  readonly e: Uint8Array;
  readonly d: Uint8Array;
  readonly p: Uint8Array;
  readonly q: Uint8Array;
}

/** A key as found in DER; `publicKey` is present whenever it could be read without any crypto. */
export type DerKey =
  | { readonly kind: "public"; readonly type: KeyType; readonly publicKey: Uint8Array }
  | {
      readonly kind: "private";
      readonly type: KeyType;
      readonly publicKey: Uint8Array | undefined;
      /** PKCS#8 encoding (built when the input was SEC1) for WebCrypto import; absent for RSA PKCS#1. */
      readonly pkcs8: Uint8Array | undefined;
      /** ed25519 / x25519 private scalar or seed (32 bytes). */
      readonly secret: Uint8Array | undefined;
      readonly rsa: RsaPrivateParts | undefined;
    }
  /** A well-formed RSA key of a size MCUboot does not support. */
  | { readonly kind: "unsupported"; readonly what: string };

function bitStringBytes(node: DerNode | undefined): Uint8Array | undefined {
  if (!node || node.tag !== DER.BIT_STRING || node.value[0] !== 0) return undefined;
  return node.value.subarray(1);
}

export function rsaTypeOf(modulus: Uint8Array): KeyType | { kind: "unsupported"; what: string } {
  let bits = modulus.length * 8;
  const top = modulus[0] ?? 0;
  for (let mask = 0x80; mask > 0 && !(top & mask); mask >>= 1) bits--;
  if (bits === 2048) return "rsa-2048";
  if (bits === 3072) return "rsa-3072";
  return { kind: "unsupported", what: `RSA-${bits}` };
}

function ecSpki(curveOid: string, point: Uint8Array): Uint8Array {
  const algorithm = derEncode(DER.SEQUENCE, derOid(OID.ecPublicKey), derOid(curveOid));
  return derEncode(DER.SEQUENCE, algorithm, derEncode(DER.BIT_STRING, Uint8Array.of(0), point));
}

export function edSpki(oid: string, key: Uint8Array): Uint8Array {
  return derEncode(
    DER.SEQUENCE,
    derEncode(DER.SEQUENCE, derOid(oid)),
    derEncode(DER.BIT_STRING, Uint8Array.of(0), key),
  );
}

export function ecPointSpki(type: "ecdsa-p256" | "ecdsa-p384", point: Uint8Array): Uint8Array {
  return ecSpki(type === "ecdsa-p256" ? OID.p256 : OID.p384, point);
}

/** SPKI for a PKCS#1 RSAPublicKey, the form WebCrypto imports. */
export function rsaSpki(pkcs1: Uint8Array): Uint8Array {
  const algorithm = derEncode(DER.SEQUENCE, derOid(OID.rsaEncryption), derEncode(DER.NULL));
  return derEncode(DER.SEQUENCE, algorithm, derEncode(DER.BIT_STRING, Uint8Array.of(0), pkcs1));
}

function curveType(oid: string | undefined): "ecdsa-p256" | "ecdsa-p384" | undefined {
  return oid === OID.p256 ? "ecdsa-p256" : oid === OID.p384 ? "ecdsa-p384" : undefined;
}

function rsaPublic(node: DerNode): DerKey | undefined {
  const parts = node.tag === DER.SEQUENCE ? derChildren(node) : undefined;
  if (!parts || parts.length !== 2) return undefined;
  const n = derUnsigned(parts[0]!);
  const e = derUnsigned(parts[1]!);
  if (!n || !e) return undefined;
  const type = rsaTypeOf(n);
  return typeof type === "string" ? { kind: "public", type, publicKey: node.raw } : type;
}

function spki(parts: DerNode[]): DerKey | undefined {
  const [algorithm, key] = parts;
  const alg = algorithm && algorithm.tag === DER.SEQUENCE ? derChildren(algorithm) : undefined;
  const oid = alg?.[0] ? oidText(alg[0]) : undefined;
  const keyBytes = bitStringBytes(key);
  if (!alg || !oid || !keyBytes || parts.length !== 2) return undefined;
  if (oid === OID.ed25519 || oid === OID.x25519) {
    if (keyBytes.length !== 32 || alg.length !== 1) return undefined;
    const type = oid === OID.ed25519 ? "ed25519" : "x25519";
    return { kind: "public", type, publicKey: edSpki(oid, keyBytes) };
  }
  if (oid === OID.ecPublicKey) {
    const type = curveType(alg[1] ? oidText(alg[1]) : undefined);
    if (!type) return { kind: "unsupported", what: "an EC key on a curve other than P-256 or P-384" };
    return { kind: "public", type, publicKey: ecPointSpki(type, keyBytes) };
  }
  if (oid === OID.rsaEncryption) {
    const inner = readDerExact(keyBytes);
    return inner ? rsaPublic(inner) : undefined;
  }
  return { kind: "unsupported", what: `a key with algorithm OID ${oid}` };
}

function rsaPrivate(parts: DerNode[]): DerKey | undefined {
  if (parts.length < 6 || derUnsigned(parts[0]!)?.[0] !== 0) return undefined;
  const [n, e, d, p, q] = parts.slice(1, 6).map((x) => derUnsigned(x));
  if (!n || !e || !d || !p || !q) return undefined;
  const type = rsaTypeOf(n);
  if (typeof type !== "string") return type;
  const publicKey = derEncode(DER.SEQUENCE, parts[1]!.raw, parts[2]!.raw);
  return { kind: "private", type, publicKey, pkcs8: undefined, secret: undefined, rsa: { n, e, d, p, q } };
}

function sec1(
  parts: DerNode[],
  curveFromOuter: string | undefined,
  pkcs8: Uint8Array | undefined,
): DerKey | undefined {
  if (parts.length < 2 || derUnsigned(parts[0]!)?.[0] !== 1 || parts[1]!.tag !== DER.OCTET_STRING)
    return undefined;
  let curve = curveFromOuter;
  let point: Uint8Array | undefined;
  for (const extra of parts.slice(2)) {
    const inner = derChildren(extra);
    if (extra.tag === 0xa0 && inner?.[0]) curve = oidText(inner[0]);
    if (extra.tag === 0xa1 && inner?.[0]) point = bitStringBytes(inner[0]);
  }
  const type = curveType(curve);
  if (!type || !curve) return { kind: "unsupported", what: "an EC key on a curve other than P-256 or P-384" };
  const wrapped =
    pkcs8 ??
    derEncode(
      DER.SEQUENCE,
      derEncode(DER.INTEGER, Uint8Array.of(0)),
      derEncode(DER.SEQUENCE, derOid(OID.ecPublicKey), derOid(curve)),
      derEncode(DER.OCTET_STRING, derEncode(DER.SEQUENCE, ...parts.map((x) => x.raw))),
    );
  const publicKey = point ? ecSpki(curve, point) : undefined;
  return { kind: "private", type, publicKey, pkcs8: wrapped, secret: undefined, rsa: undefined };
}

function pkcs8(node: DerNode, parts: DerNode[]): DerKey | undefined {
  const [version, algorithm, privateKey] = parts;
  if (!version || !algorithm || !privateKey || privateKey.tag !== DER.OCTET_STRING) return undefined;
  const alg = algorithm.tag === DER.SEQUENCE ? derChildren(algorithm) : undefined;
  const oid = alg?.[0] ? oidText(alg[0]) : undefined;
  const inner = readDerExact(privateKey.value);
  const innerParts = inner && inner.tag === DER.SEQUENCE ? derChildren(inner) : undefined;
  if (oid === OID.ed25519 || oid === OID.x25519) {
    if (!inner || inner.tag !== DER.OCTET_STRING || inner.value.length !== 32) return undefined;
    const type = oid === OID.ed25519 ? "ed25519" : "x25519";
    return {
      kind: "private",
      type,
      publicKey: undefined,
      pkcs8: node.raw,
      secret: inner.value,
      rsa: undefined,
    };
  }
  // A known algorithm around a broken key is a bad key, not an unsupported one.
  if (oid === OID.ecPublicKey)
    return innerParts && sec1(innerParts, alg?.[1] ? oidText(alg[1]) : undefined, node.raw);
  if (oid === OID.rsaEncryption) return innerParts && rsaPrivate(innerParts);
  return oid ? { kind: "unsupported", what: `a private key with algorithm OID ${oid}` } : undefined;
}

/** Classifies DER bytes as a key, or undefined when they are not a key structure this reader knows. */
export function classifyDer(bytes: Uint8Array): DerKey | undefined {
  const node = readDerExact(bytes);
  if (!node || node.tag !== DER.SEQUENCE) return undefined;
  const parts = derChildren(node);
  if (!parts || parts.length === 0) return undefined;
  const first = parts[0]!;
  if (first.tag === DER.SEQUENCE) return spki(parts);
  if (first.tag !== DER.INTEGER) return undefined;
  if (parts.length === 2) return rsaPublic(node);
  if (parts[1]?.tag === DER.SEQUENCE) return pkcs8(node, parts);
  if (parts[1]?.tag === DER.OCTET_STRING) return sec1(parts, undefined, undefined);
  return rsaPrivate(parts);
}

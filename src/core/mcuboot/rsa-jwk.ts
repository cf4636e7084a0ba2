// Builds a WebCrypto-importable RSA private JWK from n, e, d, p, q. imgtool's `getpriv --minimal` drops the
// CRT values (dp, dq, qi) that WebCrypto requires, so they are recomputed here (RFC 8017 §3.2).

import { toBase64 } from "../bytes.js";
import type { RsaPrivateParts } from "./key-der.js";

function toBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function toBytes(n: bigint): Uint8Array {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

function b64url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function rsaPrivateJwk(parts: RsaPrivateParts): Record<string, string | boolean> {
  const p = toBigInt(parts.p);
  const q = toBigInt(parts.q);
  const d = toBigInt(parts.d);
  return {
    kty: "RSA",
    n: b64url(parts.n),
    e: b64url(parts.e),
    d: b64url(parts.d),
    p: b64url(parts.p),
    q: b64url(parts.q),
    dp: b64url(toBytes(d % (p - 1n))),
    dq: b64url(toBytes(d % (q - 1n))),
    qi: b64url(toBytes(modInverse(q, p))),
    ext: false,
  };
}

// Checks one signature TLV against one public key, the way MCUboot's bootutil does for each algorithm:
// ed25519 over the image digest (or, with SIG_PURE, over the signed region itself), strict RFC 8032;
// ECDSA P-256/SHA-256, P-384/SHA-384 and RSA-PSS (SHA-256, MGF1-SHA-256, 32-byte salt) over the region.

import { type Message, words } from "../errors.js";
import * as ed from "@noble/ed25519";
import { TLV_TYPES, type HashAlgorithm } from "./constants.js";
import { DER, derChildren, readDerExact } from "./der.js";
import { cryptoBytes } from "./digest.js";
import { ecdsaDerToRaw } from "./ecdsa-signature.js";
import { rsaSpki } from "./key-der.js";
import type { SigningKeyType } from "./keys.js";

/** Which signature TLV type a key signs with. */
export function signatureTlvOf(type: SigningKeyType): number {
  switch (type) {
    case "ed25519":
      return TLV_TYPES.ED25519;
    case "ecdsa-p256":
    case "ecdsa-p384":
      return TLV_TYPES.ECDSASIG;
    case "rsa-2048":
      return TLV_TYPES.RSA2048;
    case "rsa-3072":
      return TLV_TYPES.RSA3072;
  }
}

/** Why this key cannot have signed an image hashed with `hash` (MCUboot pairs them fixed), or undefined. */
export function hashMismatch(type: SigningKeyType, hash: HashAlgorithm, pure: boolean): Message | undefined {
  if (pure && type !== "ed25519") return words("verify.key-mismatch.pure-needs-ed25519", { keyType: type });
  const needs: Record<SigningKeyType, readonly HashAlgorithm[]> = {
    ed25519: pure ? ["sha512"] : ["sha256", "sha512"],
    "ecdsa-p256": ["sha256"],
    "ecdsa-p384": ["sha384"],
    "rsa-2048": ["sha256"],
    "rsa-3072": ["sha256"],
  };
  const allowed = needs[type];
  return allowed.includes(hash)
    ? undefined
    : words("verify.key-mismatch.hash", { keyType: type, needed: allowed.join("/").toUpperCase() });
}

function ed25519PublicPoint(spki: Uint8Array): Uint8Array | undefined {
  const node = readDerExact(spki);
  const parts = node ? derChildren(node) : undefined;
  const bits = parts?.[1];
  if (!bits || bits.tag !== DER.BIT_STRING || bits.value.length !== 33) return undefined;
  return bits.value.subarray(1);
}

export interface SignedData {
  /** The image digest (verified equal to the hash TLV before any signature is checked). */
  readonly digest: Uint8Array;
  /** The signed region, or undefined when only the digest is known (encrypted body, no decryption key). */
  readonly region: Uint8Array | undefined;
}

/**
 * True when `signature` verifies. Returns undefined when it cannot be checked from what is known (ECDSA,
 * RSA and pure ed25519 need the signed region itself; WebCrypto has no pre-hashed verify).
 */
export async function checkSignature(
  type: SigningKeyType,
  publicKey: Uint8Array,
  signature: Uint8Array,
  data: SignedData,
  pure: boolean,
): Promise<boolean | undefined> {
  if (type === "ed25519") {
    const point = ed25519PublicPoint(publicKey);
    if (!point || signature.length !== 64) return false;
    const message = pure ? data.region : data.digest;
    if (!message) return undefined;
    try {
      return await ed.verifyAsync(signature, message, point, { zip215: false });
    } catch {
      return false;
    }
  }
  if (!data.region) return undefined;
  try {
    if (type === "ecdsa-p256" || type === "ecdsa-p384") {
      const size = type === "ecdsa-p256" ? 32 : 48;
      const raw = ecdsaDerToRaw(signature, size);
      if (!raw) return false;
      const namedCurve = type === "ecdsa-p256" ? "P-256" : "P-384";
      const key = await crypto.subtle.importKey(
        "spki",
        cryptoBytes(publicKey),
        { name: "ECDSA", namedCurve },
        false,
        ["verify"],
      );
      const hash = type === "ecdsa-p256" ? "SHA-256" : "SHA-384";
      return await crypto.subtle.verify(
        { name: "ECDSA", hash },
        key,
        cryptoBytes(raw),
        cryptoBytes(data.region),
      );
    }
    const modulusBytes = type === "rsa-2048" ? 256 : 384;
    if (signature.length !== modulusBytes) return false;
    const spki = rsaSpki(publicKey);
    const key = await crypto.subtle.importKey(
      "spki",
      cryptoBytes(spki),
      { name: "RSA-PSS", hash: "SHA-256" },
      false,
      ["verify"],
    );
    return await crypto.subtle.verify(
      { name: "RSA-PSS", saltLength: 32 },
      key,
      cryptoBytes(signature),
      cryptoBytes(data.region),
    );
  } catch {
    return false;
  }
}

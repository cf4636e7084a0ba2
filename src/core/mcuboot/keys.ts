// Imports the keys a user trusts: public keys (PEM, DER, imgtool's C/Rust arrays), private keys (only the
// derived public key is kept), and KEYHASH-only pins. The format is detected from the bytes or text.

import * as ed from "@noble/ed25519";
import { toHex } from "../bytes.js";
import { hashAlgorithmOfLength, type HashAlgorithm } from "./constants.js";
import { cryptoBytes, digest } from "./digest.js";
import { KeyImportError } from "./errors.js";
import { classifyDer, edSpki, ecPointSpki, OID, type DerKey, type KeyType } from "./key-der.js";
import { readKeyBlob, type KeyFormat } from "./key-text.js";
import { jwkMember } from "./jwk.js";

export type { KeyType } from "./key-der.js";
export type SigningKeyType = Exclude<KeyType, "x25519">;

export interface PublicKeyInfo {
  readonly kind: "public-key";
  readonly name: string;
  readonly type: KeyType;
  /** The key as MCUboot embeds it and PUBKEY TLVs carry it: SPKI DER, or PKCS#1 for RSA. */
  readonly publicKey: Uint8Array;
  readonly format: KeyFormat;
  /** True when it was derived from a private key (the private part was dropped). */
  readonly fromPrivateKey: boolean;
}

export interface KeyHashPin {
  readonly kind: "key-hash";
  readonly name: string;
  readonly algorithm: HashAlgorithm;
  /** The KEYHASH value: the hash of the public key in MCUboot's form. */
  readonly hash: Uint8Array;
  readonly format: KeyFormat;
}

export type ImportedKey = PublicKeyInfo | KeyHashPin;
/** A key the verifier accepts signatures from: a signing public key, or a pin on its KEYHASH. */
export type TrustedKey = (PublicKeyInfo & { readonly type: SigningKeyType }) | KeyHashPin;

export interface ImportKeyOptions {
  /** Shown in reports ("signed by NAME"); defaults to the C/Rust array name, else "key". */
  readonly name?: string;
}

async function publicFromPrivate(key: Extract<DerKey, { kind: "private" }>): Promise<Uint8Array> {
  if (key.publicKey) return key.publicKey;
  if (key.type === "ed25519" && key.secret)
    return edSpki(OID.ed25519, await ed.getPublicKeyAsync(key.secret));
  if (key.pkcs8 && (key.type === "x25519" || key.type === "ecdsa-p256" || key.type === "ecdsa-p384")) {
    const algorithm =
      key.type === "x25519"
        ? { name: "X25519" }
        : { name: "ECDH", namedCurve: key.type === "ecdsa-p256" ? "P-256" : "P-384" };
    try {
      const imported = await crypto.subtle.importKey("pkcs8", cryptoBytes(key.pkcs8), algorithm, true, [
        "deriveBits",
      ]);
      const jwk: unknown = await crypto.subtle.exportKey("jwk", imported);
      const x = jwkMember(jwk, "x");
      if (key.type === "x25519" && x?.length === 32) return edSpki(OID.x25519, x);
      const y = jwkMember(jwk, "y");
      if (key.type !== "x25519" && x && y) {
        const point = new Uint8Array(1 + x.length + y.length);
        point[0] = 4;
        point.set(x, 1);
        point.set(y, 1 + x.length);
        return ecPointSpki(key.type, point);
      }
    } catch (error) {
      throw new KeyImportError(
        "key-bad-der",
        { type: key.type },
        { variant: "private-key-unreadable", hint: "key-bad-der.private-key-unreadable", cause: error },
      );
    }
  }
  throw new KeyImportError(
    "key-bad-der",
    { type: key.type },
    { variant: "public-key-underivable", hint: "key-bad-der.private-key-unreadable" },
  );
}

function unsupported(what: string): KeyImportError {
  return new KeyImportError(
    "key-unsupported",
    { what },
    { variant: "unusable-kind", hint: "key-unsupported.unusable-kind" },
  );
}

/** Imports any supported key or KEYHASH pin. Throws KeyImportError (stable codes) on anything else. */
export async function importKey(
  input: Uint8Array | string,
  options: ImportKeyOptions = {},
): Promise<ImportedKey> {
  const blob = readKeyBlob(input);
  const name = options.name ?? blob.identifier ?? "key";
  const der = classifyDer(blob.bytes);
  if (der?.kind === "unsupported") throw unsupported(der.what);
  if (der?.kind === "public") {
    return {
      kind: "public-key",
      name,
      type: der.type,
      publicKey: der.publicKey,
      format: blob.format,
      fromPrivateKey: false,
    };
  }
  if (der?.kind === "private") {
    const publicKey = await publicFromPrivate(der);
    return { kind: "public-key", name, type: der.type, publicKey, format: blob.format, fromPrivateKey: true };
  }
  const algorithm = hashAlgorithmOfLength(blob.bytes.length);
  if (blob.pemLabel === undefined && algorithm) {
    return { kind: "key-hash", name, algorithm, hash: blob.bytes.slice(), format: blob.format };
  }
  throw new KeyImportError(
    blob.pemLabel === undefined ? "key-unrecognised" : "key-bad-der",
    { size: blob.bytes.length, label: blob.pemLabel },
    { variant: blob.pemLabel === undefined ? "not-der" : "unknown-structure", hint: "key-structure" },
  );
}

/** Imports a key to verify signatures with; encryption-only keys (X25519) are refused. */
export async function importTrustedKey(
  input: Uint8Array | string,
  options: ImportKeyOptions = {},
): Promise<TrustedKey> {
  const key = await importKey(input, options);
  if (key.kind === "key-hash") return key;
  if (key.type === "x25519") {
    throw new KeyImportError("key-not-signing", { keyName: key.name }, { hint: "key-not-signing" });
  }
  return { ...key, type: key.type };
}

/** KEYHASH of a public key: its hash in MCUboot form with the image's hash algorithm. */
export async function keyHash(publicKey: Uint8Array, algorithm: HashAlgorithm): Promise<Uint8Array> {
  return digest(algorithm, publicKey);
}

export async function keyHashHex(publicKey: Uint8Array, algorithm: HashAlgorithm): Promise<string> {
  return toHex(await keyHash(publicKey, algorithm));
}

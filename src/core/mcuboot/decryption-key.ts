// Imports the private keys that decrypt encrypted MCUboot images (imgtool sign -E): X25519 and P-256
// (ECIES), RSA-2048 (RSA-OAEP), from PEM, DER or `imgtool getpriv` C arrays, and raw AES key-wrap keys.
// The private key stays inside WebCrypto as a non-extractable key.

import { cryptoBytes } from "./digest.js";
import { KeyImportError } from "./errors.js";
import { classifyDer } from "./key-der.js";
import { readKeyBlob } from "./key-text.js";
import { importKey } from "./keys.js";
import { rsaPrivateJwk } from "./rsa-jwk.js";

export type DecryptionKeyType = "x25519" | "ecdsa-p256" | "rsa-2048" | "aes-kw";

export interface DecryptionKey {
  readonly kind: "decryption-key";
  readonly name: string;
  readonly type: DecryptionKeyType;
  /** The matching public key in MCUboot form (absent for AES key-wrap keys). */
  readonly publicKey: Uint8Array | undefined;
  readonly key: CryptoKeyLike;
}

/** The WebCrypto key handle (typed loosely so core compiles without the DOM library). */
export type CryptoKeyLike = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

function wrongKey(what: string): KeyImportError {
  return new KeyImportError("key-not-private", { what }, { hint: "key-not-private" });
}

export async function importDecryptionKey(
  input: Uint8Array | string,
  options: { readonly name?: string } = {},
): Promise<DecryptionKey> {
  const blob = readKeyBlob(input);
  const name = options.name ?? blob.identifier ?? "decryption-key";
  const der = classifyDer(blob.bytes);
  if (!der && blob.pemLabel === undefined && [16, 24, 32].includes(blob.bytes.length)) {
    const key = await crypto.subtle.importKey("raw", cryptoBytes(blob.bytes), { name: "AES-KW" }, false, [
      "unwrapKey",
    ]);
    return { kind: "decryption-key", name, type: "aes-kw", publicKey: undefined, key };
  }
  if (!der) throw wrongKey("no key this tool recognises");
  if (der.kind === "unsupported") throw wrongKey(der.what);
  if (der.kind === "public") throw wrongKey(`only a public ${der.type} key`);
  const imported = await importKey(input, { name });
  const publicKey = imported.kind === "public-key" ? imported.publicKey : undefined;
  try {
    if (der.type === "x25519" && der.pkcs8) {
      const key = await crypto.subtle.importKey("pkcs8", cryptoBytes(der.pkcs8), { name: "X25519" }, false, [
        "deriveBits",
      ]);
      return { kind: "decryption-key", name, type: "x25519", publicKey, key };
    }
    if (der.type === "ecdsa-p256" && der.pkcs8) {
      const algorithm = { name: "ECDH", namedCurve: "P-256" };
      const key = await crypto.subtle.importKey("pkcs8", cryptoBytes(der.pkcs8), algorithm, false, [
        "deriveBits",
      ]);
      return { kind: "decryption-key", name, type: "ecdsa-p256", publicKey, key };
    }
    if (der.type === "rsa-2048" && der.rsa) {
      const algorithm = { name: "RSA-OAEP", hash: "SHA-256" };
      const key = await crypto.subtle.importKey("jwk", rsaPrivateJwk(der.rsa), algorithm, false, ["decrypt"]);
      return { kind: "decryption-key", name, type: "rsa-2048", publicKey, key };
    }
  } catch (error) {
    throw new KeyImportError("key-bad-der", { type: der.type, name }, { hint: "key-bad-der", cause: error });
  }
  throw new KeyImportError("key-unsupported", { type: der.type }, { hint: "key-unsupported" });
}

// Recovers the plaintext signed region of an encrypted image (MCUboot docs/encrypted_images.md): unwrap the
// AES key from the key-exchange TLV (ECIES-X25519/P-256 with HKDF + HMAC, RSA-OAEP-SHA256 or AES-KW), then
// AES-CTR-decrypt the body with a zero initial counter. The header and protected TLVs are never encrypted.

import { TLV_TYPES, KEY_EXCHANGE_TLV_TYPES } from "./constants.js";
import type { DecryptionKey, DecryptionKeyType } from "./decryption-key.js";
import { DecryptionError } from "./errors.js";
import { cryptoBytes } from "./digest.js";
import type { ParsedImage } from "./image.js";
import type { ImageTlv } from "./tlv-area.js";

const ECIES_INFO = new TextEncoder().encode("MCUBoot_ECIES_v1");

interface EciesScheme {
  readonly keyType: DecryptionKeyType;
  readonly pointLength: number;
  readonly hash: "SHA-256" | "SHA-512";
  readonly macLength: number;
}

const ECIES: Readonly<Record<number, EciesScheme>> = {
  [TLV_TYPES.ENCX25519]: { keyType: "x25519", pointLength: 32, hash: "SHA-256", macLength: 32 },
  [TLV_TYPES.ENCX25519_SHA512]: { keyType: "x25519", pointLength: 32, hash: "SHA-512", macLength: 64 },
  [TLV_TYPES.ENCEC256]: { keyType: "ecdsa-p256", pointLength: 65, hash: "SHA-256", macLength: 32 },
};

function keyTypeFor(tlvType: number): DecryptionKeyType | undefined {
  if (tlvType === TLV_TYPES.ENCRSA2048) return "rsa-2048";
  if (tlvType === TLV_TYPES.ENCKW) return "aes-kw";
  return ECIES[tlvType]?.keyType;
}

async function aesCtr(key: Uint8Array | DecryptionKey["key"], data: Uint8Array): Promise<Uint8Array> {
  const cryptoKey =
    key instanceof Uint8Array
      ? await crypto.subtle.importKey("raw", cryptoBytes(key), { name: "AES-CTR" }, false, ["decrypt"])
      : key;
  const algorithm = { name: "AES-CTR", counter: new Uint8Array(16), length: 128 };
  return new Uint8Array(await crypto.subtle.decrypt(algorithm, cryptoKey, cryptoBytes(data)));
}

/** ECIES unwrap; undefined when the HMAC tag does not match (another key, or a damaged TLV). */
async function eciesUnwrap(scheme: EciesScheme, key: DecryptionKey, tlv: Uint8Array, keyLength: number) {
  if (tlv.length !== scheme.pointLength + scheme.macLength + keyLength) {
    throw new DecryptionError("decrypt-bad-tlv", { tlvLength: tlv.length, value: keyLength * 8 });
  }
  const point = tlv.subarray(0, scheme.pointLength);
  const mac = tlv.subarray(scheme.pointLength, scheme.pointLength + scheme.macLength);
  const wrapped = tlv.subarray(scheme.pointLength + scheme.macLength);
  const peerAlgorithm =
    scheme.keyType === "x25519" ? { name: "X25519" } : { name: "ECDH", namedCurve: "P-256" };
  const peer = await crypto.subtle.importKey("raw", cryptoBytes(point), peerAlgorithm, false, []);
  const deriveAlgorithm = { ...peerAlgorithm, public: peer };
  const shared = await crypto.subtle.deriveBits(deriveAlgorithm, key.key, 256);
  const ikm = await crypto.subtle.importKey("raw", shared, { name: "HKDF" }, false, ["deriveBits"]);
  const hkdf = { name: "HKDF", hash: scheme.hash, salt: new Uint8Array(0), info: ECIES_INFO };
  const okm = new Uint8Array(await crypto.subtle.deriveBits(hkdf, ikm, (keyLength + scheme.macLength) * 8));
  const macKey = await crypto.subtle.importKey(
    "raw",
    okm.slice(keyLength),
    { name: "HMAC", hash: scheme.hash },
    false,
    ["verify"],
  );
  if (!(await crypto.subtle.verify({ name: "HMAC" }, macKey, cryptoBytes(mac), cryptoBytes(wrapped))))
    return undefined;
  return aesCtr(okm.slice(0, keyLength), wrapped);
}

async function unwrapAesKey(key: DecryptionKey, tlv: ImageTlv, keyLength: number) {
  const scheme = ECIES[tlv.type];
  if (scheme) return eciesUnwrap(scheme, key, tlv.value, keyLength);
  // AES-KW adds 8 bytes; MCUboot refuses an ENCKW TLV of any other size for the header's AES key size.
  if (tlv.type === TLV_TYPES.ENCKW && tlv.value.length !== keyLength + 8) {
    throw new DecryptionError("decrypt-bad-tlv", { tlvLength: tlv.value.length, value: keyLength * 8 });
  }
  try {
    if (key.type === "rsa-2048") {
      const aesKey = new Uint8Array(
        await crypto.subtle.decrypt({ name: "RSA-OAEP" }, key.key, cryptoBytes(tlv.value)),
      );
      return aesKey.length === keyLength ? aesKey : undefined;
    }
    return await crypto.subtle.unwrapKey(
      "raw",
      cryptoBytes(tlv.value),
      key.key,
      { name: "AES-KW" },
      { name: "AES-CTR" },
      false,
      ["decrypt"],
    );
  } catch {
    return undefined;
  }
}

export interface Decrypted {
  readonly key: DecryptionKey;
  /** A new buffer: header, decrypted body, protected TLVs. */
  readonly region: Uint8Array;
}

/**
 * Decrypts the signed region with the first key that unwraps the image's AES key. Returns undefined when
 * no given key fits the image; throws DecryptionError when the TLV is damaged.
 */
export async function decryptSignedRegion(
  image: ParsedImage,
  keys: readonly DecryptionKey[],
): Promise<Decrypted | undefined> {
  const tlv = image.tlvs.find((t) => t.area === "unprotected" && KEY_EXCHANGE_TLV_TYPES.includes(t.type));
  const keyLength = image.header.encryption === "aes-256" ? 32 : 16;
  if (!tlv) return undefined;
  const wanted = keyTypeFor(tlv.type);
  for (const key of keys.filter((k) => k.type === wanted)) {
    let aesKey: Awaited<ReturnType<typeof unwrapAesKey>>;
    try {
      aesKey = await unwrapAesKey(key, tlv, keyLength);
    } catch (error) {
      if (error instanceof DecryptionError) throw error;
      aesKey = undefined;
    }
    if (!aesKey) continue;
    const { body, signedRegion } = image.layout;
    const region = new Uint8Array(signedRegion.end);
    region.set(image.bytes.subarray(0, body.start), 0);
    region.set(await aesCtr(aesKey, image.bytes.subarray(body.start, body.end)), body.start);
    region.set(image.bytes.subarray(body.end, signedRegion.end), body.end);
    return { key, region };
  }
  return undefined;
}

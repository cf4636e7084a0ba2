// verifyImage: the local check before a byte is sent. Follows MCUboot's bootutil_img_validate: a
// well-formed image, the hash over exactly header + body + protected TLVs equal to the hash TLV, then a
// signature by a trusted key named by KEYHASH/PUBKEY. Encrypted bodies are decrypted when a key is given,
// and what cannot be checked without one is said, never guessed.

import { toHex } from "../bytes.js";
import {
  ALLOWED_UNPROTECTED_TLV_TYPES,
  HASH_ALGORITHMS,
  SIGNATURE_TLV_TYPES,
  TLV_TYPES,
} from "./constants.js";
import { decryptSignedRegion, type Decrypted } from "./decrypt.js";
import type { DecryptionKey } from "./decryption-key.js";
import { digest, sameBytes } from "./digest.js";
import { DecryptionError } from "./errors.js";
import { inspectImage, type ParsedImage } from "./image.js";
import type { TrustedKey } from "./keys.js";
import type { HashCheck, SignatureCheck, VerificationReport } from "./report.js";
import { findSignature } from "./signature-search.js";

export interface VerifyOptions {
  /** Private keys that may decrypt an encrypted image (imgtool sign -E), so its hash can be checked. */
  readonly decryptionKeys?: readonly DecryptionKey[];
}

const NO_SIGNATURE: SignatureCheck = {
  status: "absent",
  tlv: undefined,
  value: undefined,
  keyName: undefined,
  keyType: undefined,
  keyTlv: undefined,
  mode: undefined,
  detail: "not checked",
};

function isPure(image: ParsedImage): boolean {
  const tlv = image.tlvs.find((t) => t.area === "unprotected" && t.type === TLV_TYPES.SIG_PURE);
  return tlv !== undefined && tlv.length === 1 && tlv.value[0] === 1;
}

function warningsOf(image: ParsedImage): string[] {
  const warnings: string[] = [];
  for (const t of image.tlvs) {
    if (t.area === "unprotected" && !ALLOWED_UNPROTECTED_TLV_TYPES.includes(t.type)) {
      warnings.push(
        `TLV ${t.name} (0x${t.type.toString(16)}) is in the unprotected area, so the signature does not cover it; ` +
          "MCUboot with its TLV allow list (the Zephyr default) rejects such images.",
      );
    }
  }
  if (image.header.compression) {
    warnings.push(
      "The body is compressed: MCUboot checks DECOMP_SHA/DECOMP_SIGNATURE after decompressing; they are not checked here.",
    );
  }
  return warnings;
}

function malformed(bytes: Uint8Array): VerificationReport {
  const inspection = inspectImage(bytes);
  const problem = inspection.problem;
  return {
    outcome: "malformed",
    reason: problem?.message ?? "The image could not be read.",
    complete: true,
    notChecked: [],
    warnings: [],
    errorCode: problem?.code,
    header: inspection.header,
    layout: undefined,
    tlvs: inspection.tlvs,
    trailer: undefined,
    hash: { algorithm: undefined, stored: undefined, computed: undefined, status: "absent", over: undefined },
    signature: NO_SIGNATURE,
    signedBy: undefined,
    imageHash: undefined,
    imageHashHex: undefined,
    decryptedWith: undefined,
  };
}

/** Verifies an image against the trusted keys. Never throws for a bad image: the report says "malformed". */
export async function verifyImage(
  bytes: Uint8Array,
  trustedKeys: readonly TrustedKey[] = [],
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const inspection = inspectImage(bytes);
  const image = inspection.image;
  if (!image) return malformed(bytes);
  const alg = image.hash.algorithm;
  const label = HASH_ALGORITHMS[alg].label;
  const stored = image.hash.value;
  const notChecked: string[] = [];
  const base = {
    warnings: warningsOf(image),
    errorCode: undefined,
    header: image.header,
    layout: image.layout,
    tlvs: image.tlvs,
    trailer: image.trailer,
    imageHash: stored.slice(),
    imageHashHex: image.hash.hex,
  };

  // 1. The hash. An encrypted body is hashed only as plaintext: as stored when it matches (imgtool --clear),
  //    else after decryption. The digest of ciphertext is never reported.
  // The signature is checked over the stored hash while the region is being hashed (WebCrypto hashes off
  // the main thread): it only counts when the computed hash then equals the stored one.
  const pure = isPure(image);
  const early =
    trustedKeys.length > 0
      ? findSignature(image.tlvs, trustedKeys, alg, { digest: stored, region: image.signedRegion }, pure)
      : undefined;
  early?.catch(() => undefined);
  let region: Uint8Array | undefined = image.signedRegion;
  let computed: Uint8Array | undefined = await digest(alg, region);
  let over: HashCheck["over"] = "stored-bytes";
  let decrypted: Decrypted | undefined;
  if (!sameBytes(computed, stored) && image.header.encryption) {
    try {
      decrypted = await decryptSignedRegion(image, options.decryptionKeys ?? []);
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      return { ...malformed(bytes), ...base, reason: error.message, errorCode: error.code };
    }
    region = decrypted?.region;
    computed = region ? await digest(alg, region) : undefined;
    over = region ? "decrypted-body" : undefined;
    if (!region) {
      notChecked.push(
        `image hash: the body is encrypted (${image.header.encryption}) and no given decryption key fits it, ` +
          "so the hash of the plaintext cannot be computed; the device checks it after decrypting.",
      );
    }
  }
  const hashStatus =
    computed === undefined ? "not-checked" : sameBytes(computed, stored) ? "match" : "mismatch";
  const hash: HashCheck = { algorithm: alg, stored, computed, status: hashStatus, over };
  const decryptedWith = decrypted?.key.name;
  if (hashStatus === "mismatch") {
    const where = image.header.encryption
      ? decrypted
        ? `, neither as stored nor after decrypting the body with "${decrypted.key.name}"`
        : ""
      : "";
    return {
      ...base,
      outcome: "hash-mismatch",
      reason: `The ${label} TLV does not match the ${alg} over the signed region${where}: the image is damaged or was altered after signing.`,
      complete: true,
      notChecked,
      hash,
      signature: { ...NO_SIGNATURE, detail: "not checked: the hash does not match" },
      signedBy: undefined,
      decryptedWith,
    };
  }

  // 2. The signature, over the digest just verified (or, unverifiable, the stored one it must cover).
  const firstSig = image.tlvs.find((t) => t.area === "unprotected" && SIGNATURE_TLV_TYPES.includes(t.type));
  if (trustedKeys.length === 0) {
    if (firstSig)
      notChecked.push(
        `signature: the image carries ${firstSig.name} but no key is trusted, so it was not checked.`,
      );
    return {
      ...base,
      outcome: "valid",
      reason:
        hashStatus === "match"
          ? "hash matches; no key is trusted so no signature is required"
          : "Partially verified: the hash of the encrypted body could not be checked and no key is trusted. " +
            "Give the decryption key to verify fully.",
      complete: hashStatus === "match",
      notChecked,
      hash,
      signature: {
        ...NO_SIGNATURE,
        status: "not-required",
        tlv: firstSig?.name,
        value: firstSig?.value,
        mode: firstSig ? (pure ? "pure" : "digest") : undefined,
        detail: "no key is trusted",
      },
      signedBy: undefined,
      decryptedWith,
    };
  }
  const found =
    early && over === "stored-bytes" && hashStatus === "match"
      ? await early
      : await findSignature(image.tlvs, trustedKeys, alg, { digest: computed ?? stored, region }, pure);
  const keyTlv = found.keyTlv?.name;
  const signature: SignatureCheck = {
    status: found.status,
    tlv: found.tlv?.name ?? firstSig?.name,
    value: (found.tlv ?? firstSig)?.value,
    keyName: found.status === "verified" ? found.keyName : undefined,
    keyType: found.keyType,
    keyTlv: keyTlv === "KEYHASH" || keyTlv === "PUBKEY" ? keyTlv : undefined,
    mode: pure ? "pure" : "digest",
    detail: found.reason,
  };
  if (found.status === "failed") {
    return {
      ...base,
      outcome: "bad-signature",
      reason: found.reason,
      complete: true,
      notChecked,
      hash,
      signature,
      signedBy: undefined,
      decryptedWith,
    };
  }
  if (found.status === "not-checked") notChecked.push(`signature: ${found.reason}.`);
  const complete = hashStatus === "match" && found.status === "verified";
  const signedBy = found.status === "verified" ? found.keyName : undefined;
  const reason = complete
    ? `hash matches and ${found.reason}`
    : `Partially verified: ${[hashStatus === "match" ? "the hash matches" : "the hash of the encrypted body could not be checked", found.status === "verified" ? `${found.reason} (over the stored ${label} value ${toHex(stored).slice(0, 16)}…)` : "the signature could not be checked"].join("; ")}. Give the decryption key to verify fully.`;
  return {
    ...base,
    outcome: "valid",
    reason,
    complete,
    notChecked,
    hash,
    signature,
    signedBy,
    decryptedWith,
  };
}

// verifyImage: the local check before a byte is sent. Follows MCUboot's bootutil_img_validate: a
// well-formed image, the hash over exactly header + body + protected TLVs equal to the hash TLV, then a
// signature by a trusted key named by KEYHASH/PUBKEY. Encrypted bodies are decrypted when a key is given,
// and what cannot be checked without one is said, never guessed.

import { toHex } from "../bytes.js";
import { type Message, words } from "../errors.js";
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
  detail: words("verify.signature.not-checked"),
};

function isPure(image: ParsedImage): boolean {
  const tlv = image.tlvs.find((t) => t.area === "unprotected" && t.type === TLV_TYPES.SIG_PURE);
  return tlv !== undefined && tlv.length === 1 && tlv.value[0] === 1;
}

function warningsOf(image: ParsedImage): Message[] {
  const warnings: Message[] = [];
  for (const t of image.tlvs) {
    if (t.area === "unprotected" && !ALLOWED_UNPROTECTED_TLV_TYPES.includes(t.type)) {
      warnings.push(
        words("verify.warning.unprotected-tlv", { tlv: t.name, type: `0x${t.type.toString(16)}` }),
      );
    }
  }
  if (image.header.compression) warnings.push(words("verify.warning.compressed"));
  return warnings;
}

/** An image or decryption error as a report's reason: its own catalog key and parameters. */
function errorReason(error: { readonly messageKey: string; readonly params: Message["params"] }): Message {
  return words(error.messageKey, error.params);
}

function malformed(bytes: Uint8Array): VerificationReport {
  const inspection = inspectImage(bytes);
  const problem = inspection.problem;
  return {
    outcome: "malformed",
    reason: problem ? errorReason(problem) : words("verify.unreadable"),
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
  const notChecked: Message[] = [];
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
      return { ...malformed(bytes), ...base, reason: errorReason(error), errorCode: error.code };
    }
    region = decrypted?.region;
    computed = region ? await digest(alg, region) : undefined;
    over = region ? "decrypted-body" : undefined;
    if (!region) {
      notChecked.push(words("verify.not-checked.encrypted-hash", { encryption: image.header.encryption }));
    }
  }
  const hashStatus =
    computed === undefined ? "not-checked" : sameBytes(computed, stored) ? "match" : "mismatch";
  const hash: HashCheck = { algorithm: alg, stored, computed, status: hashStatus, over };
  const decryptedWith = decrypted?.key.name;
  if (hashStatus === "mismatch") {
    const reason = decrypted
      ? words("verify.hash-mismatch-decrypted", { hashTlv: label, algorithm: alg, key: decrypted.key.name })
      : words("verify.hash-mismatch", { hashTlv: label, algorithm: alg });
    return {
      ...base,
      outcome: "hash-mismatch",
      reason,
      complete: true,
      notChecked,
      hash,
      signature: { ...NO_SIGNATURE, detail: words("verify.signature.hash-mismatch") },
      signedBy: undefined,
      decryptedWith,
    };
  }

  // 2. The signature, over the digest just verified (or, unverifiable, the stored one it must cover).
  const firstSig = image.tlvs.find((t) => t.area === "unprotected" && SIGNATURE_TLV_TYPES.includes(t.type));
  if (trustedKeys.length === 0) {
    if (firstSig) notChecked.push(words("verify.not-checked.signature-untrusted", { tlv: firstSig.name }));
    return {
      ...base,
      outcome: "valid",
      reason: hashStatus === "match" ? words("verify.valid-no-key") : words("verify.partial-no-key"),
      complete: hashStatus === "match",
      notChecked,
      hash,
      signature: {
        ...NO_SIGNATURE,
        status: "not-required",
        tlv: firstSig?.name,
        value: firstSig?.value,
        mode: firstSig ? (pure ? "pure" : "digest") : undefined,
        detail: words("verify.signature.no-trusted-key"),
      },
      signedBy: undefined,
      decryptedWith,
    };
  }
  // Past the mismatch return, a hash over the stored bytes is one that matched: the early search stands.
  const found =
    early && over === "stored-bytes"
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
  if (found.status === "not-checked")
    notChecked.push(
      words("verify.not-checked.signature", { detailKey: found.reason.key, ...found.reason.params }),
    );
  const complete = hashStatus === "match" && found.status === "verified";
  const signedBy = found.status === "verified" ? found.keyName : undefined;
  const signer = { key: found.keyName, keyType: found.keyType };
  const reason = complete
    ? words("verify.valid", signer)
    : words("verify.partial", {
        hash: hashStatus === "match" ? "match" : "unchecked",
        signature: found.status === "verified" ? "verified" : "unchecked",
        ...signer,
        hashTlv: label,
        stored: toHex(stored).slice(0, 16),
      });
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

// Finds the signature a trusted key made, as MCUboot does: each signature TLV is paired with the KEYHASH
// or PUBKEY TLV before it, that TLV must identify a trusted key, and only then is the signature checked.

import { toHex } from "../bytes.js";
import { type Message, words } from "../errors.js";
import { TLV_TYPES, SIGNATURE_TLV_TYPES, type HashAlgorithm } from "./constants.js";
import { digest, sameBytes } from "./digest.js";
import { classifyDer } from "./key-der.js";
import type { SigningKeyType, TrustedKey } from "./keys.js";
import { checkSignature, hashMismatch, signatureTlvOf, type SignedData } from "./signature.js";
import type { ImageTlv } from "./tlv-area.js";

export interface SignatureSearch {
  readonly status: "verified" | "failed" | "not-checked";
  /** What was found, in words the edges render (catalog "verify.signature.*"). */
  readonly reason: Message;
  readonly tlv: ImageTlv | undefined;
  readonly keyTlv: ImageTlv | undefined;
  readonly keyName: string | undefined;
  readonly keyType: SigningKeyType | undefined;
}

interface Candidate {
  readonly name: string;
  readonly type: SigningKeyType;
  readonly publicKey: Uint8Array;
}

const SIG_NAMES: Readonly<Record<SigningKeyType, string>> = {
  ed25519: "ED25519",
  "ecdsa-p256": "ECDSASIG",
  "ecdsa-p384": "ECDSASIG",
  "rsa-2048": "RSA2048",
  "rsa-3072": "RSA3072",
};

/** The public key `key` contributes for a signature TLV named by `keyTlv`, or why it contributes none. */
type Unresolved = "no-match" | "pin-only" | "bad-pubkey";

async function resolve(
  key: TrustedKey,
  keyTlv: ImageTlv,
  alg: HashAlgorithm,
): Promise<Candidate | Unresolved> {
  const byHash = keyTlv.type === TLV_TYPES.KEYHASH;
  if (key.kind === "public-key") {
    const match = byHash
      ? sameBytes(await digest(alg, key.publicKey), keyTlv.value)
      : sameBytes(key.publicKey, keyTlv.value);
    return match ? { name: key.name, type: key.type, publicKey: key.publicKey } : "no-match";
  }
  if (byHash) return key.algorithm === alg && sameBytes(key.hash, keyTlv.value) ? "pin-only" : "no-match";
  if (!sameBytes(await digest(key.algorithm, keyTlv.value), key.hash)) return "no-match";
  const embedded = classifyDer(keyTlv.value);
  if (embedded?.kind !== "public" || embedded.type === "x25519") return "bad-pubkey";
  return { name: key.name, type: embedded.type, publicKey: embedded.publicKey };
}

export async function findSignature(
  tlvs: readonly ImageTlv[],
  keys: readonly TrustedKey[],
  alg: HashAlgorithm,
  data: SignedData,
  pure: boolean,
): Promise<SignatureSearch> {
  const unprotected = tlvs.filter((t) => t.area === "unprotected");
  const names = [...new Set(keys.map((k) => (k.kind === "public-key" ? SIG_NAMES[k.type] : "signature")))];
  const miss = { tlv: undefined, keyTlv: undefined, keyName: undefined, keyType: undefined } as const;
  let best: SignatureSearch = {
    status: "failed",
    reason: words("verify.signature.no-signature-tlv", { tlv: names.join("/"), keyCount: keys.length }),
    ...miss,
  };
  let rank = 0;
  const note = (r: number, s: SignatureSearch): void => {
    if (r > rank) [rank, best] = [r, s];
  };
  let keyTlv: ImageTlv | undefined;
  for (const tlv of unprotected) {
    if (tlv.type === TLV_TYPES.KEYHASH || tlv.type === TLV_TYPES.PUBKEY) keyTlv = tlv;
    if (!SIGNATURE_TLV_TYPES.includes(tlv.type)) continue;
    const base = { tlv, keyTlv, keyName: undefined, keyType: undefined };
    const fits = keys.some((k) => k.kind === "key-hash" || signatureTlvOf(k.type) === tlv.type);
    if (!fits) continue;
    if (!keyTlv) {
      note(1, {
        status: "failed",
        reason: words("verify.signature.no-key-tlv", { tlv: tlv.name }),
        ...base,
      });
      continue;
    }
    const kind = keyTlv.name;
    for (const key of keys) {
      const found = await resolve(key, keyTlv, alg);
      if (found === "no-match") {
        note(2, {
          status: "failed",
          reason: words("verify.signature.key-not-trusted", { keyTlv: kind }),
          ...base,
        });
        continue;
      }
      if (typeof found === "string") {
        const reason =
          found === "pin-only"
            ? words("verify.signature.pin-only", { key: key.name })
            : words("verify.signature.bad-pubkey", { key: key.name });
        note(3, { status: "failed", reason, ...base });
        continue;
      }
      if (signatureTlvOf(found.type) !== tlv.type) continue;
      const ctx = { ...base, keyName: found.name, keyType: found.type };
      const mismatch = hashMismatch(found.type, alg, pure);
      if (mismatch) {
        note(4, {
          status: "failed",
          reason: words("verify.signature.key-mismatch", {
            key: found.name,
            mismatchKey: mismatch.key,
            ...mismatch.params,
          }),
          ...ctx,
        });
        continue;
      }
      const ok = await checkSignature(found.type, found.publicKey, tlv.value, data, pure);
      if (ok === true) {
        return {
          status: "verified",
          reason: words("verify.signature.verified", { key: found.name, keyType: found.type }),
          ...ctx,
        };
      }
      if (ok === undefined) {
        note(5, {
          status: "not-checked",
          reason: words("verify.signature.plaintext-unavailable", { tlv: tlv.name, key: found.name }),
          ...ctx,
        });
      } else {
        note(6, {
          status: "failed",
          reason: words("verify.signature.bad", {
            tlv: tlv.name,
            key: found.name,
            digest: toHex(data.digest).slice(0, 16),
          }),
          ...ctx,
        });
      }
    }
  }
  return best;
}

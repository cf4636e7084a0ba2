// The verification report: what verifyImage found, in the outcome vocabulary of the MCUboot reference
// vectors (valid, hash-mismatch, bad-signature, malformed), with a reason a technician can act on. Reasons,
// notes and warnings are catalog messages (key + parameters, "verify.*" or the image error's own key): the
// edges word them in the user's language.

import type { Message } from "../errors.js";
import type { HashAlgorithm, TlvName } from "./constants.js";
import type { ImageHeader } from "./header.js";
import type { ImageLayout } from "./image.js";
import type { SigningKeyType } from "./keys.js";
import type { ImageTlv } from "./tlv-area.js";
import type { ImageTrailer } from "./trailer.js";

export const VERIFICATION_OUTCOMES = ["valid", "hash-mismatch", "bad-signature", "malformed"] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

export interface HashCheck {
  readonly algorithm: HashAlgorithm | undefined;
  /** The hash TLV value. */
  readonly stored: Uint8Array | undefined;
  /** The digest of the signed region: as stored, or after decrypting the body. Never of ciphertext. */
  readonly computed: Uint8Array | undefined;
  readonly status: "match" | "mismatch" | "not-checked" | "absent";
  /** What `computed` was taken over. */
  readonly over: "stored-bytes" | "decrypted-body" | undefined;
}

export interface SignatureCheck {
  readonly status: "verified" | "failed" | "not-required" | "not-checked" | "absent";
  /** The signature TLV that verified, or the first one found. */
  readonly tlv: TlvName | undefined;
  readonly value: Uint8Array | undefined;
  /** Name of the trusted key that verified the signature. */
  readonly keyName: string | undefined;
  readonly keyType: SigningKeyType | undefined;
  /** How the image named its key. */
  readonly keyTlv: "KEYHASH" | "PUBKEY" | undefined;
  /** "digest": over the image hash (ed25519) or the region hashed (ECDSA, RSA); "pure": over the region. */
  readonly mode: "digest" | "pure" | undefined;
  readonly detail: Message;
}

export interface VerificationReport {
  readonly outcome: VerificationOutcome;
  readonly reason: Message;
  /** False when part of the verdict could not be checked (e.g. an encrypted body without its key). */
  readonly complete: boolean;
  /** Plain statements of what was not verified, and why. */
  readonly notChecked: readonly Message[];
  readonly warnings: readonly Message[];
  /** The ImageFormatError code when the outcome is "malformed". */
  readonly errorCode: string | undefined;
  readonly header: ImageHeader | undefined;
  readonly layout: ImageLayout | undefined;
  readonly tlvs: readonly ImageTlv[];
  readonly trailer: ImageTrailer | undefined;
  readonly hash: HashCheck;
  readonly signature: SignatureCheck;
  /** Name of the key that verified the image, or undefined ("untrusted"). */
  readonly signedBy: string | undefined;
  /**
   * MCUboot's image hash (the hash TLV value) as the device will report it. Only the exact hash that
   * verified should ever be tested or confirmed on a device.
   */
  readonly imageHash: Uint8Array | undefined;
  readonly imageHashHex: string | undefined;
  /** Name of the decryption key that recovered the body, when one did. */
  readonly decryptedWith: string | undefined;
}

// The one rule for whether a verified image may be sent, shared by the CLI and the app: the hash must match and the
// image must be fully checked; it must be signed by a trusted key unless the user explicitly allows unsigned
// or untrusted images. A hash mismatch or a malformed image is never sent.

import { verifyImage, type TrustedKey, type VerificationReport } from "../mcuboot/index.js";
import type { VerifiedImage } from "./update-flow.js";

export function acceptance(
  report: VerificationReport,
  allowUnsigned: boolean,
): { accepted: boolean; reason: string } {
  if (report.outcome === "hash-mismatch" || report.outcome === "malformed" || !report.imageHash) {
    return { accepted: false, reason: report.reason };
  }
  if (report.outcome === "valid" && report.complete && report.signedBy !== undefined) {
    return { accepted: true, reason: report.reason };
  }
  // The override covers "no trusted signature" and "only partly verifiable" (an encrypted body that only the
  // device can decrypt); never a signature that fails or a hash that does not match.
  if (allowUnsigned && report.outcome === "valid" && report.hash.status !== "mismatch") {
    return {
      accepted: true,
      reason: `${report.reason} Sent without full verification, as explicitly allowed.`,
    };
  }
  return {
    accepted: false,
    reason:
      report.outcome === "bad-signature"
        ? report.reason
        : "The image is intact, but no trusted key signed it. Add the signer's public key as a trusted key " +
          "(--key in the CLI), or explicitly allow unsigned images (--allow-unsigned).",
  };
}

export function verifierFor(
  keys: readonly TrustedKey[],
  allowUnsigned: boolean,
  onReport?: (report: VerificationReport) => void,
): (image: Uint8Array) => Promise<VerifiedImage> {
  return async (image) => {
    const report = await verifyImage(image, keys);
    onReport?.(report);
    const { accepted, reason } = acceptance(report, allowUnsigned);
    const v = report.header?.version;
    return {
      accepted,
      reason,
      hash: report.imageHash ?? new Uint8Array(0),
      version: v ? `${v.major}.${v.minor}.${v.revision}${v.build ? `+${v.build}` : ""}` : "unknown",
    };
  };
}

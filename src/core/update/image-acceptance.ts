// The one rule for whether a verified image may be sent, shared by the CLI and the app: the hash must match and the
// image must be fully checked; it must be signed by a trusted key unless the user explicitly allows unsigned
// or untrusted images. A hash mismatch, a failing signature or a malformed image is never sent.

import { verifyImage, type TrustedKey, type VerificationReport } from "../mcuboot/index.js";
import { sendClass } from "./send-rule.js";
import type { VerifiedImage } from "./update-flow.js";

export function acceptance(
  report: VerificationReport,
  allowUnsigned: boolean,
): { accepted: boolean; reason: string } {
  const kind = sendClass({ ...report, hasImageHash: report.imageHash !== undefined });
  if (kind === "trusted") return { accepted: true, reason: report.reason };
  if (kind === "needs-override" && allowUnsigned) {
    return {
      accepted: true,
      reason: `${report.reason} Sent without full verification, as explicitly allowed.`,
    };
  }
  if (kind === "refused" || report.signedBy !== undefined) return { accepted: false, reason: report.reason };
  return {
    accepted: false,
    reason:
      "The image is intact, but no trusted key signed it. Add the signer's public key as a trusted key " +
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

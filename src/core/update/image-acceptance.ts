// The one rule for whether a verified image may be sent, shared by the CLI and the app: the hash must match and the
// image must be fully checked; it must be signed by a trusted key unless the user explicitly allows unsigned
// or untrusted images. A hash mismatch, a failing signature or a malformed image is never sent.

import { type Message, nestedWords, words } from "../errors.js";
import { verifyImage, type TrustedKey, type VerificationReport } from "../mcuboot/index.js";
import { sendClass } from "./send-rule.js";
import type { VerifiedImage } from "./update-flow.js";

/** What the rule needs of a verification report (the app keeps only these fields of it). */
export type AcceptanceFacts = Pick<
  VerificationReport,
  "outcome" | "signedBy" | "complete" | "reason" | "imageHash"
>;

export function acceptance(
  report: AcceptanceFacts,
  allowUnsigned: boolean,
): { accepted: boolean; reason: Message } {
  const kind = sendClass({ ...report, hasImageHash: report.imageHash !== undefined });
  if (kind === "trusted") return { accepted: true, reason: report.reason };
  if (kind === "needs-override" && allowUnsigned) {
    return {
      accepted: true,
      reason: words("verify.accepted-unverified", nestedWords("detail", report.reason)),
    };
  }
  if (kind === "refused" || report.signedBy !== undefined) return { accepted: false, reason: report.reason };
  return { accepted: false, reason: words("verify.refused-untrusted") };
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

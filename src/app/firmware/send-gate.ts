// What the app says about whether a verified image may be sent. The rule itself is core's `sendClass` (the
// CLI obeys the same one): a valid image signed by a trusted key goes; a valid but untrusted or partly
// checked image goes only after an explicit, warned override; a damaged or badly signed image never goes.
// This module only adds the words. Pure, so it is unit-tested on its own.

import { i18n } from "../../i18n/browser-i18n.js";
import type { VerificationOutcome } from "../../core/mcuboot/index.js";
import { sendClass } from "../../core/update/send-rule.js";

export interface GateInput {
  readonly outcome: VerificationOutcome;
  readonly signedBy: string | undefined;
  readonly complete: boolean;
  readonly notChecked: readonly string[];
  /** MCUboot image hash (hex or bytes); without it the device's answer could not be checked, so it never goes. */
  readonly imageHash: string | Uint8Array | undefined;
}

export type GateVerdict =
  | { readonly kind: "allowed"; readonly summary: string }
  | { readonly kind: "needs-override"; readonly summary: string; readonly warning: string }
  | { readonly kind: "refused"; readonly summary: string; readonly advice: string };

// Plain words per outcome, after the verdict's title (Refused, Untrusted); the verifier's technical reason is
// one click away in the report.
const REFUSED_SUMMARY: Readonly<Record<Exclude<VerificationOutcome, "valid">, string>> = {
  "hash-mismatch":
    "The image's contents do not match its hash: the file is damaged or was changed after signing.",
  "bad-signature": "It is not signed by one of your trusted keys (or its signature is damaged).",
  malformed: "This is not a complete, well-formed MCUboot image.",
};

const REFUSED_ADVICE: Readonly<Record<Exclude<VerificationOutcome, "valid">, string>> = {
  "hash-mismatch": "app.send-gate.advice.hash-mismatch",
  "bad-signature": "app.send-gate.advice.bad-signature",
  malformed: "app.send-gate.advice.malformed",
};

export function sendGate(input: GateInput, trustedKeyCount: number): GateVerdict {
  const kind = sendClass({ ...input, hasImageHash: input.imageHash !== undefined });
  if (kind === "refused") {
    // A "valid" outcome is only refused for want of an image hash, which a well-formed image always has.
    const outcome = input.outcome === "valid" ? "malformed" : input.outcome;
    return {
      kind: "refused",
      summary: i18n._(REFUSED_SUMMARY[outcome]),
      advice: i18n._(REFUSED_ADVICE[outcome]),
    };
  }
  if (kind === "trusted") {
    return {
      kind: "allowed",
      summary: i18n._("app.send-gate.signed-trusted-key", { value: input.signedBy ?? "" }),
    };
  }
  if (input.signedBy !== undefined) {
    return {
      kind: "needs-override",
      summary: i18n._("app.send-gate.signed-but-not-everything", { signedBy: input.signedBy }),
      warning: i18n._("app.send-gate.send-only-if-you", { notChecked: input.notChecked.join(" ") }),
    };
  }
  if (trustedKeyCount === 0) {
    return {
      kind: "needs-override",
      summary: "No signing key is trusted yet, so who signed it cannot be checked.",
      warning:
        "The image is intact, but anyone could have built it. Add your product's signing key under Trusted keys, or send it anyway if you trust where the file came from. A device whose bootloader checks signatures will refuse it if the key is wrong.",
    };
  }
  return {
    kind: "needs-override",
    summary: "The image is intact but not signed by any of your trusted keys.",
    warning:
      "Send it only if you know why it is unsigned (e.g. a development build). A device whose bootloader checks signatures will refuse it.",
  };
}

/** Start is possible only for an allowed image, or a needs-override image whose box the user ticked. */
export function maySend(verdict: GateVerdict, overrideAccepted: boolean): boolean {
  return verdict.kind === "allowed" || (verdict.kind === "needs-override" && overrideAccepted);
}

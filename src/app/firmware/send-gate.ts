// What the app says about whether a verified image may be sent. The rule itself is core's `sendClass` (the
// CLI obeys the same one): a valid image signed by a trusted key goes; a valid but untrusted or partly
// checked image goes only after an explicit, warned override; a damaged or badly signed image never goes.
// This module only adds the words. Pure, so it is unit-tested on its own.

import { i18n } from "../../i18n/browser-i18n.js";
import { say } from "../../i18n/describe-error.js";
import type { Message } from "../../core/errors.js";
import type { VerificationOutcome } from "../../core/mcuboot/index.js";
import { sendClass } from "../../core/update/send-rule.js";

export interface GateInput {
  readonly outcome: VerificationOutcome;
  readonly signedBy: string | undefined;
  readonly complete: boolean;
  readonly notChecked: readonly Message[];
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
  "hash-mismatch": "app.send-gate.refused.hash-mismatch",
  "bad-signature": "app.send-gate.refused.bad-signature",
  malformed: "app.send-gate.refused.malformed",
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
      warning: i18n._("app.send-gate.send-only-if-you", {
        notChecked: input.notChecked.map((note) => say(i18n, note)).join(" "),
      }),
    };
  }
  if (trustedKeyCount === 0) {
    return {
      kind: "needs-override",
      summary: i18n._("app.send-gate.untrusted-no-signing-key"),
      warning: i18n._("app.send-gate.image-intact-but-anyone"),
    };
  }
  return {
    kind: "needs-override",
    summary: i18n._("app.send-gate.untrusted-image-intact-but"),
    warning: i18n._("app.send-gate.send-only-if-you-2"),
  };
}

/** Start is possible only for an allowed image, or a needs-override image whose box the user ticked. */
export function maySend(verdict: GateVerdict, overrideAccepted: boolean): boolean {
  return verdict.kind === "allowed" || (verdict.kind === "needs-override" && overrideAccepted);
}

/** What the gate needs of one image of a loaded file, to say which one holds the verdict back. */
export interface PackageImage extends GateInput {
  readonly imageNumber: number;
  readonly name?: string | undefined;
  /** Direct-XIP per-slot build: the update picks one of these by the device's running slot. */
  readonly slot?: number | undefined;
}

/** Which images a Start sends with the shown one: all of a multi-image package, or every per-slot build. */
function sentTogether(images: readonly PackageImage[], shown: PackageImage): readonly PackageImage[] {
  if (new Set(images.map((i) => i.imageNumber)).size > 1) return images;
  if (images.some((i) => i.slot !== undefined))
    return images.filter((i) => i.imageNumber === shown.imageNumber);
  return [shown];
}

const SEVERITY: Readonly<Record<GateVerdict["kind"], number>> = {
  allowed: 0,
  "needs-override": 1,
  refused: 2,
};

/**
 * The verdict for everything a Start would send. A multi-image package and a direct-XIP package's per-slot
 * builds go as one update, so the worst image decides (the same rule the flow applies before sending); the
 * summary names that image when it is not the one the report shows.
 */
export function packageGate(
  images: readonly PackageImage[],
  shown: number,
  trustedKeyCount: number,
): GateVerdict | undefined {
  const shownImage = images[shown];
  if (!shownImage) return undefined;
  const shownVerdict = sendGate(shownImage, trustedKeyCount);
  let worst = { image: shownImage, verdict: shownVerdict };
  for (const image of sentTogether(images, shownImage)) {
    if (image === shownImage) continue;
    const verdict = sendGate(image, trustedKeyCount);
    if (SEVERITY[verdict.kind] > SEVERITY[worst.verdict.kind]) worst = { image, verdict };
  }
  if (worst.image === shownImage) return shownVerdict;
  const summary = i18n._("app.send-gate.in-other-image", {
    imageNumber: worst.image.imageNumber,
    name: worst.image.name ?? "none",
    summary: worst.verdict.summary,
  });
  return { ...worst.verdict, summary };
}

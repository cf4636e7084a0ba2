// The one rule for whether a verified image may be sent (image-acceptance.ts applies it for the CLI and
// manifest installs, the app's send gate words it). Kept apart from the verifier so the app's first screen can
// use it without loading the image code.

import type { VerificationOutcome } from "../mcuboot/report.js";

/** What the rule needs to know about a verification: the app passes its own summary of the report. */
export interface SendFacts {
  readonly outcome: VerificationOutcome;
  readonly complete: boolean;
  readonly signedBy: string | undefined;
  /** False when there is no image hash the device could report back, so test/confirm could not be checked. */
  readonly hasImageHash: boolean;
}

/**
 * - `trusted`: intact, fully checked, signed by a trusted key: send it.
 * - `needs-override`: intact, but untrusted or only partly checkable (an encrypted body only the device can
 *   decrypt): send only on the user's explicit say-so (--allow-unsigned, the app's warned checkbox).
 * - `refused`: damaged, malformed or badly signed: never sent, whatever the user says.
 */
export type SendClass = "trusted" | "needs-override" | "refused";

export function sendClass(facts: SendFacts): SendClass {
  if (facts.outcome !== "valid" || !facts.hasImageHash) return "refused";
  return facts.signedBy !== undefined && facts.complete ? "trusted" : "needs-override";
}

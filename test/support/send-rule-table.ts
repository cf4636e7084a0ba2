// The send rule written out as a table, row by row, independently of src/core/update/send-rule.ts: every
// combination of what a verification can say. The CLI's acceptance, core's sendClass and the app's send gate
// are each checked against it, so none of them can drift without a test naming the row.

import type { VerificationOutcome } from "../../src/core/mcuboot/report.js";

export interface SendRuleRow {
  readonly outcome: VerificationOutcome;
  readonly signed: boolean;
  readonly complete: boolean;
  readonly hasImageHash: boolean;
  readonly expected: "trusted" | "needs-override" | "refused";
}

// outcome, signed by a trusted key, fully checked, has an image hash → class
const ROWS: readonly (readonly [VerificationOutcome, boolean, boolean, boolean, SendRuleRow["expected"]])[] =
  [
    ["valid", true, true, true, "trusted"],
    ["valid", true, false, true, "needs-override"],
    ["valid", false, true, true, "needs-override"],
    ["valid", false, false, true, "needs-override"],
    ["valid", true, true, false, "refused"],
    ["valid", true, false, false, "refused"],
    ["valid", false, true, false, "refused"],
    ["valid", false, false, false, "refused"],
    ["hash-mismatch", true, true, true, "refused"],
    ["hash-mismatch", true, false, true, "refused"],
    ["hash-mismatch", false, true, true, "refused"],
    ["hash-mismatch", false, false, true, "refused"],
    ["hash-mismatch", true, true, false, "refused"],
    ["hash-mismatch", true, false, false, "refused"],
    ["hash-mismatch", false, true, false, "refused"],
    ["hash-mismatch", false, false, false, "refused"],
    ["bad-signature", true, true, true, "refused"],
    ["bad-signature", true, false, true, "refused"],
    ["bad-signature", false, true, true, "refused"],
    ["bad-signature", false, false, true, "refused"],
    ["bad-signature", true, true, false, "refused"],
    ["bad-signature", true, false, false, "refused"],
    ["bad-signature", false, true, false, "refused"],
    ["bad-signature", false, false, false, "refused"],
    ["malformed", true, true, true, "refused"],
    ["malformed", true, false, true, "refused"],
    ["malformed", false, true, true, "refused"],
    ["malformed", false, false, true, "refused"],
    ["malformed", true, true, false, "refused"],
    ["malformed", true, false, false, "refused"],
    ["malformed", false, true, false, "refused"],
    ["malformed", false, false, false, "refused"],
  ];

export const SEND_RULE_TABLE: readonly SendRuleRow[] = ROWS.map(
  ([outcome, signed, complete, hasImageHash, expected]) => ({
    outcome,
    signed,
    complete,
    hasImageHash,
    expected,
  }),
);

export function describeRow(row: SendRuleRow): string {
  return `${row.outcome}, ${row.signed ? "signed" : "unsigned"}, ${row.complete ? "complete" : "partly checked"}, ${row.hasImageHash ? "with" : "without"} image hash`;
}

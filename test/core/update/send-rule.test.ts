// Core's send rule and the CLI's acceptance, row by row against the written-out table (test/support/
// send-rule-table.ts): what is sent, what needs --allow-unsigned, what is never sent, and what the CLI says.

import { describe, expect, test } from "vitest";
import { words } from "../../../src/core/errors.js";
import { questionInEnglish } from "../../support/in-english.js";
import type { VerificationReport } from "../../../src/core/mcuboot/report.js";
import { acceptance } from "../../../src/core/update/image-acceptance.js";
import { sendClass } from "../../../src/core/update/send-rule.js";
import { describeRow, SEND_RULE_TABLE, type SendRuleRow } from "../../support/send-rule-table.js";

const VERIFIER_REASON = words("verify.signature.bad", { tlv: "ED25519", key: "prod", digest: "00" });

function reportFor(row: SendRuleRow): VerificationReport {
  return {
    outcome: row.outcome,
    reason: VERIFIER_REASON,
    complete: row.complete,
    signedBy: row.signed ? "prod" : undefined,
    imageHash: row.hasImageHash ? new Uint8Array(32).fill(0xab) : undefined,
  } as VerificationReport;
}

describe("send rule truth table", () => {
  test("the table covers every combination once", () => {
    const keys = new Set(SEND_RULE_TABLE.map(describeRow));
    expect(keys.size).toBe(4 * 2 * 2 * 2);
    expect(SEND_RULE_TABLE).toHaveLength(32);
  });

  test.each(SEND_RULE_TABLE.map((row) => [describeRow(row), row] as const))("sendClass: %s", (_name, row) => {
    const facts = {
      outcome: row.outcome,
      complete: row.complete,
      signedBy: row.signed ? "prod" : undefined,
      hasImageHash: row.hasImageHash,
    };
    expect(sendClass(facts)).toBe(row.expected);
  });

  test.each(SEND_RULE_TABLE.map((row) => [describeRow(row), row] as const))(
    "CLI acceptance: %s",
    (_name, row) => {
      const report = reportFor(row);
      const strict = acceptance(report, false);
      const allowing = acceptance(report, true);
      expect(strict.accepted).toBe(row.expected === "trusted");
      expect(allowing.accepted).toBe(row.expected !== "refused");
      if (row.expected === "trusted") {
        expect(strict.reason).toBe(VERIFIER_REASON);
        expect(allowing.reason).toBe(VERIFIER_REASON);
      } else if (row.expected === "needs-override") {
        expect(allowing.reason.key).toBe("verify.accepted-unverified");
        expect(questionInEnglish(allowing.reason)).toBe(
          `${questionInEnglish(VERIFIER_REASON)} Sent without full verification, as explicitly allowed.`,
        );
        if (row.signed) expect(strict.reason).toBe(VERIFIER_REASON);
        else
          expect(questionInEnglish(strict.reason)).toMatch(
            /^The image is intact, but no trusted key signed it\. .*--allow-unsigned/,
          );
      } else {
        // Refused whatever the user allows, with the verifier's reason (never the "add a key" advice).
        expect(strict.reason).toBe(VERIFIER_REASON);
        expect(allowing.reason).toBe(VERIFIER_REASON);
      }
    },
  );
});

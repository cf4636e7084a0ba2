import { describe, expect, test } from "vitest";
import { words } from "../../src/core/errors.js";
import { maySend, sendGate, type GateInput } from "../../src/app/firmware/send-gate.js";
import { describeRow, SEND_RULE_TABLE } from "../support/send-rule-table.js";

const valid: GateInput = {
  outcome: "valid",
  signedBy: "prod",
  complete: true,
  notChecked: [],
  imageHash: "ab".repeat(32),
};

describe("send gate", () => {
  test("a valid image signed by a trusted key may be sent", () => {
    const verdict = sendGate(valid, 1);
    expect(verdict.kind).toBe("allowed");
    expect(verdict.summary).toContain("prod");
    expect(maySend(verdict, false)).toBe(true);
  });

  test.each(["hash-mismatch", "bad-signature", "malformed"] as const)(
    "%s is refused, even with the override",
    (outcome) => {
      const verdict = sendGate({ ...valid, outcome, signedBy: undefined }, 1);
      expect(verdict.kind).toBe("refused");
      // The title says "Refused"; the summary says why in plain words, once.
      expect(verdict.summary).not.toMatch(/^Refused/);
      expect(maySend(verdict, true)).toBe(false);
    },
  );

  test("an unsigned or untrusted valid image needs the override", () => {
    const none = sendGate({ ...valid, signedBy: undefined }, 0);
    expect(none.kind).toBe("needs-override");
    expect(none.summary).toMatch(/no signing key is trusted/i);
    expect(maySend(none, false)).toBe(false);
    expect(maySend(none, true)).toBe(true);
    const other = sendGate({ ...valid, signedBy: undefined }, 2);
    expect(other.kind).toBe("needs-override");
    expect(other.summary).toMatch(/not signed by any of your trusted keys/);
  });

  test("a signed but partly checked image needs the override and says what was not checked", () => {
    const notChecked = [words("verify.not-checked.encrypted-hash", { encryption: "aes128-x25519" })];
    const verdict = sendGate({ ...valid, complete: false, notChecked }, 1);
    expect(verdict.kind).toBe("needs-override");
    if (verdict.kind === "needs-override")
      expect(verdict.warning).toContain("image hash: the body is encrypted (aes128-x25519)");
  });

  test("an image without an image hash is refused: the device's answer could not be checked", () => {
    const verdict = sendGate({ ...valid, imageHash: undefined }, 1);
    expect(verdict.kind).toBe("refused");
    expect(maySend(verdict, true)).toBe(false);
  });

  // Checked against the written-out table, not against core's sendClass: the app's gate calls sendClass, so
  // comparing the two would hold by construction.
  test.each(SEND_RULE_TABLE.map((row) => [describeRow(row), row] as const))(
    "truth table: %s",
    (_name, row) => {
      const gate: GateInput = {
        ...valid,
        outcome: row.outcome,
        signedBy: row.signed ? "prod" : undefined,
        complete: row.complete,
        imageHash: row.hasImageHash ? valid.imageHash : undefined,
      };
      const expected = { trusted: "allowed", "needs-override": "needs-override", refused: "refused" }[
        row.expected
      ];
      for (const keyCount of [0, 1, 3]) {
        const verdict = sendGate(gate, keyCount);
        expect(verdict.kind).toBe(expected);
        expect(maySend(verdict, false)).toBe(row.expected === "trusted");
        expect(maySend(verdict, true)).toBe(row.expected !== "refused");
      }
    },
  );
});

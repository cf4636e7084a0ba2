// MCUboot's mode inside the flow's sentences is worded by each language (core passes `modeKey` next to the
// English `mode`), so a German or Chinese technician never reads "swap using move" in the middle of a sentence.

import { setupI18n } from "@lingui/core";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import { describe, expect, test } from "vitest";
import { BOOT_MODES } from "../../src/core/device/boot-modes.js";
import { words } from "../../src/core/errors.js";
import { noticesFor, planUpdate } from "../../src/core/update/flow-plan.js";
import type { SlotState } from "../../src/core/update/flow-types.js";
import { describeError, say } from "../../src/i18n/describe-error.js";
import { refuseImpossible } from "../../src/core/update/flow-plan.js";
import { readCatalog } from "./catalog-check.js";

function i18nFor(locale: "en" | "de" | "zh") {
  const i18n = setupI18n({ locale, messages: { [locale]: { ...readCatalog(locale, "errors") } } });
  i18n.setMessagesCompiler(compileMessage);
  return i18n;
}

const running: SlotState[] = [
  {
    image: 0,
    slot: 0,
    version: "1.0.0",
    hash: "ab".repeat(32),
    bootable: true,
    pending: false,
    confirmed: true,
    active: true,
    permanent: false,
  },
];

describe("the mode in the flow's sentences", () => {
  test.each([...BOOT_MODES.values()].map((m) => [m.number, m.key] as const))(
    "mode %i (%s): the note names it in each language's words",
    (number, key) => {
      const plan = planUpdate(
        { name: "MCUboot", modeNumber: number, mode: BOOT_MODES.get(number)! },
        running,
      );
      expect(plan.decision.key).toBe(`boot-mode.${key}`);
      const de = i18nFor("de");
      const words = readCatalog("de", "errors")[`boot-mode.${key}`]!;
      expect(say(de, plan.decision.note)).toContain(`(${words})`);
      expect(say(i18nFor("en"), plan.decision.note)).toContain(`(${BOOT_MODES.get(number)!.text})`);
    },
  );

  test("a refusal and a notice say the mode in German and Chinese, not in English", () => {
    const overwrite = planUpdate({ name: "MCUboot", modeNumber: 2, mode: BOOT_MODES.get(2)! }, running);
    const notices = noticesFor(overwrite, "test-and-confirm");
    expect(notices.map((n) => say(i18nFor("de"), n)).join(" ")).toContain("Modus nur Überschreiben");
    let refusal: unknown;
    try {
      refuseImpossible(overwrite, "test-only");
    } catch (error) {
      refusal = error;
    }
    const zh = describeError(i18nFor("zh"), refusal).message;
    expect(zh).toContain("仅覆盖");
    expect(zh).not.toContain("overwrite only");
  });

  test("a message that words another's note (noteKey) words the mode inside it too", () => {
    const plan = planUpdate({ name: "MCUboot", modeNumber: 3, mode: BOOT_MODES.get(3)! }, running);
    // As the flow's first audit record carries it: the note's key first, then the note's own parameters.
    const record = words("audit.device-runs-mode", {
      version: "1.0.0",
      listed: "yes",
      noteKey: plan.decision.note.key,
      ...plan.decision.note.params,
    });
    expect(say(i18nFor("de"), record)).toContain("(Tausch durch Verschieben)");
    expect(say(i18nFor("en"), record)).toContain("(swap using move)");
  });

  test("inferred modes and unknown numbers are worded too", () => {
    const inferred = planUpdate(undefined, running);
    expect(say(i18nFor("de"), inferred.decision.note)).not.toMatch(/\bswap\b/);
    const unknown = planUpdate({ name: "MCUboot", modeNumber: 42 }, running);
    expect(say(i18nFor("de"), unknown.decision.note)).toContain("MCUboot-Modus 42 (Modus 42)");
  });
});

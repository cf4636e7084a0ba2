// What a technician reads for an error or a question, in English, rendered from the catalog as the CLI does:
// tests keep asserting the words that matter, not only the code.

import { readFileSync } from "node:fs";
import { setupI18n, type I18n } from "@lingui/core";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import type { Message } from "../../src/core/errors.js";
import { errorText, say } from "../../src/i18n/describe-error.js";
import { englishI18n } from "../../src/i18n/english.js";
import errors from "../../src/i18n/locales/en/errors.json";
import install from "../../src/i18n/locales/en/install.json";

export function inEnglish(error: unknown): string {
  return errorText(englishI18n(), error);
}

export function questionInEnglish(question: Message | undefined): string {
  return question === undefined ? "" : say(englishI18n(), question);
}

/** The English text of the error a promise rejects with ("" when it resolves). */
export async function rejectionInEnglish(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "";
  } catch (error) {
    return inEnglish(error);
  }
}

let installEnglish: I18n | undefined;

/** English with the install screen's words too (product checks, results), as the install page has them. */
function withInstallWords(): I18n {
  if (!installEnglish) {
    installEnglish = setupI18n({ locale: "en", messages: { en: { ...errors, ...install } } });
    installEnglish.setMessagesCompiler(compileMessage);
  }
  return installEnglish;
}

/** The English of install words core gives (a check, a result) or of an error naming them ("" for none). */
export function installInEnglish(words: Message | Error | undefined): string {
  if (words === undefined) return "";
  return words instanceof Error ? errorText(withInstallWords(), words) : say(withInstallWords(), words);
}

/** The text of an error in another language, from that language's error catalog (as the CLI and app word it). */
export function errorTextIn(locale: "en" | "de" | "zh", error: unknown): string {
  const messages = JSON.parse(
    readFileSync(new URL(`../../src/i18n/locales/${locale}/errors.json`, import.meta.url), "utf8"),
  ) as Record<string, string>;
  const i18n = setupI18n({ locale, messages: { [locale]: messages } });
  i18n.setMessagesCompiler(compileMessage);
  return errorText(i18n, error);
}

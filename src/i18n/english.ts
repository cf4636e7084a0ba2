// English words for Node tests and tools: the error and CLI catalogs imported whole and compiled when first
// used, since nothing builds them ahead here. The CLI loads the user's language (node-i18n.ts); the browser
// edges load one language at a time (browser-i18n.ts).

import { setupI18n, type I18n } from "@lingui/core";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import cli from "./locales/en/cli.json";
import errors from "./locales/en/errors.json";

let english: I18n | undefined;

/** The one English I18n instance, with the error and CLI catalogs. */
export function englishI18n(): I18n {
  if (!english) {
    english = setupI18n({ locale: "en", messages: { en: { ...errors, ...cli } } });
    english.setMessagesCompiler(compileMessage);
  }
  return english;
}

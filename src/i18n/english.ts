// English words for Node (the CLI, tests): the catalogs imported whole and compiled when first used, since
// nothing builds them ahead here. The browser edges load one language at a time (src/i18n/browser-i18n.ts).

import { setupI18n, type I18n } from "@lingui/core";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import errors from "./locales/en/errors.json";

let english: I18n | undefined;

/** The one English I18n instance, with the error catalog (and any others passed the first time). */
export function englishI18n(): I18n {
  if (!english) {
    english = setupI18n({ locale: "en", messages: { en: { ...errors } } });
    english.setMessagesCompiler(compileMessage);
  }
  return english;
}

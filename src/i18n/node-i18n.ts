// Words for Node (the CLI): the language from the environment as POSIX programs pick it (LC_ALL, then
// LC_MESSAGES, then LANG; "C"/"POSIX" and anything we do not speak mean English), and only that language's
// catalogs loaded (each a lazy chunk of the CLI bundle), compiled when first used.

import { type I18n, type Messages, setupI18n } from "@lingui/core";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import { type Locale, DEFAULT_LOCALE, LOCALE_TAGS, matchLocale } from "./locales.js";

type Catalog = { default: Messages };

// One literal import() per file, so the bundler makes one chunk per language.
const LOADERS: Readonly<Record<Locale, () => Promise<readonly Catalog[]>>> = {
  en: () => Promise.all([import("./locales/en/errors.json"), import("./locales/en/cli.json")]),
  de: () => Promise.all([import("./locales/de/errors.json"), import("./locales/de/cli.json")]),
  zh: () => Promise.all([import("./locales/zh/errors.json"), import("./locales/zh/cli.json")]),
};

export type LocaleEnvironment = Readonly<Record<string, string | undefined>>;

/** The language the environment asks for: the first set one of LC_ALL, LC_MESSAGES, LANG ("de_DE.UTF-8" → de). */
export function localeFromEnvironment(env: LocaleEnvironment): Locale {
  const setting = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== "");
  if (setting === undefined) return DEFAULT_LOCALE;
  return matchLocale([setting]);
}

/** An I18n with the error and CLI catalogs of one language. */
export async function loadNodeI18n(locale: Locale): Promise<I18n> {
  const parts = await LOADERS[locale]();
  const messages: Messages = {};
  for (const part of parts) Object.assign(messages, part.default);
  const i18n = setupI18n({ locale: LOCALE_TAGS[locale], messages: { [LOCALE_TAGS[locale]]: messages } });
  i18n.setMessagesCompiler(compileMessage);
  return i18n;
}

// The element's language: its own `lang` (or the nearest ancestor's), else the page's `<html lang>`, else the
// browser's languages, else English. Only that language's words are fetched (one lazy chunk per language,
// vite.embed.config.ts), and since two elements on one page may speak different languages while the web
// code words through the one shared I18n instance, each element renders inside its own language.

import type { Messages } from "@lingui/core";
import { i18n } from "../i18n/browser-i18n.js";
import { LOCALE_TAGS, matchLocale, type Locale } from "../i18n/locales.js";

type Loader = () => Promise<readonly { default: Messages }[]>;

// The element's own loaders (not the app's, which also name the app's and the CLI's catalogs): errors and
// install whole, and of app.json only the link names and their support lines (src/web/capabilities.ts), the
// rest being dropped at build time (vite.embed.config.ts, scripts/package-build.mjs). One literal import()
// per file, so the bundler sees each; vite.embed.config.ts groups a language's files into one chunk.
const LOADERS: Readonly<Record<Locale, Loader>> = {
  en: () =>
    Promise.all([
      import("../i18n/locales/en/errors.json"),
      import("../i18n/locales/en/install.json"),
      import("../i18n/locales/en/app.json"),
    ]),
  de: () =>
    Promise.all([
      import("../i18n/locales/de/errors.json"),
      import("../i18n/locales/de/install.json"),
      import("../i18n/locales/de/app.json"),
    ]),
  zh: () =>
    Promise.all([
      import("../i18n/locales/zh/errors.json"),
      import("../i18n/locales/zh/install.json"),
      import("../i18n/locales/zh/app.json"),
    ]),
};

const loading = new Map<Locale, Promise<void>>();

/** The languages to try, most specific first, for an element on this page. */
export function languagePreferences(element: Element): string[] {
  const own = element.closest("[lang]")?.getAttribute("lang") ?? "";
  const page = document.documentElement.getAttribute("lang") ?? "";
  const browser = navigator.languages?.length > 0 ? navigator.languages : [navigator.language];
  return [own, page, ...browser].map((tag) => tag.trim()).filter((tag) => tag !== "");
}

/**
 * The first preference McuFlash speaks ("de-AT" → de). A page in a language McuFlash lacks defers to the
 * browser's languages before English.
 */
export function elementLocale(element: Element): Locale {
  return matchLocale(languagePreferences(element));
}

/** Fetches one language's words once (later elements in the same language reuse them). */
export function loadWords(locale: Locale): Promise<void> {
  let pending = loading.get(locale);
  if (!pending) {
    pending = LOADERS[locale]().then((parts) => {
      const messages: Messages = {};
      for (const part of parts) Object.assign(messages, part.default);
      i18n.load(LOCALE_TAGS[locale], messages);
      // The first language loaded becomes the active one between renders (each render sets its own).
      if (!i18n.locale) i18n.activate(LOCALE_TAGS[locale]);
    });
    pending.catch(() => loading.delete(locale));
    loading.set(locale, pending);
  }
  return pending;
}

/** Runs `render` with `locale` active (the web code's words and Intl formats follow it), then restores. */
export function inLocale<T>(locale: Locale, render: () => T): T {
  const tag = LOCALE_TAGS[locale];
  const previous = i18n.locale;
  if (previous === tag) return render();
  i18n.activate(tag);
  try {
    return render();
  } finally {
    if (previous) i18n.activate(previous);
  }
}

// The browser's one I18n instance (app and element): loads only the active language's catalogs, each a lazy
// chunk compiled at build time (vite.config.ts, compiledCatalogs), and remembers the user's choice.

import { type Messages, setupI18n } from "@lingui/core";
import { type Locale, type Namespace, LOCALE_TAGS, matchLocale, isLocale } from "./locales.js";

export const i18n = setupI18n();

type Loader = () => Promise<{ default: Messages }>;

// One literal import() per file, so the bundler makes one chunk per language and namespace.
const LOADERS: Readonly<Record<Locale, Readonly<Record<Namespace, Loader>>>> = {
  en: {
    errors: () => import("./locales/en/errors.json"),
    app: () => import("./locales/en/app.json"),
    install: () => import("./locales/en/install.json"),
    cli: () => import("./locales/en/cli.json"),
  },
  de: {
    errors: () => import("./locales/de/errors.json"),
    app: () => import("./locales/de/app.json"),
    install: () => import("./locales/de/install.json"),
    cli: () => import("./locales/de/cli.json"),
  },
  zh: {
    errors: () => import("./locales/zh/errors.json"),
    app: () => import("./locales/zh/app.json"),
    install: () => import("./locales/zh/install.json"),
    cli: () => import("./locales/zh/cli.json"),
  },
};

const STORAGE_KEY = "mcuflash.locale";

/** The language to show: the one chosen in the app before, else the browser's. */
export function preferredLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage may be blocked (private mode, an embedding page's policy): follow the browser.
  }
  return matchLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered; the browser's language applies next time.
  }
}

let activeNamespaces: readonly Namespace[] = [];

/** Loads the namespaces of one language and makes it the active one (re-rendering every I18nProvider). */
export async function activateLocale(locale: Locale, namespaces: readonly Namespace[]): Promise<void> {
  const parts = await Promise.all(namespaces.map((ns) => LOADERS[locale][ns]()));
  const messages: Messages = {};
  for (const part of parts) Object.assign(messages, part.default);
  activeNamespaces = namespaces;
  i18n.load(LOCALE_TAGS[locale], messages);
  i18n.activate(LOCALE_TAGS[locale]);
}

/** The user picked another language: load it (the same namespaces as now), show it, remember it. */
export async function switchLocale(locale: Locale): Promise<void> {
  await activateLocale(locale, activeNamespaces);
  rememberLocale(locale);
  if (typeof document !== "undefined") document.documentElement.lang = LOCALE_TAGS[locale];
}

/** The active language as one of ours ("zh-CN" → zh). */
export function activeLocale(): Locale {
  return matchLocale([i18n.locale]);
}

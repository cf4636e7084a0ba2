// The languages McuFlash speaks and how one is picked from the browser's list (navigator.languages).
// Every catalog lives in src/i18n/locales/<locale>/<namespace>.json; README "Adding a language" says how.

export const LOCALES = ["en", "de", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The catalog namespaces: every edge loads only those it shows (the CLI: errors + cli; the element: errors + install). */
export const NAMESPACES = ["errors", "app", "install", "cli"] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** The BCP 47 tag Intl and the `lang` attribute get for each locale. */
export const LOCALE_TAGS: Readonly<Record<Locale, string>> = { en: "en", de: "de", zh: "zh-CN" };

/** Each language's own name, as a language menu shows it (the same in every language). */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = {
  en: "English",
  de: "Deutsch",
  zh: "简体中文",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The first of the user's preferred languages McuFlash has ("de-AT" → de, "zh-Hans-CN" → zh), else English. */
export function matchLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

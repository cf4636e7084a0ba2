// The language menu in the header: follows the browser until the user picks one, then remembers the choice.
// Each language is named in its own words, so anyone can find theirs.

import { useLingui } from "@lingui/react";
import { activeLocale, switchLocale } from "../../i18n/browser-i18n.js";
import { LANGUAGE_NAMES, LOCALES, LOCALE_TAGS, isLocale } from "../../i18n/locales.js";

export function LanguageSwitch() {
  const { _ } = useLingui();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{_("app.language-switch.label")}</span>
      <select
        value={activeLocale()}
        onChange={(event) => {
          const picked = event.target.value;
          if (isLocale(picked)) void switchLocale(picked);
        }}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={LOCALE_TAGS[locale]}>
            {LANGUAGE_NAMES[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}

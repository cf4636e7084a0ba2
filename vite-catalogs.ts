// Vite plugin: message catalogs (src/i18n/locales/**/*.json, ICU MessageFormat) are compiled to Lingui's
// runtime form at build time, so the browser never ships the MessageFormat parser. Still JSON afterwards,
// so Vite's JSON plugin turns each file into its own lazily loaded chunk as usual.

import { compileMessage } from "@lingui/message-utils/compileMessage";
import type { Plugin } from "vite";

export function compiledCatalogs(): Plugin {
  return {
    name: "mcuflash-compiled-catalogs",
    enforce: "pre",
    transform(code, id) {
      if (!/[\\/]src[\\/]i18n[\\/]locales[\\/][a-z]+[\\/][a-z]+\.json$/.test(id)) return null;
      const messages = JSON.parse(code) as Record<string, string>;
      const compiled = Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, compileMessage(v)]));
      return { code: JSON.stringify(compiled), map: null };
    },
  };
}

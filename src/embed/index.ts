// Entry of the embeddable bundle (vite.embed.config.ts → dist/embed/mcuflash-install.js): defines
// <mcuflash-install> once, whatever the number of script tags that load it. See docs/manifest.md "Embedding".

import { i18n } from "../i18n/browser-i18n.js";
import englishApp from "../i18n/locales/en/app.json";
import englishErrors from "../i18n/locales/en/errors.json";
import { McuflashInstallElement } from "./mcuflash-install.js";
// The links are part of this file, not lazy chunks: the chooser must open within the click's user activation,
// and a vendor hosts one file (plus the demo chunk, fetched only with the `demo` attribute).
import "../transports/web-serial/index.js";
import "../transports/web-bluetooth/index.js";

export { McuflashInstallElement };
export type { ErrorDetail, EmbedStateName, StateChangedDetail } from "./embed-events.js";

// The element still speaks English (its own screens are not in the catalogs yet, see README "Languages"); the
// shared web code words link support and errors from the English catalogs, bundled into this one file.
i18n.load("en", { ...englishErrors, ...englishApp });
i18n.activate("en");

if (!customElements.get("mcuflash-install"))
  customElements.define("mcuflash-install", McuflashInstallElement);

declare global {
  interface HTMLElementTagNameMap {
    "mcuflash-install": McuflashInstallElement;
  }
}

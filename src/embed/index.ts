// Entry of the embeddable bundle (vite.embed.config.ts → dist/embed/mcuflash-install.js): defines
// <mcuflash-install> once, whatever the number of script tags that load it. See docs/manifest.md "Embedding".
// Its words are not in this file: each element fetches its language's chunk (src/embed/embed-words.ts).

import { McuflashInstallElement } from "./mcuflash-install.js";
// The links are part of this file, not lazy chunks: the chooser must open within the click's user activation,
// and a vendor hosts one file (plus the demo chunk, fetched only with the `demo` attribute).
import "../transports/web-serial/index.js";
import "../transports/web-bluetooth/index.js";

export { McuflashInstallElement };
export type { ErrorDetail, EmbedStateName, StateChangedDetail } from "./embed-events.js";

if (!customElements.get("mcuflash-install"))
  customElements.define("mcuflash-install", McuflashInstallElement);

declare global {
  interface HTMLElementTagNameMap {
    "mcuflash-install": McuflashInstallElement;
  }
}

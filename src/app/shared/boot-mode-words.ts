// MCUboot's upgrade mode in the user's words: core's table (boot-modes.ts) names each mode by its key, and the
// app's catalog words it, so the device panel and the report say "swap using scratch", never "1".

import { i18n } from "../../i18n/browser-i18n.js";
import { bootMode, type BootModeKey } from "../../core/device/boot-modes.js";

const WORDS: Readonly<Record<BootModeKey, string>> = {
  "single-slot": "app.boot-mode-words.single-slot",
  "swap-scratch": "app.boot-mode-words.swap-scratch",
  "overwrite-only": "app.boot-mode-words.overwrite-only",
  "swap-move": "app.boot-mode-words.swap-move",
  "direct-xip": "app.boot-mode-words.direct-xip",
  "direct-xip-revert": "app.boot-mode-words.direct-xip-revert",
  "ram-load": "app.boot-mode-words.ram-load",
  "firmware-loader": "app.boot-mode-words.firmware-loader",
  "single-slot-ram-load": "app.boot-mode-words.single-slot-ram-load",
  "swap-offset": "app.boot-mode-words.swap-offset",
};

/** The words for a mode number as the device reported it: -1 is MCUboot's "unknown"; a number the table does
 * not know is shown as such. */
export function bootModeWords(number: number): string {
  if (number === -1) return i18n._("app.boot-mode-words.unknown");
  const mode = bootMode(number);
  return mode ? i18n._(WORDS[mode.key]) : i18n._("app.boot-mode-words.other", { number });
}

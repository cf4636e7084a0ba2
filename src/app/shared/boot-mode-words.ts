// MCUboot's upgrade mode in the user's words: core's table (boot-modes.ts) names each mode by its key, and the
// catalog words it ("boot-mode.<key>" in errors.json, which core's messages name too through `modeKey`), so the
// device panel and the report say "swap using scratch" in the user's language, never "1".

import { i18n } from "../../i18n/browser-i18n.js";
import { bootMode, type BootModeKey } from "../../core/device/boot-modes.js";

const WORDS: Readonly<Record<BootModeKey, string>> = {
  "single-slot": "boot-mode.single-slot",
  "swap-scratch": "boot-mode.swap-scratch",
  "overwrite-only": "boot-mode.overwrite-only",
  "swap-move": "boot-mode.swap-move",
  "direct-xip": "boot-mode.direct-xip",
  "direct-xip-revert": "boot-mode.direct-xip-revert",
  "ram-load": "boot-mode.ram-load",
  "firmware-loader": "boot-mode.firmware-loader",
  "single-slot-ram-load": "boot-mode.single-slot-ram-load",
  "swap-offset": "boot-mode.swap-offset",
};

/** The words for a mode number as the device reported it: -1 is MCUboot's "unknown"; a number the table does
 * not know is shown as such. */
export function bootModeWords(number: number): string {
  if (number === -1) return i18n._("boot-mode.unknown");
  const mode = bootMode(number);
  return mode ? i18n._(WORDS[mode.key]) : i18n._("boot-mode.other", { number });
}

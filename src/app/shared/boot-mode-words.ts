// MCUboot's upgrade mode in the user's words: core's table (boot-modes.ts) names each mode by its catalog key
// ("boot-mode.<key>" in errors.json, which core's messages name too through `modeKey`), so the device panel and
// the report say "swap using scratch" in the user's language, never "1" — the same words the CLI prints.

import { i18n } from "../../i18n/browser-i18n.js";
import { say } from "../../i18n/describe-error.js";
import { bootModeWords as bootModeMessage } from "../../core/device/boot-modes.js";

/** The words for a mode number as the device reported it. */
export function bootModeWords(number: number): string {
  return say(i18n, bootModeMessage(number));
}

// A mistake in how the command was typed: exit code 2, one line saying what was wrong and where the help is.
// The code and its parameters are what --json prints (lists stay arrays); the words are the catalog's
// "error.usage-*" keys (cli.json), with lists joined as the user's language joins them ("a, b or c").

import type { I18n } from "@lingui/core";
import { McuFlashError } from "../core/errors.js";

export type UsageParamValue = string | number | readonly string[];
export type UsageParams = Readonly<Record<string, UsageParamValue>>;

export const USAGE_CODES = [
  "usage-unknown-option",
  "usage-missing-value",
  "usage-unexpected-value",
  "usage-invalid-value",
  "usage-conflicting-options",
  "usage-missing-command",
  "usage-unknown-command",
  "usage-missing-subcommand",
  "usage-unknown-subcommand",
  "usage-missing-argument",
  "usage-extra-argument",
  "usage-no-device",
  "usage-image-not-in-package",
] as const;

export type UsageCode = (typeof USAGE_CODES)[number];

/** How each list parameter is joined: alternatives ("a or b") or a plain enumeration ("a and b"). */
const LIST_STYLE: Readonly<Record<string, "disjunction" | "conjunction">> = {
  options: "disjunction",
  choices: "disjunction",
  available: "conjunction",
};

export class UsageError extends McuFlashError {
  override readonly code: UsageCode;
  override readonly params: UsageParams;

  constructor(code: UsageCode, params: UsageParams = {}) {
    super(code, params);
    this.code = code;
    this.params = params;
  }

  /** The line the CLI prints, in the language of `i18n`. */
  text(i18n: I18n): string {
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(this.params)) {
      if (typeof value === "string" || typeof value === "number") values[name] = value;
      else {
        values[name] = new Intl.ListFormat(i18n.locale, {
          type: LIST_STYLE[name] ?? "conjunction",
        }).format(value);
        values[`${name}Count`] = value.length;
      }
    }
    return i18n._(this.messageKey, values);
  }
}

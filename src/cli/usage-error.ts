// A mistake in how the command was typed: exit code 2, with the usage line to fix it. The CLI speaks English
// only; the wording still goes through the catalog ("error.usage.<variant>", src/i18n/locales/en/errors.json).

import { type ErrorParams, McuFlashError } from "../core/errors.js";

export class UsageError extends McuFlashError {
  /** `variant` names the catalog message; a plain sentence (older call sites) is shown as it is. */
  constructor(variantOrText: string, params: ErrorParams = {}) {
    const isKey = /^[a-z][a-z0-9-]*$/.test(variantOrText);
    super("usage", isKey ? params : { detail: variantOrText }, { variant: isKey ? variantOrText : "detail" });
  }
}

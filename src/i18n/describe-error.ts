// Renders an error (or a question core asks) in the active language: "error.<code>[.<variant>]" and
// "hint.<hint>" from the catalog, with the parameters the error carries. Used by the app, the element and the
// CLI alike; anything that is not a McuFlashError is an unexpected fault and says so.

import type { I18n } from "@lingui/core";
import { type ErrorParams, McuFlashError, type Message } from "../core/errors.js";

export interface DescribedError {
  readonly code: string;
  readonly message: string;
  readonly hint: string | undefined;
}

/**
 * Parameters that name something the catalog words: `command` ("image.upload" → "image upload"), any
 * `<name>Key` holding a catalog key (e.g. `meaningKey` → `meaning`, the words of a device's rc), and a link
 * `label` the transport could not name (a Bluetooth device without a name before it connects): "the device".
 */
export function wordParams(i18n: I18n, params: ErrorParams): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== "string") continue;
    if (name === "label" && value === "") out[name] = i18n._("link.unnamed");
    if (name === "command" && i18n.messages[`command.${value}`] !== undefined)
      out[name] = i18n._(`command.${value}`);
    if (typeof value === "bigint") out[name] = String(value);
  }
  // A worded parameter may name another (`noteKey`'s message names `mode`, which `modeKey` words): a second
  // round words each with the others already worded, whatever order they come in.
  for (let round = 0; round < 2; round++)
    for (const [name, value] of Object.entries(params))
      if (typeof value === "string" && name.endsWith("Key") && name.length > 3)
        out[name.slice(0, -3)] = i18n._(value, out);
  return out;
}

export function say(i18n: I18n, message: Message): string {
  return i18n._(message.key, wordParams(i18n, message.params));
}

export function describeError(i18n: I18n, error: unknown): DescribedError {
  if (error instanceof McuFlashError) {
    const values = wordParams(i18n, error.params);
    // "{cause}" in a message shows what went wrong underneath: our own error in words, or the platform's text.
    if (values.cause === undefined && error.cause !== undefined) values.cause = causeText(i18n, error.cause);
    // "{details}" lists several problems at once (a manifest's wrong fields), each in its own words.
    if (values.details === undefined && error.details.length > 0)
      values.details = error.details.map((detail) => say(i18n, detail)).join(i18n._("list.separator"));
    const message =
      i18n.messages[error.messageKey] !== undefined ? i18n._(error.messageKey, values) : undefined;
    const hintKey = error.hint === undefined ? undefined : `hint.${error.hint}`;
    return {
      code: error.code,
      message: message ?? i18n._("error.untranslated", { code: error.code, detail: error.message }),
      hint:
        hintKey !== undefined && i18n.messages[hintKey] !== undefined ? i18n._(hintKey, values) : undefined,
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: "unexpected",
    message: i18n._("error.unexpected", { detail }),
    hint: i18n._("hint.unexpected"),
  };
}

function causeText(i18n: I18n, cause: unknown): string {
  if (cause instanceof McuFlashError) return describeError(i18n, cause).message;
  return cause instanceof Error ? cause.message : String(cause);
}

/** Message and hint on one line, as a status line or a terminal shows them. */
export function errorText(i18n: I18n, error: unknown): string {
  const { message, hint } = describeError(i18n, error);
  return hint === undefined ? message : `${message} ${hint}`;
}

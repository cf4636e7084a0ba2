// Turns anything thrown into the sentence shown to the user, in the active language: McuFlash errors by their
// code and parameters from the catalog (message, then what to do); anything else as an unexpected fault.

import { errorText as describedText } from "../../i18n/describe-error.js";
import { i18n } from "../../i18n/browser-i18n.js";

export function errorText(error: unknown): string {
  return describedText(i18n, error);
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code: unknown = Reflect.get(error, "code");
  return typeof code === "string" ? code : undefined;
}

export function isAbort(error: unknown): boolean {
  return (error instanceof DOMException && error.name === "AbortError") || errorCode(error) === "cancelled";
}

// Turns anything thrown into the sentence shown to the user. McuFlash errors already carry a message that
// says what happened and what to do; other errors get their message, or a generic line.

export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === "string" && error) return error;
  return "Something went wrong. Reload the page and try again.";
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code: unknown = Reflect.get(error, "code");
  return typeof code === "string" ? code : undefined;
}

export function isAbort(error: unknown): boolean {
  return (error instanceof DOMException && error.name === "AbortError") || errorCode(error) === "cancelled";
}

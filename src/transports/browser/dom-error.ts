// Reading browser rejections (DOMException or Error) without trusting their shape: the name says what kind of
// failure it was, the message carries the browser's own wording, which some failures can only be told apart by.

/** The DOMException (or Error) name of an unknown rejection, "" when there is none. */
export function errorName(error: unknown): string {
  if (typeof error !== "object" || error === null) return "";
  const name: unknown = Reflect.get(error, "name");
  return typeof name === "string" ? name : "";
}

/** The message of an unknown rejection, "" when there is none. */
export function errorMessage(error: unknown): string {
  if (typeof error === "string") return error;
  if (typeof error !== "object" || error === null) return "";
  const message: unknown = Reflect.get(error, "message");
  return typeof message === "string" ? message : "";
}

// The base of every error McuFlash raises: a stable machine code, the parameters its message needs, and the
// underlying cause when there is one. Core builds no sentences: the app, the embed and the CLI render
// "error.<code>[.<variant>]" and "hint.<hint>" from their message catalogs (src/i18n).

/** Values a message may show; formatted (numbers, bytes) by the renderer, not here. */
export type ErrorParam = string | number | bigint | boolean | undefined | readonly string[];
export type ErrorParams = Readonly<Record<string, ErrorParam>>;

/** Words for the user that core asks a question with or reports: a catalog key and its parameters. */
export interface Message {
  readonly key: string;
  readonly params: ErrorParams;
}

/** A catalog key and its parameters: how core says something to a person without choosing the language. */
export function words(key: string, params: ErrorParams = {}): Message {
  return { key, params };
}

/**
 * A message as parameters of another: its own parameters plus `<name>Key`, from which the edges word the
 * outer message's "{name}" placeholder (describe-error.ts, wordParams). Nesting twice needs two names.
 */
export function nestedWords(name: string, message: Message): ErrorParams {
  return { ...message.params, [`${name}Key`]: message.key };
}

/** A Message as language-neutral text (key and parameters), for logs and exported records. */
export function neutralText(text: Message): string {
  return neutralMessage(text.key, undefined, text.params);
}

export interface McuFlashErrorOptions {
  cause?: unknown;
  /** Which wording of the code applies, when one code has several (catalog key "error.<code>.<variant>"). */
  variant?: string | undefined;
  /** What the user should try next: the id of a catalog hint ("hint.<id>"). */
  hint?: string | undefined;
  /** Several things wrong at once (each in words of its own), shown as the message's "{details}". */
  details?: readonly Message[] | undefined;
}

export class McuFlashError extends Error {
  /** Stable identifier (kebab-case) for scripts, tests and the JSON output of the CLI. */
  readonly code: string;
  readonly params: ErrorParams;
  readonly variant: string | undefined;
  readonly hint: string | undefined;
  readonly details: readonly Message[];

  constructor(code: string, params: ErrorParams = {}, options: McuFlashErrorOptions = {}) {
    super(neutralMessage(code, options.variant, params), { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.params = params;
    this.variant = options.variant;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }

  /** The catalog key of this error's message. */
  get messageKey(): string {
    return this.variant === undefined ? `error.${this.code}` : `error.${this.code}.${this.variant}`;
  }
}

/** What an operation the user can cancel was doing; the catalog names it. */
export type CancellableOperation =
  "update" | "upload" | "reconnect" | "request" | "connect" | "send" | "wait" | "download" | "link";

/** The operation was cancelled by the caller (AbortSignal). Never a device or link fault. */
export class CancelledError extends McuFlashError {
  constructor(operation: CancellableOperation, cause?: unknown, params: ErrorParams = {}) {
    super("cancelled", { ...params, operation }, { cause });
  }
}

export function isMcuFlashError(error: unknown): error is McuFlashError {
  return error instanceof McuFlashError;
}

/** A language-neutral message for logs and stack traces: the code and the parameters. */
function neutralMessage(code: string, variant: string | undefined, params: ErrorParams): string {
  const shown = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`);
  const key = variant === undefined ? code : `${code}.${variant}`;
  return shown.length === 0 ? key : `${key} (${shown.join(", ")})`;
}

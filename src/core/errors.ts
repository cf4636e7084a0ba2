// The base of every error McuFlash raises: a stable machine code, a message a technician can act on,
// and the underlying cause when there is one. Subclasses live next to the code that throws them.

export interface McuFlashErrorOptions {
  cause?: unknown;
  /** What the user should try next; appended to the message when given. */
  hint?: string;
}

export class McuFlashError extends Error {
  /** Stable identifier (kebab-case) for scripts, tests and the JSON output of the CLI. */
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: McuFlashErrorOptions = {}) {
    super(options.hint ? `${message} ${options.hint}` : message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
  }
}

/** The operation was cancelled by the caller (AbortSignal). Never a device or link fault. */
export class CancelledError extends McuFlashError {
  constructor(what: string, cause?: unknown) {
    super("cancelled", `${what} was cancelled.`, { cause });
  }
}

export function isMcuFlashError(error: unknown): error is McuFlashError {
  return error instanceof McuFlashError;
}

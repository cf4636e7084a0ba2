// A mistake in how the command was typed: exit code 2, with the usage line to fix it.

export class UsageError extends Error {
  readonly code = "usage";
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

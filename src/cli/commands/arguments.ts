// Checks on a verb's positional arguments, as usage errors with a code and the names the help uses.

import { UsageError } from "../usage-error.js";

export function noArguments(command: string, positionals: readonly string[]): void {
  const [extra] = positionals;
  if (extra !== undefined) {
    throw new UsageError("usage-extra-argument", { argument: extra, command, expected: "none" });
  }
}

/** Exactly the arguments `names` describes (e.g. ["LOCAL", "REMOTE"]), in that order. */
export function exactly(command: string, positionals: readonly string[], names: readonly string[]): string[] {
  const missing = names[positionals.length];
  if (missing !== undefined) throw new UsageError("usage-missing-argument", { argument: missing });
  const extra = positionals[names.length];
  if (extra !== undefined) {
    throw new UsageError("usage-extra-argument", { argument: extra, command, expected: names.join(" ") });
  }
  return [...positionals];
}

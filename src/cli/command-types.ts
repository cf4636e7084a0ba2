// The shape every CLI verb has: it gets its arguments, the global options and the I/O, and returns the value to
// print; errors are thrown and turned into one line and an exit code by run-cli.ts.

import type { CliIo } from "./cli-io.js";
import type { GlobalOptions } from "./global-options.js";

export interface CommandResult {
  /** What `--json` prints (one object). */
  readonly json: unknown;
  /** What a person sees. */
  readonly text: string;
  /** 0 unless the verb itself decided the outcome is a failure (e.g. an image that does not verify). */
  readonly exitCode?: number;
  /** The verb printed its own output as it ran (long-running verbs such as `sim`). */
  readonly printed?: boolean;
}

export interface CliCommand {
  readonly usage: string;
  readonly summary: string;
  run(args: string[], global: GlobalOptions, io: CliIo): Promise<CommandResult>;
}

// The shape every CLI verb has, declared as data: what it takes (positional synopsis, an option table or
// sub-commands with their own tables), one line on what it does and an example — the help text is generated
// from this — and `run`, which gets the parsed arguments and returns the value to print. Errors are thrown and
// turned into one line and an exit code by run-cli.ts.

import type { CliIo } from "./cli-io.js";
import type { GlobalOptions } from "./global-options.js";
import type { OptionTable, ParsedOptions } from "./option-spec.js";

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

/** What one verb (or one sub-command) accepts and how it is described. */
/** `summary`, option `help` and `notes` are catalog keys (cli.json, "cli.help.*"), worded in the user's language. */
export interface CommandSpec<O extends OptionTable = OptionTable> {
  /** The positional part, e.g. "FILE" or "[NAME]" ("" when there is none). */
  readonly synopsis: string;
  readonly summary: string;
  readonly options: O;
  /** Example command lines (without the leading "mcuflash "). */
  readonly examples: readonly string[];
  /** Catalog keys of more lines for the help text (exit codes, notes). */
  readonly notes?: readonly string[];
  /** Works on this computer only (no device): its help leaves out --port, --udp and the like. */
  readonly local?: boolean;
}

export interface Invocation<O extends OptionTable = OptionTable> extends ParsedOptions<O> {
  readonly global: GlobalOptions;
  readonly io: CliIo;
}

export interface SimpleCommand<O extends OptionTable = OptionTable> extends CommandSpec<O> {
  readonly kind: "simple";
  run(call: Invocation<O>): Promise<CommandResult>;
}

export interface Subcommand<O extends OptionTable = OptionTable> extends CommandSpec<O> {
  run(call: Invocation<O>): Promise<CommandResult>;
}

export interface GroupCommand {
  readonly kind: "group";
  readonly summary: string;
  readonly subcommands: Readonly<Record<string, Subcommand>>;
}

export type CliCommand = SimpleCommand | GroupCommand;

/** Declares a verb; the option table's types flow into `run`. */
export function command<O extends OptionTable>(spec: Omit<SimpleCommand<O>, "kind">): CliCommand {
  // Erasing O is safe: the parser builds the values from this same table.
  return { kind: "simple", ...spec } as unknown as CliCommand;
}

export function subcommand<O extends OptionTable>(spec: Subcommand<O>): Subcommand {
  return spec as unknown as Subcommand;
}

export function commandGroup(summary: string, subcommands: Readonly<Record<string, Subcommand>>): CliCommand {
  return { kind: "group", summary, subcommands };
}

// The one command-line parser: `mcuflash [global options] VERB [SUB] [options and arguments]`. Global options
// may also come after the verb (a verb's own option of the same name wins there, e.g. `sim --udp`), `-h` /
// `--help` anywhere before `--` asks for the help of what was named, and everything after `--` is positional.

import type { CliCommand, Invocation, Subcommand } from "./command-types.js";
import {
  GLOBAL_OPTIONS,
  type GlobalOptions,
  type GlobalValues,
  resolveGlobalOptions,
} from "./global-options.js";
import { type OptionTable, type OptionValues, parseOptions } from "./option-spec.js";
import { UsageError } from "./usage-error.js";

export type CommandTable = Readonly<Record<string, CliCommand>>;

export type CommandLine =
  | { readonly kind: "help"; readonly global: GlobalOptions; readonly topic: readonly string[] }
  | { readonly kind: "version"; readonly global: GlobalOptions }
  | {
      readonly kind: "run";
      readonly verb: string;
      readonly global: GlobalOptions;
      readonly target: Subcommand;
      readonly values: OptionValues<OptionTable>;
      readonly positionals: string[];
    };

/** True when `--json` was typed as an option (before any `--`): errors thrown while parsing still use it. */
export function wantsJson(argv: readonly string[]): boolean {
  return ours(argv).includes("--json");
}

export function parseCommandLine(
  argv: readonly string[],
  commands: CommandTable,
  env: Readonly<Record<string, string | undefined>> = process.env,
): CommandLine {
  const at = firstPositional(argv, 0);
  const before = parseOptions(argv.slice(0, at), GLOBAL_OPTIONS, { command: "" });
  const verb = argv[at];
  const helpAsked = ours(argv).some((a) => a === "--help" || a === "-h");
  if (verb === undefined || verb === "--") {
    const global = resolveGlobalOptions(before.values, env);
    if (helpAsked) return { kind: "help", global, topic: [] };
    if (before.values.version) return { kind: "version", global };
    throw new UsageError("usage-missing-command");
  }
  if (verb === "help") {
    const global = resolveGlobalOptions(before.values, env);
    return { kind: "help", global, topic: argv.slice(at + 1).filter((a) => !a.startsWith("-")) };
  }
  const command = Object.hasOwn(commands, verb) ? commands[verb] : undefined;
  if (!command) throw new UsageError("usage-unknown-command", { command: verb });

  let rest = argv.slice(at + 1);
  let target: Subcommand;
  let name = verb;
  if (command.kind === "group") {
    const choices = Object.keys(command.subcommands);
    const subAt = firstPositional(rest, 0);
    const sub = rest[subAt];
    if (sub === undefined || sub === "--") {
      if (helpAsked) return { kind: "help", global: resolveGlobalOptions(before.values, env), topic: [verb] };
      throw new UsageError("usage-missing-subcommand", { command: verb, choices });
    }
    const found = Object.hasOwn(command.subcommands, sub) ? command.subcommands[sub] : undefined;
    if (!found) throw new UsageError("usage-unknown-subcommand", { command: verb, subcommand: sub, choices });
    target = found;
    name = `${verb} ${sub}`;
    rest = [...rest.slice(0, subAt), ...rest.slice(subAt + 1)];
  } else {
    target = command;
  }
  if (helpAsked) {
    return { kind: "help", global: resolveGlobalOptions(before.values, env), topic: name.split(" ") };
  }
  const table: OptionTable = { ...withoutNames(GLOBAL_OPTIONS, target.options), ...target.options };
  const after = parseOptions(rest, table, { command: name });
  const globalAfter = pick(after.values, GLOBAL_OPTIONS, target.options);
  const global = resolveGlobalOptions({ ...before.values, ...globalAfter }, env);
  if (before.values.version || globalAfter.version) return { kind: "version", global };
  // pick keeps the entries parseOptions built from target.options.
  const values = pick(after.values, target.options, {}) as OptionValues<OptionTable>;
  return { kind: "run", verb: name, global, target, values, positionals: after.positionals };
}

/** Runs the parsed verb. */
export function invoke(line: Extract<CommandLine, { kind: "run" }>, io: Invocation["io"]) {
  return line.target.run({ global: line.global, io, values: line.values, positionals: line.positionals });
}

/** The index of the first argument that is neither a global option nor a global option's value. */
function firstPositional(argv: readonly string[], from: number): number {
  let i = from;
  while (i < argv.length) {
    const arg = argv[i] ?? "";
    if (arg === "--" || !arg.startsWith("-") || arg === "-") return i;
    const name = arg.replace(/^--?/, "").split("=")[0] ?? "";
    const spec = Object.hasOwn(GLOBAL_OPTIONS, name)
      ? GLOBAL_OPTIONS[name as keyof typeof GLOBAL_OPTIONS]
      : undefined;
    i += spec?.type === "string" && !arg.includes("=") ? 2 : 1;
  }
  return i;
}

/** The arguments before `--`: the part where options are options. */
function ours(argv: readonly string[]): readonly string[] {
  const end = argv.indexOf("--");
  return end === -1 ? argv : argv.slice(0, end);
}

function withoutNames(table: OptionTable, remove: OptionTable): OptionTable {
  return Object.fromEntries(Object.entries(table).filter(([name]) => !Object.hasOwn(remove, name)));
}

function pick(
  values: object,
  table: OptionTable,
  unless: OptionTable,
): GlobalValues & Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([name]) => Object.hasOwn(table, name) && !Object.hasOwn(unless, name)),
  );
}

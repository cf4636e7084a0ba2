// Options declared as data — one table per verb (and one for the global options) — parsed by node:util's
// parseArgs tokenizer and checked here, so every mistake becomes a UsageError with a code and its parameters,
// and the help text is generated from the same table.

import { parseArgs } from "node:util";
import { UsageError } from "./usage-error.js";

export interface OptionSpec {
  readonly type: "string" | "boolean";
  /** May be given more than once; the values are collected in order. */
  readonly multiple?: boolean;
  /** One-letter alias, e.g. "h" for -h. */
  readonly short?: string;
  /** What the value looks like in help, e.g. "N", "PATH", "HOST:PORT". */
  readonly value?: string;
  /** The catalog key (cli.json, "cli.help.*") of one line: what the option does. */
  readonly help: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S["type"] extends "boolean"
  ? boolean
  : S["multiple"] extends true
    ? string[]
    : string;

/** The parsed values of a table: each option is absent unless given. */
export type OptionValues<O extends OptionTable> = { -readonly [K in keyof O]?: ValueOf<O[K]> };

export interface ParsedOptions<O extends OptionTable> {
  readonly values: OptionValues<O>;
  readonly positionals: string[];
}

/** Where the options were typed: "upload", "fs upload", or "" before any command. */
export interface ParseContext {
  readonly command: string;
}

/**
 * Parses `args` against `table`. A string option takes the next argument unless that looks like an option
 * (`--image --force` is a missing value, not the image "--force"); `--name=value` always works, and
 * everything after `--` is positional.
 */
export function parseOptions<O extends OptionTable>(
  args: readonly string[],
  table: O,
  context: ParseContext,
): ParsedOptions<O> {
  const config = Object.fromEntries(
    Object.entries(table).map(([name, spec]) => [
      name,
      { type: spec.type, ...(spec.short ? { short: spec.short } : {}) },
    ]),
  );
  const { tokens } = parseArgs({
    args: [...args],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean | string[]> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      positionals.push(token.value);
      continue;
    }
    const spec = Object.hasOwn(table, token.name) ? table[token.name] : undefined;
    const option = token.rawName;
    if (!spec) {
      throw new UsageError("usage-unknown-option", { option, command: context.command });
    }
    if (spec.type === "boolean") {
      if (token.value !== undefined) {
        throw new UsageError("usage-unexpected-value", { option, command: context.command });
      }
      values[token.name] = true;
      continue;
    }
    const value = token.value;
    // Nothing left, or parseArgs took the next option as this one's value.
    if (value === undefined || (!token.inlineValue && value.startsWith("-") && value !== "-")) {
      throw new UsageError("usage-missing-value", {
        option,
        value: spec.value ?? "VALUE",
        command: context.command,
      });
    }
    if (spec.multiple) {
      const list = values[token.name];
      values[token.name] = Array.isArray(list) ? [...list, value] : [value];
    } else {
      values[token.name] = value;
    }
  }
  // The values were built from the table's own types just above.
  return { values: values as OptionValues<O>, positionals };
}

/** The option as a user types it: --name VALUE or --name. */
export function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : "";
  return `${short}--${name}${spec.type === "string" ? ` ${spec.value ?? "VALUE"}` : ""}`;
}

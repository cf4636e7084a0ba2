// The CLI's dispatcher: global options, the verb table, help, and the one rule for errors — one line a
// technician understands on stderr, a JSON error object on stdout with --json, and the exit code
// (0 success, 1 device or verification failure, 2 usage error).

import { McuFlashError } from "../core/errors.js";
import { describeError } from "../i18n/describe-error.js";
import { englishI18n } from "../i18n/english.js";
import type { CliIo } from "./cli-io.js";
import type { CliCommand, CommandResult } from "./command-types.js";
import { parseCommandLine } from "./global-options.js";
import { UsageError } from "./usage-error.js";

export type CommandTable = Readonly<Record<string, CliCommand>>;

export async function runCli(argv: readonly string[], io: CliIo, commands: CommandTable): Promise<number> {
  let json = argv.includes("--json");
  let verb: string | undefined;
  try {
    const parsed = parseCommandLine(argv);
    json = parsed.global.json;
    verb = parsed.verb;
    if (verb === undefined || verb === "help") {
      io.stdout(helpText(commands));
      return verb === undefined ? 2 : 0;
    }
    if (verb === "version") {
      io.stdout("mcuflash 0.1.0\n");
      return 0;
    }
    const command = commands[verb];
    if (!command) throw new UsageError(`Unknown command "${verb}". Run 'mcuflash help' for the list.`);
    const result: CommandResult = await command.run(parsed.args, parsed.global, io);
    if (result.printed) return result.exitCode ?? 0;
    if (json) io.stdout(`${JSON.stringify(result.json, jsonReplacer)}\n`);
    else if (result.text) io.stdout(`${result.text}\n`);
    return result.exitCode ?? 0;
  } catch (error) {
    return reportError(error, verb, json, io, commands);
  }
}

function reportError(
  error: unknown,
  verb: string | undefined,
  json: boolean,
  io: CliIo,
  commands: CommandTable,
): number {
  const usage = error instanceof UsageError;
  const described = describeError(englishI18n(), error);
  const code = usage ? "usage" : described.code;
  const prefix = verb ? `mcuflash ${verb}` : "mcuflash";
  const text = described.hint === undefined ? described.message : `${described.message} ${described.hint}`;
  io.stderr(`${prefix}: ${text}\n`);
  const command = verb ? commands[verb] : undefined;
  if (usage && command) io.stderr(`usage: mcuflash [options] ${command.usage}\n`);
  if (!usage && !(error instanceof McuFlashError) && error instanceof Error && error.stack) {
    io.stderr(`(unexpected error; please report it)\n${error.stack}\n`);
  }
  if (json) {
    // Codes and parameters are the stable, language-neutral part; the English words ride along for people.
    const params = error instanceof McuFlashError ? error.params : {};
    const variant = error instanceof McuFlashError ? error.variant : undefined;
    const body = { code, ...(variant === undefined ? {} : { variant }), params, message: text };
    io.stdout(`${JSON.stringify({ error: body }, jsonReplacer)}\n`);
  }
  return usage ? 2 : 1;
}

/** Byte strings print as hex and big integers as numbers when safe, so --json output is plain JSON. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return Array.from(value, (b) => b.toString(16).padStart(2, "0")).join("");
  if (typeof value === "bigint")
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

function helpText(commands: CommandTable): string {
  const verbs = Object.values(commands)
    .map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`)
    .join("\n");
  return `McuFlash: update firmware on MCUboot devices over SMP, verifying the signed image first.

usage: mcuflash [--port PATH [--baud N] | --udp HOST:PORT] [--timeout MS] [--smp-version 1|2] [--json] <command>

commands:
${verbs}

Every command takes --json (one JSON object on stdout). Exit codes: 0 ok, 1 device or verification failure,
2 usage error. MCUFLASH_PORT sets a default --port.
`;
}

// The CLI's dispatcher: parse, help, version, run, and the one rule for errors — one line a technician
// understands on stderr, `{"error":{"code","params"}}` on stdout with --json, and the exit code (0 success,
// 1 device or verification failure, 2 usage error, with a pointer to the help that fits).

import { McuFlashError } from "../core/errors.js";
import { errorText } from "../i18n/describe-error.js";
import type { CliIo } from "./cli-io.js";
import { type CommandTable, invoke, parseCommandLine, wantsJson } from "./command-line.js";
import type { CommandResult } from "./command-types.js";
import { errorJson } from "./error-json.js";
import { topicHelp } from "./help-text.js";
import { UsageError } from "./usage-error.js";
import { MCUFLASH_VERSION } from "./version.js";

export type { CommandTable } from "./command-line.js";

export async function runCli(argv: readonly string[], io: CliIo, commands: CommandTable): Promise<number> {
  let json = wantsJson(argv);
  try {
    const line = parseCommandLine(argv, commands);
    json = line.global.json;
    if (line.kind === "help") {
      io.stdout(topicHelp(io.i18n, commands, line.topic));
      return 0;
    }
    if (line.kind === "version") {
      io.stdout(
        json ? `${JSON.stringify({ version: MCUFLASH_VERSION })}\n` : `mcuflash ${MCUFLASH_VERSION}\n`,
      );
      return 0;
    }
    const result: CommandResult = await invoke(line, io);
    if (result.printed) return result.exitCode ?? 0;
    if (json) io.stdout(`${JSON.stringify(result.json, jsonReplacer)}\n`);
    else if (result.text) io.stdout(`${result.text}\n`);
    return result.exitCode ?? 0;
  } catch (error) {
    return reportError(error, argv, commands, json, io);
  }
}

function reportError(
  error: unknown,
  argv: readonly string[],
  commands: CommandTable,
  json: boolean,
  io: CliIo,
): number {
  const usage = error instanceof UsageError;
  const message = usage ? error.text(io.i18n) : errorText(io.i18n, error);
  const name = commandName(argv, commands);
  const prefix = name ? `mcuflash ${name}` : "mcuflash";
  const pointer = usage ? ` ${io.i18n._("cli.run.help-pointer", { command: prefix })}` : "";
  io.stderr(`${prefix}: ${message}${pointer}\n`);
  if (!(error instanceof McuFlashError) && error instanceof Error && error.stack) {
    io.stderr(`${io.i18n._("cli.run.unexpected-error")}\n${error.stack}\n`);
  }
  if (json) io.stdout(`${JSON.stringify(errorJson(error))}\n`);
  return usage ? 2 : 1;
}

/** "upload", "fs upload" or "" — the command the user named, for the error line and its help pointer. */
function commandName(argv: readonly string[], commands: CommandTable): string {
  const words = argv.filter((a) => !a.startsWith("-"));
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    const command = Object.hasOwn(commands, word) ? commands[word] : undefined;
    if (!command) continue;
    const sub = words[i + 1];
    return command.kind === "group" && sub !== undefined && Object.hasOwn(command.subcommands, sub)
      ? `${word} ${sub}`
      : word;
  }
  return "";
}

/** Byte strings print as hex and big integers as numbers when safe, so --json output is plain JSON. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return Array.from(value, (b) => b.toString(16).padStart(2, "0")).join("");
  if (typeof value === "bigint")
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

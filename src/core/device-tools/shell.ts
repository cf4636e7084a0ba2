// Running a command in the device's shell (Zephyr "SMP group 9"): the command line as argv words, answered
// with what the command printed (`o`) and its return code (`ret`; Zephyr's legacy option sends `rc`, which the
// command definition already maps). Also the two text jobs around it: splitting a typed line into words with
// shell-like quoting, and cleaning the output (ANSI colours, CRLF) for places that cannot show them.

import { shellExec, type SmpClient } from "../smp/index.js";
import { type ToolRequestOptions, requestOptions } from "./device-support.js";
import { DeviceToolError } from "./errors.js";

export interface ShellResult {
  readonly argv: readonly string[];
  /** Exactly what the device sent (may hold ANSI colour codes and \r\n). */
  readonly output: string;
  /** The command's own return code: 0 is success. Not an SMP error. */
  readonly returnCode: number;
}

/** Some shell commands (flash erase, network) take a while before they answer. */
export const SHELL_TIMEOUT_MS = 15_000;

/** Runs one command; `command` is a typed line (split with splitCommandLine) or the words themselves. */
export async function runShellCommand(
  client: SmpClient,
  command: string | readonly string[],
  options: ToolRequestOptions = {},
): Promise<ShellResult> {
  const argv = typeof command === "string" ? splitCommandLine(command) : [...command];
  if (argv.length === 0) {
    throw new DeviceToolError("shell-empty-command", {}, { hint: "shell-empty-command" });
  }
  const response = await client.request(
    shellExec,
    { argv },
    { timeoutMs: SHELL_TIMEOUT_MS, ...requestOptions(options) },
  );
  return { argv, output: response.o, returnCode: response.ret };
}

/**
 * Splits a command line into words: blanks separate words; 'single quotes' keep everything literal; "double
 * quotes" keep blanks and honour \" and \\; a backslash outside quotes escapes the next character.
 * Throws DeviceToolError "shell-unterminated-quote" for an unclosed quote.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === "\\" && (line.charAt(i + 1) === '"' || line.charAt(i + 1) === "\\"))
        word += line.charAt(++i);
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < line.length) {
      word += line.charAt(++i);
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== undefined) {
    throw new DeviceToolError("shell-unterminated-quote", { quote }, { hint: "shell-unterminated-quote" });
  }
  if (inWord) words.push(word);
  return words;
}

/** Quotes words so splitCommandLine gives them back: for history and for showing what was run. */
export function joinCommandLine(argv: readonly string[]): string {
  return argv
    .map((w) => (w !== "" && /^[^\s'"\\]+$/.test(w) ? w : `'${w.replace(/'/g, `'"'"'`)}'`))
    .join(" ");
}

// CSI sequences (colours, cursor moves) and the two-character escapes Zephyr's shell may emit.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g;

/** The output as plain text: escape sequences removed, \r\n and lone \r turned into \n. */
export function plainShellOutput(output: string): string {
  return output.replace(ANSI, "").replace(/\r\n?/g, "\n");
}

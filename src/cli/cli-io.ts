// What the CLI touches of the outside world, passed in so commands run in-process in tests.

import { readFile, writeFile } from "node:fs/promises";
import type { I18n } from "@lingui/core";
import { loadNodeI18n, localeFromEnvironment } from "../i18n/node-i18n.js";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  /** True when stderr is a terminal (progress bars are drawn only then). */
  readonly interactive: boolean;
  /** Resolves when the user interrupts (Ctrl+C); commands use it to cancel cleanly. */
  readonly interrupt: AbortSignal;
  /** The user's language (LC_ALL, LC_MESSAGES, LANG): what every line for a person is worded in. */
  readonly i18n: I18n;
}

export async function nodeIo(): Promise<CliIo> {
  const i18n = await loadNodeI18n(localeFromEnvironment(process.env));
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort(new Error("interrupted")));
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: async (path) => new Uint8Array(await readFile(path)),
    writeFile: (path, data) => writeFile(path, data),
    interactive: process.stderr.isTTY === true,
    interrupt: controller.signal,
    i18n,
  };
}

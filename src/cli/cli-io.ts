// What the CLI touches of the outside world, passed in so commands run in-process in tests.

import { readFile, writeFile } from "node:fs/promises";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  /** True when stderr is a terminal (progress bars are drawn only then). */
  readonly interactive: boolean;
  /** Resolves when the user interrupts (Ctrl+C); commands use it to cancel cleanly. */
  readonly interrupt: AbortSignal;
}

export function nodeIo(): CliIo {
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort(new Error("interrupted")));
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: async (path) => new Uint8Array(await readFile(path)),
    writeFile: (path, data) => writeFile(path, data),
    interactive: process.stderr.isTTY === true,
    interrupt: controller.signal,
  };
}

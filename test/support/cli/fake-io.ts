// An in-memory CliIo for running CLI verbs in-process.
import type { I18n } from "@lingui/core";
import { readFile } from "node:fs/promises";
import type { CliIo } from "../../../src/cli/cli-io.js";
import { englishI18n } from "../../../src/i18n/english.js";

export interface CapturedIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

export function captureIo(
  options: { interactive?: boolean; signal?: AbortSignal; i18n?: I18n } = {},
): CapturedIo {
  let out = "";
  let err = "";
  return {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    readFile: async (path) => new Uint8Array(await readFile(path)),
    writeFile: async () => undefined,
    interactive: options.interactive ?? false,
    interrupt: options.signal ?? new AbortController().signal,
    i18n: options.i18n ?? englishI18n(),
    out: () => out,
    err: () => err,
  };
}

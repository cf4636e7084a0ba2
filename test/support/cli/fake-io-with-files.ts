// A CliIo for running verbs in-process: captured stdout/stderr and an in-memory file system.

import type { I18n } from "@lingui/core";
import type { CliIo } from "../../../src/cli/cli-io.js";
import { englishI18n } from "../../../src/i18n/english.js";

export interface MemoryIo extends CliIo {
  readonly files: Map<string, Uint8Array>;
  out(): string;
  err(): string;
  /** stdout parsed as the one JSON object --json prints. */
  json(): unknown;
}

export function memoryIo(
  options: { interactive?: boolean; files?: Record<string, Uint8Array>; i18n?: I18n } = {},
): MemoryIo {
  let out = "";
  let err = "";
  const files = new Map(Object.entries(options.files ?? {}));
  return {
    files,
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    readFile: (path) => {
      const data = files.get(path);
      return data ? Promise.resolve(data.slice()) : Promise.reject(new Error(`ENOENT: ${path}`));
    },
    writeFile: (path, data) => {
      if (path.startsWith("/unwritable/")) return Promise.reject(new Error(`EACCES: ${path}`));
      files.set(path, typeof data === "string" ? new TextEncoder().encode(data) : data.slice());
      return Promise.resolve();
    },
    interactive: options.interactive ?? false,
    interrupt: new AbortController().signal,
    i18n: options.i18n ?? englishI18n(),
    out: () => out,
    err: () => err,
    json: () => JSON.parse(out) as unknown,
  };
}

// What the device-tool verbs share: reading and writing the local files they name (with errors a technician
// can act on), a progress line for transfers on an interactive stderr, and splitting "verb sub ...".

import { McuFlashError } from "../../core/errors.js";
import type { TransferProgress } from "../../core/device-tools/index.js";
import type { CliIo } from "../cli-io.js";
import type { GlobalOptions } from "../global-options.js";
import { renderProgress } from "../progress-bar.js";
import { UsageError } from "../usage-error.js";

/** A file on this computer could not be read or written. */
export class LocalFileError extends McuFlashError {}

export async function readLocalFile(io: CliIo, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (error) {
    throw new LocalFileError(
      "local-file-unreadable",
      { path },
      { hint: "local-file-unreadable", cause: error },
    );
  }
}

export async function writeLocalFile(io: CliIo, path: string, data: Uint8Array): Promise<void> {
  try {
    await io.writeFile(path, data);
  } catch (error) {
    throw new LocalFileError(
      "local-file-unwritable",
      { path },
      { hint: "local-file-unwritable", cause: error },
    );
  }
}

/** Draws transfer progress on stderr when it is a terminal and output is not --json; `done` clears the line. */
export function progressLine(
  global: GlobalOptions,
  io: CliIo,
): { readonly onProgress: (p: TransferProgress) => void; done(): void } {
  const draw = io.interactive && !global.json;
  let last = 0;
  let drawn = false;
  return {
    onProgress(p) {
      if (!draw) return;
      const now = Date.now();
      if (now - last < 100 && p.bytes < p.total) return;
      last = now;
      drawn = true;
      io.stderr(`\r\x1b[K${renderProgress(p)}`);
    },
    done() {
      if (drawn) io.stderr("\r\x1b[K");
    },
  };
}

/** The sub-command word and what follows it; a usage error naming the choices when it is missing or unknown. */
export function subcommand<S extends string>(
  verb: string,
  args: readonly string[],
  choices: readonly S[],
): [S, string[]] {
  const [word, ...rest] = args;
  const choice = choices.find((c) => c === word);
  if (choice === undefined) {
    throw new UsageError(
      word === undefined
        ? `${verb} needs a sub-command: ${choices.join(", ")}.`
        : `${verb} has no sub-command "${word}"; use one of ${choices.join(", ")}.`,
    );
  }
  return [choice, rest];
}

/** Exactly `count` positionals, or a usage error saying what is expected. */
export function positionalsExactly(
  positionals: readonly string[],
  names: readonly string[],
  what: string,
): string[] {
  if (positionals.length !== names.length) {
    throw new UsageError(
      `${what} takes ${names.join(" ")}; got ${positionals.length === 0 ? "nothing" : positionals.join(" ")}.`,
    );
  }
  return [...positionals];
}

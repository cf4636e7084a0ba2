// What the device-tool verbs share: the local files they name (local-file.ts) and a progress line for
// transfers on an interactive stderr.

import type { TransferProgress } from "../../core/device-tools/index.js";
import type { CliIo } from "../cli-io.js";
export { LocalFileError, readLocalFile, writeLocalFile } from "../local-file.js";
import type { GlobalOptions } from "../global-options.js";
import { renderProgress } from "../progress-bar.js";

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
      io.stderr(`\r\x1b[K${renderProgress(io.i18n, p)}`);
    },
    done() {
      if (drawn) io.stderr("\r\x1b[K");
    },
  };
}

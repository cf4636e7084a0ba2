// Wires `mcuflash image inspect ...` (src/cli/image-command.ts, which needs no device) into the verb table.

import type { CliCommand } from "../command-types.js";
import { runImageCommand } from "../image-command.js";

export const imageCommand: CliCommand = {
  usage: "image inspect FILE [--key KEYFILE]...",
  summary: "verify an image locally (no device): hash, signature, header, TLVs",
  async run(args, global, io) {
    let out = "";
    const exitCode = await runImageCommand(global.json ? [...args, "--json"] : args, {
      stdout: (s) => (out += s),
      stderr: io.stderr,
      readFile: io.readFile,
    });
    const text = out.replace(/\n$/, "");
    return { json: global.json && text ? (JSON.parse(text) as unknown) : null, text, exitCode };
  },
};

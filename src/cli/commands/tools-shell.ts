// `mcuflash shell exec -- CMD...`: runs one command in the device's shell and prints its output; the exit code
// is 1 when the command's own return code is not 0 (both are in --json).

import { plainShellOutput, runShellCommand } from "../../core/device-tools/index.js";
import type { CliCommand } from "../command-types.js";
import { withDevice } from "../device-context.js";
import { UsageError } from "../usage-error.js";
import { subcommand } from "./tools-support.js";

export const shellCommand: CliCommand = {
  usage: "shell exec -- CMD...",
  summary: "run a command in the device's shell; prints its output (exit 1 if it returns non-zero)",
  async run(args, global, io) {
    const [, rest] = subcommand("shell", args, ["exec"] as const);
    // Everything after "exec" is the command, options included (put "--" first so the CLI leaves them alone).
    const argv = rest[0] === "--" ? rest.slice(1) : rest;
    if (argv.length === 0)
      throw new UsageError("shell exec needs a command: mcuflash shell exec -- kernel version");
    const result = await withDevice(global, io, ({ client }) =>
      runShellCommand(client, argv, { signal: io.interrupt }),
    );
    const text = plainShellOutput(result.output).replace(/^\n/, "").replace(/\n$/, "");
    if (result.returnCode !== 0 && !global.json) io.stderr(`(the command returned ${result.returnCode})\n`);
    return {
      json: { argv: result.argv, output: result.output, returnCode: result.returnCode },
      text,
      exitCode: result.returnCode === 0 ? 0 : 1,
    };
  },
};

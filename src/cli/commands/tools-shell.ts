// `mcuflash shell exec -- CMD...`: runs one command in the device's shell and prints its output; the exit code
// is 1 when the command's own return code is not 0 (both are in --json).

import { plainShellOutput, runShellCommand } from "../../core/device-tools/index.js";
import { commandGroup, subcommand } from "../command-types.js";
import { withDevice } from "../device-context.js";
import { UsageError } from "../usage-error.js";

export const shellCommand = commandGroup("cli.help.shell.summary", {
  exec: subcommand({
    synopsis: "-- CMD...",
    summary: "cli.help.shell.exec.summary",
    options: {},
    examples: ["--port /dev/ttyACM0 shell exec -- kernel version"],
    notes: ["cli.help.shell.exec.notes"],
    async run({ positionals, global, io }) {
      if (positionals.length === 0) throw new UsageError("usage-missing-argument", { argument: "CMD" });
      const result = await withDevice(global, io, ({ client }) =>
        runShellCommand(client, positionals, { signal: io.interrupt }),
      );
      const text = plainShellOutput(result.output).replace(/^\n/, "").replace(/\n$/, "");
      if (result.returnCode !== 0 && !global.json)
        io.stderr(`${io.i18n._("cli.shell.returned", { code: result.returnCode })}\n`);
      return {
        json: { argv: result.argv, output: result.output, returnCode: result.returnCode },
        text,
        exitCode: result.returnCode === 0 ? 0 : 1,
      };
    },
  }),
});

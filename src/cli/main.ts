// `mcuflash` entry point (bin/mcuflash.js loads it through tsx).

import { nodeIo } from "./cli-io.js";
import { COMMANDS } from "./commands/index.js";
import { runCli } from "./run-cli.js";

const io = await nodeIo();
process.exitCode = await runCli(process.argv.slice(2), io, COMMANDS);

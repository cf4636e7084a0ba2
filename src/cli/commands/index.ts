// The verb table of the CLI.

import type { CommandTable } from "../run-cli.js";
import {
  echoCommand,
  infoCommand,
  listCommand,
  paramsCommand,
  statsCommand,
  taskstatCommand,
} from "./device-info-commands.js";
import { imageCommand } from "./image-inspect-command.js";
import { resetCommand } from "./reset-command.js";
import { confirmCommand, eraseCommand, testCommand } from "./image-state-commands.js";
import { demoImageCommand, simCommand } from "./sim-command.js";
import { TOOLS_COMMANDS } from "./tools-index.js";
import { uploadCommand } from "./upload-command.js";

export const COMMANDS: CommandTable = {
  echo: echoCommand,
  params: paramsCommand,
  info: infoCommand,
  reset: resetCommand,
  list: listCommand,
  taskstat: taskstatCommand,
  stats: statsCommand,
  image: imageCommand,
  upload: uploadCommand,
  test: testCommand,
  confirm: confirmCommand,
  erase: eraseCommand,
  sim: simCommand,
  "demo-image": demoImageCommand,
  ...TOOLS_COMMANDS,
};

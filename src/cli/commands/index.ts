// The verb table of the CLI.

import type { CommandTable } from "../run-cli.js";
import {
  echoCommand,
  infoCommand,
  listCommand,
  paramsCommand,
  resetCommand,
  statsCommand,
  taskstatCommand,
} from "./device-info-commands.js";

export const COMMANDS: CommandTable = {
  echo: echoCommand,
  params: paramsCommand,
  info: infoCommand,
  reset: resetCommand,
  list: listCommand,
  taskstat: taskstatCommand,
  stats: statsCommand,
};

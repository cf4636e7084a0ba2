// The device-tool verbs, for the lead to merge into the CLI's verb table (commands/index.ts).

import type { CliCommand } from "../command-types.js";
import { fsCommand } from "./tools-fs.js";
import { datetimeCommand, enumCommand, mpstatCommand } from "./tools-os.js";
import { settingsCommand } from "./tools-settings.js";
import { shellCommand } from "./tools-shell.js";

export const TOOLS_COMMANDS: Record<string, CliCommand> = {
  fs: fsCommand,
  shell: shellCommand,
  settings: settingsCommand,
  datetime: datetimeCommand,
  mpstat: mpstatCommand,
  enum: enumCommand,
};

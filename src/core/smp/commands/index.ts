// Every SMP command McuFlash knows, by group, and lookups by (group, id, op).

import type { AnySmpCommand, SmpOpKind } from "../command.js";
import { ENUM_COMMANDS } from "./enumeration.js";
import { FS_COMMANDS } from "./fs.js";
import { IMAGE_COMMANDS } from "./image.js";
import { OS_COMMANDS } from "./os.js";
import { SETTINGS_COMMANDS } from "./settings.js";
import { SHELL_COMMANDS } from "./shell.js";
import { STATS_COMMANDS } from "./stats.js";
import { ZEPHYR_COMMANDS } from "./zephyr.js";

export * from "./enumeration.js";
export * from "./fs.js";
export * from "./image.js";
export * from "./os.js";
export * from "./settings.js";
export * from "./shell.js";
export * from "./stats.js";
export * from "./zephyr.js";

export const SMP_COMMANDS: readonly AnySmpCommand[] = [
  ...OS_COMMANDS,
  ...IMAGE_COMMANDS,
  ...STATS_COMMANDS,
  ...SETTINGS_COMMANDS,
  ...FS_COMMANDS,
  ...SHELL_COMMANDS,
  ...ENUM_COMMANDS,
  ...ZEPHYR_COMMANDS,
];

export function findCommand(group: number, id: number, op: SmpOpKind): AnySmpCommand | undefined {
  return SMP_COMMANDS.find((c) => c.group === group && c.id === id && c.op === op);
}

export function findCommandByName(name: string): AnySmpCommand | undefined {
  return SMP_COMMANDS.find((c) => c.name === name);
}

// Help texts, generated from the same declarations the parser reads: the overview (`mcuflash --help`), a
// verb's usage (`mcuflash upload --help`, `mcuflash help upload`) and a sub-command's (`mcuflash fs upload -h`).

import type { CommandTable } from "./command-line.js";
import type { CommandSpec, GroupCommand } from "./command-types.js";
import { GLOBAL_OPTIONS } from "./global-options.js";
import { type OptionTable, optionLabel } from "./option-spec.js";
import { UsageError } from "./usage-error.js";

const HELP_OPTION: OptionTable = { help: GLOBAL_OPTIONS.help };
const DEVICE_OPTIONS = ["port", "baud", "udp", "timeout", "smp-version", "json"] as const;

export function overviewHelp(commands: CommandTable): string {
  const rows = Object.entries(commands).map(([verb, command]) => [verb, command.summary] as const);
  return [
    "McuFlash: update firmware on MCUboot devices over SMP, verifying the signed image first.",
    "",
    "usage: mcuflash [global options] COMMAND [options]",
    "       mcuflash COMMAND --help      (or: mcuflash help COMMAND) for a command's own usage",
    "",
    "commands:",
    ...columns(rows),
    "",
    "global options (before or after the command):",
    ...optionLines(GLOBAL_OPTIONS),
    "",
    "Exit codes: 0 ok, 1 device or verification failure, 2 usage error.",
    "",
  ].join("\n");
}

/** The help for `topic` (["upload"], ["fs"], ["fs", "upload"]); a usage error when it names nothing. */
export function topicHelp(commands: CommandTable, topic: readonly string[]): string {
  const [verb, sub] = topic;
  if (verb === undefined) return overviewHelp(commands);
  const command = Object.hasOwn(commands, verb) ? commands[verb] : undefined;
  if (!command) throw new UsageError("usage-unknown-command", { command: verb });
  if (command.kind === "simple") return specHelp(verb, command);
  if (sub === undefined) return groupHelp(verb, command);
  const spec = Object.hasOwn(command.subcommands, sub) ? command.subcommands[sub] : undefined;
  if (!spec) {
    const choices = Object.keys(command.subcommands);
    throw new UsageError("usage-unknown-subcommand", { command: verb, subcommand: sub, choices });
  }
  return specHelp(`${verb} ${sub}`, spec);
}

function specHelp(name: string, spec: CommandSpec): string {
  const hasOptions = Object.keys(spec.options).length > 0;
  const synopsis = [`mcuflash ${name}`, spec.synopsis, hasOptions ? "[options]" : ""].filter(Boolean);
  return [
    `usage: ${synopsis.join(" ")}`,
    "",
    `${capitalise(spec.summary)}.`,
    "",
    "options:",
    ...optionLines({ ...spec.options, ...HELP_OPTION }),
    "",
    "global options:",
    ...optionLines(
      Object.fromEntries(
        (spec.local ? (["json"] as const) : DEVICE_OPTIONS).map((n) => [n, GLOBAL_OPTIONS[n]]),
      ),
    ),
    ...(spec.notes?.length ? ["", ...spec.notes] : []),
    "",
    spec.examples.length > 1 ? "examples:" : "example:",
    ...spec.examples.map((e) => `  mcuflash ${e}`),
    "",
  ].join("\n");
}

function groupHelp(verb: string, group: GroupCommand): string {
  const rows = Object.entries(group.subcommands).map(
    ([sub, spec]) => [`${sub} ${spec.synopsis}`.trim(), spec.summary] as const,
  );
  const first = Object.entries(group.subcommands)[0];
  return [
    `usage: mcuflash ${verb} SUB-COMMAND [options]`,
    "",
    `${capitalise(group.summary)}.`,
    "",
    "sub-commands:",
    ...columns(rows),
    "",
    `Run 'mcuflash ${verb} SUB-COMMAND --help' for a sub-command's options.`,
    ...(first ? ["", "example:", ...first[1].examples.map((e) => `  mcuflash ${e}`)] : []),
    "",
  ].join("\n");
}

function optionLines(table: OptionTable): string[] {
  return columns(Object.entries(table).map(([name, spec]) => [optionLabel(name, spec), spec.help] as const));
}

function columns(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.min(30, Math.max(...rows.map(([left]) => left.length)));
  return rows.map(([left, right]) =>
    left.length > width ? `  ${left}\n  ${" ".repeat(width)}  ${right}` : `  ${left.padEnd(width)}  ${right}`,
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

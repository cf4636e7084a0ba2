// Help texts, generated from the same declarations the parser reads: the overview (`mcuflash --help`), a
// verb's usage (`mcuflash upload --help`, `mcuflash help upload`) and a sub-command's (`mcuflash fs upload -h`).
// The declarations hold catalog keys ("cli.help.*"); the words come from cli.json in the user's language.

import type { I18n } from "@lingui/core";
import type { CommandTable } from "./command-line.js";
import type { CommandSpec, GroupCommand } from "./command-types.js";
import { width } from "./format.js";
import { GLOBAL_OPTIONS } from "./global-options.js";
import { type OptionTable, optionLabel } from "./option-spec.js";
import { UsageError } from "./usage-error.js";

const HELP_OPTION: OptionTable = { help: GLOBAL_OPTIONS.help };
const DEVICE_OPTIONS = ["port", "baud", "udp", "timeout", "smp-version", "json"] as const;

export function overviewHelp(i18n: I18n, commands: CommandTable): string {
  const rows = Object.entries(commands).map(([verb, command]) => [verb, i18n._(command.summary)] as const);
  return [
    i18n._("cli.help-text.tagline"),
    "",
    i18n._("cli.help-text.overview-usage"),
    "",
    i18n._("cli.help-text.commands"),
    ...columns(rows),
    "",
    i18n._("cli.help-text.global-options-anywhere"),
    ...optionLines(i18n, GLOBAL_OPTIONS),
    "",
    i18n._("cli.help-text.exit-codes"),
    "",
  ].join("\n");
}

/** The help for `topic` (["upload"], ["fs"], ["fs", "upload"]); a usage error when it names nothing. */
export function topicHelp(i18n: I18n, commands: CommandTable, topic: readonly string[]): string {
  const [verb, sub] = topic;
  if (verb === undefined) return overviewHelp(i18n, commands);
  const command = Object.hasOwn(commands, verb) ? commands[verb] : undefined;
  if (!command) throw new UsageError("usage-unknown-command", { command: verb });
  if (command.kind === "simple") return specHelp(i18n, verb, command);
  if (sub === undefined) return groupHelp(i18n, verb, command);
  const spec = Object.hasOwn(command.subcommands, sub) ? command.subcommands[sub] : undefined;
  if (!spec) {
    const choices = Object.keys(command.subcommands);
    throw new UsageError("usage-unknown-subcommand", { command: verb, subcommand: sub, choices });
  }
  return specHelp(i18n, `${verb} ${sub}`, spec);
}

function specHelp(i18n: I18n, name: string, spec: CommandSpec): string {
  const hasOptions = Object.keys(spec.options).length > 0;
  const synopsis = [
    `mcuflash ${name}`,
    spec.synopsis,
    hasOptions ? i18n._("cli.help-text.options-placeholder") : "",
  ];
  return [
    i18n._("cli.help-text.usage", { synopsis: synopsis.filter(Boolean).join(" ") }),
    "",
    sentence(i18n, i18n._(spec.summary)),
    "",
    i18n._("cli.help-text.options"),
    ...optionLines(i18n, { ...spec.options, ...HELP_OPTION }),
    "",
    i18n._("cli.help-text.global-options"),
    ...optionLines(
      i18n,
      Object.fromEntries(
        (spec.local ? (["json"] as const) : DEVICE_OPTIONS).map((n) => [n, GLOBAL_OPTIONS[n]]),
      ),
    ),
    ...(spec.notes?.length ? ["", ...spec.notes.map((note) => i18n._(note))] : []),
    "",
    i18n._("cli.help-text.examples", { count: spec.examples.length }),
    ...spec.examples.map((e) => `  mcuflash ${e}`),
    "",
  ].join("\n");
}

function groupHelp(i18n: I18n, verb: string, group: GroupCommand): string {
  const rows = Object.entries(group.subcommands).map(
    ([sub, spec]) => [`${sub} ${spec.synopsis}`.trim(), i18n._(spec.summary)] as const,
  );
  const first = Object.entries(group.subcommands)[0];
  return [
    i18n._("cli.help-text.group-usage", { verb }),
    "",
    sentence(i18n, i18n._(group.summary)),
    "",
    i18n._("cli.help-text.sub-commands"),
    ...columns(rows),
    "",
    i18n._("cli.help-text.sub-command-help", { verb }),
    ...(first
      ? [
          "",
          i18n._("cli.help-text.examples", { count: 1 }),
          ...first[1].examples.map((e) => `  mcuflash ${e}`),
        ]
      : []),
    "",
  ].join("\n");
}

function optionLines(i18n: I18n, table: OptionTable): string[] {
  return columns(
    Object.entries(table).map(([name, spec]) => [optionLabel(name, spec), i18n._(spec.help)] as const),
  );
}

function columns(rows: readonly (readonly [string, string])[]): string[] {
  const widest = Math.min(30, Math.max(...rows.map(([left]) => width(left))));
  return rows.map(([left, right]) =>
    width(left) > widest
      ? `  ${left}\n  ${" ".repeat(widest)}  ${right}`
      : `  ${left}${" ".repeat(widest - width(left))}  ${right}`,
  );
}

/** A summary as a sentence: capital first letter and the language's full stop. */
function sentence(i18n: I18n, text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  if (/[.。!?！？]$/.test(capital)) return capital;
  return `${capital}${i18n.locale.startsWith("zh") ? "。" : "."}`;
}

// `mcuflash settings read|write|delete KEY [VALUE]` and `settings commit|load|save`. Values print as text when
// they are printable UTF-8, else as 0x-hex; VALUE is text, or hex when it starts with 0x (--text / --hex force).

import {
  commitSettings,
  deleteSetting,
  displaySettingValue,
  loadSettings,
  parseSettingValue,
  readSetting,
  saveSettings,
  writeSetting,
} from "../../core/device-tools/index.js";
import { toHex } from "../../core/bytes.js";
import type { CliCommand, CommandResult } from "../command-types.js";
import { withDevice } from "../device-context.js";
import type { CliIo } from "../cli-io.js";
import { positiveInt, type GlobalOptions } from "../global-options.js";
import { UsageError } from "../usage-error.js";
import { parseVerbArgs } from "../verb-args.js";
import { positionalsExactly, subcommand } from "./tools-support.js";

const SUBCOMMANDS = ["read", "write", "delete", "commit", "load", "save"] as const;

export const settingsCommand: CliCommand = {
  usage: "settings read KEY [--hex] | write KEY VALUE [--text|--hex] | delete KEY | commit | load | save",
  summary: "read, write or delete a setting; commit, load or save all settings",
  async run(args, global, io) {
    const [sub, rest] = subcommand("settings", args, SUBCOMMANDS);
    switch (sub) {
      case "read":
        return read(rest, global, io);
      case "write":
        return write(rest, global, io);
      case "delete":
        return remove(rest, global, io);
      case "commit":
      case "load":
      case "save":
        return whole(sub, rest, global, io);
    }
  },
};

async function read(args: string[], global: GlobalOptions, io: CliIo): Promise<CommandResult> {
  const { values, positionals } = parseVerbArgs(args, {
    hex: { type: "boolean" },
    "max-size": { type: "string" },
  });
  const [name = ""] = positionalsExactly(positionals, ["KEY"], "settings read");
  const maxSize =
    values["max-size"] === undefined ? undefined : positiveInt("--max-size", values["max-size"]);
  const setting = await withDevice(global, io, ({ client }) =>
    readSetting(client, name, { signal: io.interrupt, ...(maxSize !== undefined ? { maxSize } : {}) }),
  );
  const shown = values.hex ? { encoding: "hex", text: `0x${toHex(setting.value)}` } : setting.display;
  const cut =
    setting.truncatedTo !== undefined ? ` (cut to the device's maximum of ${setting.truncatedTo} bytes)` : "";
  return {
    json: {
      name,
      encoding: shown.encoding,
      value: shown.text,
      hex: toHex(setting.value),
      ...(setting.truncatedTo !== undefined ? { truncatedTo: setting.truncatedTo } : {}),
    },
    text: `${shown.text}${cut}`,
  };
}

async function write(args: string[], global: GlobalOptions, io: CliIo): Promise<CommandResult> {
  const { values, positionals } = parseVerbArgs(args, {
    text: { type: "boolean" },
    hex: { type: "boolean" },
  });
  const [name = "", input = ""] = positionalsExactly(positionals, ["KEY", "VALUE"], "settings write");
  if (values.text && values.hex) throw new UsageError("Give --text or --hex, not both.");
  const value = parseSettingValue(input, values.text ? "text" : values.hex ? "hex" : "auto");
  await withDevice(global, io, ({ client }) => writeSetting(client, name, value, { signal: io.interrupt }));
  const shown = displaySettingValue(value);
  return {
    json: { name, written: true, bytes: value.length, hex: toHex(value) },
    text: `Wrote ${name} = ${shown.text} (${value.length} bytes). Run 'settings save' to keep it after a reset.`,
  };
}

async function remove(args: string[], global: GlobalOptions, io: CliIo): Promise<CommandResult> {
  const { positionals } = parseVerbArgs(args, {});
  const [name = ""] = positionalsExactly(positionals, ["KEY"], "settings delete");
  await withDevice(global, io, ({ client }) => deleteSetting(client, name, { signal: io.interrupt }));
  return { json: { name, deleted: true }, text: `Deleted ${name} from the device's saved settings.` };
}

const WHOLE = {
  commit: { run: commitSettings, done: "Committed: the device applied the written settings." },
  load: { run: loadSettings, done: "Loaded: the device reloaded its saved settings." },
  save: { run: saveSettings, done: "Saved: the device's settings will survive a reset." },
} as const;

async function whole(
  action: keyof typeof WHOLE,
  args: string[],
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  parseVerbArgs(args, {});
  await withDevice(global, io, ({ client }) => WHOLE[action].run(client, { signal: io.interrupt }));
  return { json: { [action]: true }, text: WHOLE[action].done };
}

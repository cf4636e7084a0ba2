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
import { type CommandResult, type Invocation, commandGroup, subcommand } from "../command-types.js";
import { withDevice } from "../device-context.js";
import { positiveInt } from "../global-options.js";
import { UsageError } from "../usage-error.js";
import { exactly, noArguments } from "./arguments.js";

const READ_OPTIONS = {
  hex: { type: "boolean", help: "cli.help.settings.read.option.hex" },
  "max-size": { type: "string", value: "BYTES", help: "cli.help.settings.read.option.max-size" },
} as const;
const WRITE_OPTIONS = {
  text: { type: "boolean", help: "cli.help.settings.write.option.text" },
  hex: { type: "boolean", help: "cli.help.settings.write.option.hex" },
} as const;

export const settingsCommand = commandGroup("cli.help.settings.summary", {
  read: subcommand({
    synopsis: "KEY",
    summary: "cli.help.settings.read.summary",
    options: READ_OPTIONS,
    examples: ["--port /dev/ttyACM0 settings read app/name"],
    run: read,
  }),
  write: subcommand({
    synopsis: "KEY VALUE",
    summary: "cli.help.settings.write.summary",
    options: WRITE_OPTIONS,
    examples: [
      "--port /dev/ttyACM0 settings write app/name pump-8",
      "--port /dev/ttyACM0 settings write app/id 0x0102",
    ],
    run: write,
  }),
  delete: subcommand({
    synopsis: "KEY",
    summary: "cli.help.settings.delete.summary",
    options: {},
    examples: ["--port /dev/ttyACM0 settings delete app/name"],
    run: remove,
  }),
  commit: wholeSubcommand("commit", "cli.help.settings.commit.summary"),
  load: wholeSubcommand("load", "cli.help.settings.load.summary"),
  save: wholeSubcommand("save", "cli.help.settings.save.summary"),
});

async function read({
  values,
  positionals,
  global,
  io,
}: Invocation<typeof READ_OPTIONS>): Promise<CommandResult> {
  const [name = ""] = exactly("settings read", positionals, ["KEY"]);
  const maxSize =
    values["max-size"] === undefined ? undefined : positiveInt("--max-size", values["max-size"]);
  const setting = await withDevice(global, io, ({ client }) =>
    readSetting(client, name, { signal: io.interrupt, ...(maxSize !== undefined ? { maxSize } : {}) }),
  );
  const shown = values.hex ? { encoding: "hex", text: `0x${toHex(setting.value)}` } : setting.display;
  const cut =
    setting.truncatedTo !== undefined
      ? io.i18n._("cli.settings.truncated", { max: setting.truncatedTo })
      : "";
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

async function write({
  values,
  positionals,
  global,
  io,
}: Invocation<typeof WRITE_OPTIONS>): Promise<CommandResult> {
  const [name = "", input = ""] = exactly("settings write", positionals, ["KEY", "VALUE"]);
  if (values.text && values.hex) {
    throw new UsageError("usage-conflicting-options", { options: ["--text", "--hex"] });
  }
  const value = parseSettingValue(input, values.text ? "text" : values.hex ? "hex" : "auto");
  await withDevice(global, io, ({ client }) => writeSetting(client, name, value, { signal: io.interrupt }));
  const shown = displaySettingValue(value);
  return {
    json: { name, written: true, bytes: value.length, hex: toHex(value) },
    text: io.i18n._("cli.settings.written", { name, value: shown.text, bytes: value.length }),
  };
}

async function remove({ positionals, global, io }: Invocation): Promise<CommandResult> {
  const [name = ""] = exactly("settings delete", positionals, ["KEY"]);
  await withDevice(global, io, ({ client }) => deleteSetting(client, name, { signal: io.interrupt }));
  return { json: { name, deleted: true }, text: io.i18n._("cli.settings.deleted", { name }) };
}

const WHOLE = {
  commit: { run: commitSettings, done: "cli.settings.committed" },
  load: { run: loadSettings, done: "cli.settings.loaded" },
  save: { run: saveSettings, done: "cli.settings.saved" },
} as const;

function wholeSubcommand(action: keyof typeof WHOLE, summary: string) {
  return subcommand({
    synopsis: "",
    summary,
    options: {},
    examples: [`--port /dev/ttyACM0 settings ${action}`],
    async run({ positionals, global, io }): Promise<CommandResult> {
      noArguments(`settings ${action}`, positionals);
      await withDevice(global, io, ({ client }) => WHOLE[action].run(client, { signal: io.interrupt }));
      return { json: { [action]: true }, text: io.i18n._(WHOLE[action].done) };
    },
  });
}

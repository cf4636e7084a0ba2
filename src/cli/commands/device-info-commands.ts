// Verbs that read the device: echo, params, info, list, taskstat, stats (reset is in reset-command.ts).

import { bootModeText, bootModeWords } from "../../core/device/boot-modes.js";
import { DeviceClient } from "../../core/device/device-client.js";
import {
  osEcho,
  osInfo,
  osMcumgrParams,
  osTaskStat,
  statsList,
  statsRead,
  imageStateRead,
} from "../../core/smp/index.js";
import { isUnsupported, toSlotState } from "../../core/update/smp-device-session.js";
import { say } from "../../i18n/describe-error.js";
import { command } from "../command-types.js";
import { withDevice } from "../device-context.js";
import { detectMode, modeFromSlots, serialRecoveryNote } from "../device-mode.js";
import { fields, table } from "../format.js";
import { UsageError } from "../usage-error.js";
import { noArguments } from "./arguments.js";

export const echoCommand = command({
  synopsis: "TEXT...",
  summary: "cli.help.echo.summary",
  options: {},
  examples: ["--port /dev/ttyACM0 echo hello"],
  async run({ positionals, global, io }) {
    if (positionals.length === 0) throw new UsageError("usage-missing-argument", { argument: "TEXT" });
    const text = positionals.join(" ");
    const response = await withDevice(global, io, ({ client }) => client.request(osEcho, { d: text }));
    return { json: { r: response.r }, text: response.r };
  },
});

export const paramsCommand = command({
  synopsis: "",
  summary: "cli.help.params.summary",
  options: {},
  examples: ["--port /dev/ttyACM0 params --json"],
  async run({ positionals, global, io }) {
    noArguments("params", positionals);
    const p = await withDevice(global, io, ({ client }) => client.request(osMcumgrParams, {}));
    return {
      json: { buf_size: p.buf_size, buf_count: p.buf_count },
      text: io.i18n._("cli.params.text", { bufSize: p.buf_size, bufCount: p.buf_count }),
    };
  },
});

export const infoCommand = command({
  synopsis: "",
  summary: "cli.help.info.summary",
  options: {
    format: {
      type: "string",
      value: "LETTERS",
      help: "cli.help.info.option.format",
    },
  },
  examples: ["--port /dev/ttyACM0 info", "--udp 192.0.2.1:1337 info --format sv --json"],
  async run({ values, positionals, global, io }) {
    noArguments("info", positionals);
    return withDevice(global, io, async ({ client }) => {
      const os = await optional(() => client.request(osInfo, { format: values.format ?? "a" }));
      if (!os) {
        // MCUboot serial recovery has no os info; an application without it is still an error to report.
        const mode = await detectMode(client);
        if (mode.mode !== "serial-recovery") await client.request(osInfo, { format: values.format ?? "a" });
        return {
          json: { running: "serial-recovery", os: null, bootloader: "MCUboot", mode: null },
          text: `${io.i18n._("cli.info.serial-recovery")}\n${serialRecoveryNote(io.i18n)}`,
        };
      }
      // Through the device client, so the mode's words come from the one table the app shows too.
      const bootloader = await new DeviceClient(client).readBootloader();
      const json = {
        running: "application",
        os: os.output,
        bootloader: bootloader?.name ?? null,
        mode: bootloader?.modeNumber ?? null,
        modeText: bootloader?.modeNumber === undefined ? null : bootModeText(bootloader.modeNumber),
        noDowngrade: bootloader?.noDowngrade ?? null,
      };
      const rows: [string, string][] = [[io.i18n._("cli.info.os"), os.output]];
      if (json.bootloader) rows.push([io.i18n._("cli.info.bootloader"), json.bootloader]);
      if (json.mode !== null)
        rows.push([
          io.i18n._("cli.info.boot-mode"),
          `${say(io.i18n, bootModeWords(json.mode))} (${json.mode})`,
        ]);
      if (json.noDowngrade)
        rows.push([io.i18n._("cli.info.downgrades"), io.i18n._("cli.info.downgrades-refused")]);
      return { json, text: fields(rows) };
    });
  },
});

export const listCommand = command({
  synopsis: "",
  summary: "cli.help.list.summary",
  options: {},
  examples: ["--port /dev/ttyACM0 list", "--udp 192.0.2.1:1337 list --json"],
  async run({ positionals, global, io }) {
    noArguments("list", positionals);
    const state = await withDevice(global, io, ({ client }) => client.request(imageStateRead, {}));
    const images = state.images.map(toSlotState);
    const running = modeFromSlots(images);
    const flags = (s: (typeof images)[number]) =>
      (["bootable", "pending", "confirmed", "active", "permanent"] as const).filter((f) => s[f]).join(" ");
    const t = (key: string) => io.i18n._(key);
    const rows = table(
      [
        t("cli.list.image"),
        t("cli.list.slot"),
        t("cli.list.version"),
        t("cli.list.flags"),
        t("cli.list.hash"),
      ],
      images.map((s) => [String(s.image), String(s.slot), s.version, flags(s), s.hash]),
    );
    const text = running === "serial-recovery" ? `${rows}\n${serialRecoveryNote(io.i18n)}` : rows;
    return { json: { running, images }, text };
  },
});

export const taskstatCommand = command({
  synopsis: "",
  summary: "cli.help.taskstat.summary",
  options: {},
  examples: ["--port /dev/ttyACM0 taskstat"],
  async run({ positionals, global, io }) {
    noArguments("taskstat", positionals);
    const r = await withDevice(global, io, ({ client }) => client.request(osTaskStat, {}));
    const rows = Object.entries(r.tasks).map(([name, t]) => [
      name,
      String(t.prio),
      String(t.tid),
      String(t.state),
      t.stkuse !== undefined && t.stksiz !== undefined ? `${t.stkuse}/${t.stksiz}` : "",
      t.cswcnt !== undefined ? String(t.cswcnt) : "",
    ]);
    const t = (key: string) => io.i18n._(key);
    const headers = [
      "cli.taskstat.task",
      "cli.taskstat.prio",
      "cli.taskstat.tid",
      "cli.taskstat.state",
      "cli.taskstat.stack",
      "cli.taskstat.switches",
    ].map(t);
    return { json: r, text: table(headers, rows) };
  },
});

export const statsCommand = command({
  synopsis: "[NAME]",
  summary: "cli.help.stats.summary",
  options: {},
  examples: ["--port /dev/ttyACM0 stats", "--port /dev/ttyACM0 stats smp_svr_stats"],
  async run({ positionals, global, io }) {
    const [name, extra] = positionals;
    if (extra !== undefined) {
      throw new UsageError("usage-extra-argument", {
        argument: extra,
        command: "stats",
        expected: "NAME",
      });
    }
    return withDevice(global, io, async ({ client }) => {
      if (name === undefined) {
        const list = await client.request(statsList, {});
        return { json: list, text: list.stat_list.join("\n") };
      }
      const group = await client.request(statsRead, { name });
      return {
        json: group,
        text: table(
          [io.i18n._("cli.stats.counter"), io.i18n._("cli.stats.value")],
          Object.entries(group.fields).map(([k, v]) => [k, String(v)]),
        ),
      };
    });
  },
});

/** Commands many builds leave out: an "unsupported" answer becomes undefined, anything else still fails. */
async function optional<T>(request: () => Promise<T>): Promise<T | undefined> {
  try {
    return await request();
  } catch (error) {
    if (isUnsupported(error)) return undefined;
    throw error;
  }
}

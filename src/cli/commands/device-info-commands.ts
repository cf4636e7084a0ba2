// Verbs that read or poke the device: echo, params, info, reset, list, taskstat, stats.

import { osEcho, osInfo, osMcumgrParams, osTaskStat, statsList, statsRead } from "../../core/smp/index.js";
import { bootModeText } from "../../core/device/boot-modes.js";
import { DeviceClient } from "../../core/device/device-client.js";
import type { CliCommand } from "../command-types.js";
import { withDevice } from "../device-context.js";
import { table } from "../format.js";
import { UsageError } from "../usage-error.js";
import { parseVerbArgs } from "../verb-args.js";

export const echoCommand: CliCommand = {
  usage: "echo TEXT",
  summary: "send TEXT and print the device's echo",
  async run(args, global, io) {
    const { positionals } = parseVerbArgs(args, {});
    if (positionals.length === 0) throw new UsageError("echo needs the text to send: mcuflash echo hello");
    const text = positionals.join(" ");
    const response = await withDevice(global, io, ({ client }) => client.request(osEcho, { d: text }));
    return { json: { r: response.r }, text: response.r };
  },
};

export const paramsCommand: CliCommand = {
  usage: "params",
  summary: "the device's SMP buffer size and count",
  async run(args, global, io) {
    parseVerbArgs(args, {});
    const p = await withDevice(global, io, ({ client }) => client.request(osMcumgrParams, {}));
    return {
      json: { buf_size: p.buf_size, buf_count: p.buf_count },
      text: `buf_size ${p.buf_size}\nbuf_count ${p.buf_count}`,
    };
  },
};

export const infoCommand: CliCommand = {
  usage: "info [--format LETTERS]",
  summary: "OS / application and bootloader information",
  async run(args, global, io) {
    const { values } = parseVerbArgs(args, { format: { type: "string" } });
    return withDevice(global, io, async ({ client }) => {
      const device = new DeviceClient(client);
      const os = await client.request(osInfo, { format: values.format ?? "a" });
      const bootloader = await device.readBootloader();
      const json = {
        os: os.output,
        bootloader: bootloader?.name ?? null,
        mode: bootloader?.modeNumber ?? null,
        modeText: bootloader?.modeNumber === undefined ? null : bootModeText(bootloader.modeNumber),
        noDowngrade: bootloader?.noDowngrade ?? null,
      };
      const lines = [`os          ${os.output}`];
      if (json.bootloader) lines.push(`bootloader  ${json.bootloader}`);
      if (json.mode !== null) lines.push(`boot mode   ${json.modeText} (${json.mode})`);
      if (json.noDowngrade) lines.push("downgrades  refused by the bootloader");
      return { json, text: lines.join("\n") };
    });
  },
};

export const resetCommand: CliCommand = {
  usage: "reset [--force]",
  summary: "reset the device (--force: even if the application objects)",
  async run(args, global, io) {
    const { values } = parseVerbArgs(args, { force: { type: "boolean" } });
    await withDevice(global, io, ({ client }) =>
      new DeviceClient(client).reset(values.force ? { force: true } : {}),
    );
    return { json: { reset: true }, text: "Reset requested." };
  },
};

export const listCommand: CliCommand = {
  usage: "list",
  summary: "image slots: version, hash and flags (Zephyr field names in --json)",
  async run(args, global, io) {
    parseVerbArgs(args, {});
    const images = await withDevice(global, io, ({ client }) => new DeviceClient(client).readSlots());
    const flags = (s: (typeof images)[number]) =>
      (["bootable", "pending", "confirmed", "active", "permanent"] as const).filter((f) => s[f]).join(" ");
    const text = table(
      ["image", "slot", "version", "flags", "hash"],
      images.map((s) => [String(s.image), String(s.slot), s.version, flags(s), s.hash]),
    );
    return { json: { images }, text };
  },
};

export const taskstatCommand: CliCommand = {
  usage: "taskstat",
  summary: "threads: priority, state, stack use, context switches",
  async run(args, global, io) {
    parseVerbArgs(args, {});
    const r = await withDevice(global, io, ({ client }) => client.request(osTaskStat, {}));
    const rows = Object.entries(r.tasks).map(([name, t]) => [
      name,
      String(t.prio),
      String(t.tid),
      String(t.state),
      t.stkuse !== undefined && t.stksiz !== undefined ? `${t.stkuse}/${t.stksiz}` : "",
      t.cswcnt !== undefined ? String(t.cswcnt) : "",
    ]);
    return { json: r, text: table(["task", "prio", "tid", "state", "stack (words)", "switches"], rows) };
  },
};

export const statsCommand: CliCommand = {
  usage: "stats [NAME]",
  summary: "list statistics groups, or read one",
  async run(args, global, io) {
    const { positionals } = parseVerbArgs(args, {});
    const name = positionals[0];
    return withDevice(global, io, async ({ client }) => {
      if (name === undefined) {
        const list = await client.request(statsList, {});
        return { json: list, text: list.stat_list.join("\n") };
      }
      const group = await client.request(statsRead, { name });
      return {
        json: group,
        text: table(
          ["counter", "value"],
          Object.entries(group.fields).map(([k, v]) => [k, String(v)]),
        ),
      };
    });
  },
};

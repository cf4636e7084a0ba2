// `mcuflash datetime [--set]`, `mpstat` and `enum`: the device's clock, its memory pools, and the management
// groups it has.

import type { I18n } from "@lingui/core";
import {
  enumerateGroups,
  formatDeviceDateTime,
  readDeviceClock,
  readMemoryPools,
  setDeviceClock,
  supportedGroups,
} from "../../core/device-tools/index.js";
import { groupLabel } from "../../core/smp/index.js";
import { command } from "../command-types.js";
import { withDevice } from "../device-context.js";
import { fields, table } from "../format.js";
import { noArguments } from "./arguments.js";

export const datetimeCommand = command({
  synopsis: "",
  summary: "cli.help.datetime.summary",
  options: {
    set: { type: "boolean", help: "cli.help.datetime.option.set" },
    utc: { type: "boolean", help: "cli.help.datetime.option.utc" },
    "no-ms": {
      type: "boolean",
      help: "cli.help.datetime.option.no-ms",
    },
  },
  examples: ["--port /dev/ttyACM0 datetime", "--port /dev/ttyACM0 datetime --set --utc"],
  async run({ values, positionals, global, io }) {
    noArguments("datetime", positionals);
    const timeZone = values.utc ? "utc" : "local";
    return withDevice(global, io, async ({ client }) => {
      const sent = values.set
        ? await setDeviceClock(client, {
            timeZone,
            milliseconds: values["no-ms"] !== true,
            signal: io.interrupt,
          })
        : undefined;
      const reading = await readDeviceClock(client, { timeZone, signal: io.interrupt });
      const drift = reading.driftMs;
      const t = io.i18n;
      const lines = [
        ...(sent !== undefined
          ? [t._("cli.datetime.set", { time: sent, utc: String(timeZone === "utc") })]
          : []),
        fields([
          [t._("cli.datetime.device"), reading.text],
          [
            t._("cli.datetime.computer"),
            formatDeviceDateTime(new Date(reading.date.getTime() - drift), { timeZone }),
          ],
          [t._("cli.datetime.drift"), describeDrift(t, drift)],
        ]),
      ];
      return {
        json: {
          ...(sent !== undefined ? { set: sent } : {}),
          device: reading.text,
          deviceIso: reading.date.toISOString(),
          driftMs: drift,
        },
        text: lines.join("\n"),
      };
    });
  },
});

function describeDrift(i18n: I18n, ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return i18n._("cli.datetime.in-step");
  const amount = abs < 120_000 ? `${(abs / 1000).toFixed(1)} s` : `${Math.round(abs / 60_000)} min`;
  return i18n._("cli.datetime.drift-amount", { amount, ahead: String(ms > 0) });
}

export const mpstatCommand = command({
  synopsis: "",
  summary: "cli.help.mpstat.summary",
  options: {},
  examples: ["--port /dev/ttyACM0 mpstat"],
  async run({ positionals, global, io }) {
    noArguments("mpstat", positionals);
    const pools = await withDevice(global, io, ({ client }) =>
      readMemoryPools(client, { signal: io.interrupt }),
    );
    if (pools === undefined) {
      return {
        json: { pools: null },
        text: io.i18n._("cli.mpstat.none"),
      };
    }
    return {
      json: { pools },
      text: table(
        [
          "cli.mpstat.pool",
          "cli.mpstat.block-size",
          "cli.mpstat.blocks",
          "cli.mpstat.free",
          "cli.mpstat.lowest-free",
        ].map((key) => io.i18n._(key)),
        pools.map((p) => [p.name, String(p.blockSize), String(p.blocks), String(p.free), String(p.minFree)]),
      ),
    };
  },
});

export const enumCommand = command({
  synopsis: "",
  summary: "cli.help.enum.summary",
  options: {},
  examples: ["--port /dev/ttyACM0 enum"],
  async run({ positionals, global, io }) {
    noArguments("enum", positionals);
    return withDevice(global, io, async ({ client }) => {
      const listed = await enumerateGroups(client, { signal: io.interrupt });
      if (listed !== undefined) {
        return {
          json: { source: "enumeration", count: listed.count, groups: listed.groups },
          text: table(
            [io.i18n._("cli.enum.group"), io.i18n._("cli.enum.name"), io.i18n._("cli.enum.handlers")],
            listed.groups.map((g) => [
              String(g.id),
              g.name,
              g.handlers === undefined ? "" : String(g.handlers),
            ]),
          ),
        };
      }
      const probed = await supportedGroups(client, { signal: io.interrupt });
      const groups = probed.groups.map((id) => ({ id, name: groupLabel(id) }));
      return {
        json: { source: probed.source, count: groups.length, groups },
        text: [
          io.i18n._("cli.enum.probed"),
          table(
            [io.i18n._("cli.enum.group"), io.i18n._("cli.enum.name")],
            groups.map((g) => [String(g.id), g.name]),
          ),
        ].join("\n"),
      };
    });
  },
});

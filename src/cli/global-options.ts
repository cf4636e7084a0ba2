// The options every verb shares — how to reach the device and how to talk to it — declared once as data
// (parsed with the verb's own table by command-line.ts, listed in every help text) and checked here.

import { parseUdpAddress, type UdpAddress } from "../transports/node/udp-transport.js";
import type { OptionTable, OptionValues } from "./option-spec.js";
import { UsageError } from "./usage-error.js";

export interface GlobalOptions {
  readonly port: string | undefined;
  readonly baud: number;
  readonly udp: UdpAddress | undefined;
  readonly timeoutMs: number;
  /** undefined: start with v2 and adapt to the device. */
  readonly smpVersion: 1 | 2 | undefined;
  readonly json: boolean;
}

export const GLOBAL_OPTIONS = {
  port: { type: "string", value: "PATH", help: "cli.help.global.port" },
  baud: { type: "string", value: "N", help: "cli.help.global.baud" },
  udp: { type: "string", value: "HOST:PORT", help: "cli.help.global.udp" },
  timeout: { type: "string", value: "MS", help: "cli.help.global.timeout" },
  "smp-version": {
    type: "string",
    value: "1|2",
    help: "cli.help.global.smp-version",
  },
  json: { type: "boolean", help: "cli.help.global.json" },
  help: { type: "boolean", short: "h", help: "cli.help.global.help" },
  version: { type: "boolean", help: "cli.help.global.version" },
} as const satisfies OptionTable;

export type GlobalValues = OptionValues<typeof GLOBAL_OPTIONS>;

const DEFAULTS = { baud: 115200, timeoutMs: 5000 } as const;

/** Turns the parsed global option values into checked settings; MCUFLASH_PORT gives a default --port. */
export function resolveGlobalOptions(
  values: GlobalValues,
  env: Readonly<Record<string, string | undefined>> = process.env,
): GlobalOptions {
  let udp: UdpAddress | undefined;
  if (values.udp !== undefined) {
    udp = parseUdpAddress(values.udp);
    if (!udp) throw invalid("--udp", "hostPort", values.udp);
  }
  // An explicit --udp wins over a port that only comes from the environment.
  const port = values.port ?? (udp ? undefined : env.MCUFLASH_PORT || undefined);
  if (port !== undefined && udp !== undefined) {
    throw new UsageError("usage-conflicting-options", { options: ["--port", "--udp"] });
  }
  const smp = values["smp-version"];
  if (smp !== undefined && smp !== "1" && smp !== "2") throw invalid("--smp-version", "smpVersion", smp);
  return {
    port,
    baud: values.baud === undefined ? DEFAULTS.baud : positiveInt("--baud", values.baud),
    udp,
    timeoutMs: values.timeout === undefined ? DEFAULTS.timeoutMs : positiveInt("--timeout", values.timeout),
    smpVersion: smp === "1" ? 1 : smp === "2" ? 2 : undefined,
    json: values.json === true,
  };
}

export function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n <= 0) {
    throw invalid(name, "positiveNumber", text);
  }
  return n;
}

/** 0 or a positive whole number (image and slot numbers). */
export function wholeNumber(name: string, text: string): number {
  return text === "0" ? 0 : positiveInt(name, text);
}

/** What a value should have been: the catalog words each (error.usage-invalid-value); "oneOf" lists `choices`. */
export type ExpectedValue = "hostPort" | "smpVersion" | "positiveNumber" | "imageHash" | "version" | "oneOf";

export function invalid(
  option: string,
  expected: ExpectedValue,
  actual: string,
  choices: readonly string[] = [],
): UsageError {
  return new UsageError("usage-invalid-value", {
    option,
    expected,
    actual,
    ...(choices.length > 0 ? { choices } : {}),
  });
}

// Parses the options that come before the verb: how to reach the device and how to talk to it.
//   mcuflash [--port PATH [--baud N] | --udp HOST:PORT] [--timeout MS] [--smp-version 1|2] [--json] <verb> ...

import { parseUdpAddress, type UdpAddress } from "../transports/node/udp-transport.js";
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

export interface ParsedCommandLine {
  readonly global: GlobalOptions;
  readonly verb: string | undefined;
  readonly args: string[];
}

const DEFAULTS: GlobalOptions = {
  port: undefined,
  baud: 115200,
  udp: undefined,
  timeoutMs: 5000,
  smpVersion: undefined,
  json: false,
};

/** Global options may come before the verb; `--json` may also come anywhere after it. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  let global: GlobalOptions = { ...DEFAULTS, port: process.env.MCUFLASH_PORT };
  let i = 0;
  const valueOf = (name: string): string => {
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${name} needs a value.`);
    i += 2;
    return value;
  };
  while (i < argv.length) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("--")) break;
    const [name, inline] = arg.includes("=") ? splitOnce(arg) : [arg, undefined];
    if (inline !== undefined) {
      argv = [...argv.slice(0, i), name, inline, ...argv.slice(i + 1)];
    }
    switch (name) {
      case "--port":
        global = { ...global, port: valueOf(name) };
        break;
      case "--baud":
        global = { ...global, baud: positiveInt(name, valueOf(name)) };
        break;
      case "--udp": {
        const text = valueOf(name);
        const udp = parseUdpAddress(text);
        if (!udp) throw new UsageError(`--udp expects HOST:PORT, e.g. 127.0.0.1:1337; got "${text}".`);
        global = { ...global, udp };
        break;
      }
      case "--timeout":
        global = { ...global, timeoutMs: positiveInt(name, valueOf(name)) };
        break;
      case "--smp-version": {
        const v = valueOf(name);
        if (v !== "1" && v !== "2") throw new UsageError(`--smp-version is 1 or 2; got "${v}".`);
        global = { ...global, smpVersion: v === "1" ? 1 : 2 };
        break;
      }
      case "--json":
        global = { ...global, json: true };
        i += 1;
        break;
      case "--help":
        return { global, verb: "help", args: [] };
      case "--version":
        return { global, verb: "version", args: [] };
      default:
        throw new UsageError(`Unknown option ${arg}. Run 'mcuflash --help' for the list.`);
    }
  }
  if (global.port !== undefined && global.udp !== undefined) {
    throw new UsageError("Give either --port or --udp, not both.");
  }
  const verb = argv[i];
  const rest = argv.slice(i + 1);
  // `--json` after the verb is ours, unless it follows `--` (then it belongs to e.g. a shell command).
  const end = rest.indexOf("--");
  const ours = end === -1 ? rest : rest.slice(0, end);
  const json = ours.includes("--json");
  const args = [...ours.filter((a) => a !== "--json"), ...(end === -1 ? [] : rest.slice(end))];
  return { global: json ? { ...global, json } : global, verb, args };
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf("=");
  return [arg.slice(0, at), arg.slice(at + 1)];
}

export function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${name} expects a positive whole number; got "${text}".`);
  return n;
}

// A mistake in how the command was typed: exit code 2, one line saying what was wrong and where the help is.
// The code and its parameters are what --json prints; the English words come from one table (usageMessage),
// so they can move to the message catalog without touching the places that throw.

import { McuFlashError } from "../core/errors.js";

export type UsageParamValue = string | number | readonly string[];
export type UsageParams = Readonly<Record<string, UsageParamValue>>;

const MESSAGES = {
  "usage-unknown-option": (p) => `Unknown option ${p.option}.`,
  "usage-missing-value": (p) => `${p.option} needs a value (${p.value}).`,
  "usage-unexpected-value": (p) => `${p.option} takes no value.`,
  "usage-invalid-value": (p) => `${p.option} expects ${p.expected}; got "${p.actual}".`,
  "usage-conflicting-options": (p) => `Give ${list(p.options, "or")}, not ${count(p.options)}.`,
  "usage-missing-command": () => "Say what to do: a command such as list, upload or image.",
  "usage-unknown-command": (p) => `Unknown command "${p.command}".`,
  "usage-missing-subcommand": (p) => `${p.command} needs a sub-command: ${list(p.choices, "or")}.`,
  "usage-unknown-subcommand": (p) =>
    `${p.command} has no sub-command "${p.subcommand}"; use ${list(p.choices, "or")}.`,
  "usage-missing-argument": (p) => `Missing ${p.argument}.`,
  "usage-extra-argument": (p) => `Unexpected argument "${p.argument}": ${p.command} takes ${p.expected}.`,
  "usage-no-device": () => "Say how to reach the device: --port PATH (serial or PTY) or --udp HOST:PORT.",
  "usage-image-not-in-package": (p) =>
    `${p.file} holds no image number ${p.image}; it has ${list(p.available, "and")}.`,
  "usage-image-ambiguous": (p) =>
    `${p.file} holds ${p.count} images (${list(p.available, "and")}); choose one with --image N and run once per image.`,
} satisfies Record<string, (params: UsageParams) => string>;

export type UsageCode = keyof typeof MESSAGES;

export function usageMessage(code: UsageCode, params: UsageParams): string {
  return MESSAGES[code](params);
}

export class UsageError extends McuFlashError {
  override readonly code: UsageCode;
  override readonly params: UsageParams;

  constructor(code: UsageCode, params: UsageParams = {}) {
    super(code, params);
    this.code = code;
    this.params = params;
  }

  /** The English line the CLI prints (the CLI speaks English only). */
  get text(): string {
    return usageMessage(this.code, this.params);
  }
}

function list(value: UsageParamValue | undefined, joiner: string): string {
  const items = Array.isArray(value) ? value : [String(value ?? "")];
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${joiner} ${items[items.length - 1]}`;
}

function count(value: UsageParamValue | undefined): string {
  const n = Array.isArray(value) ? value.length : 1;
  return n === 2 ? "both" : `all ${n}`;
}

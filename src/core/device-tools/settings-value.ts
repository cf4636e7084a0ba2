// How setting values (raw bytes on the device) are shown and typed: as text when the bytes are printable UTF-8,
// otherwise as hex with a 0x prefix; typed values are text, or hex when they start with 0x (or when the user
// says so). Parsing is strict: a value that is neither is refused with a message, never guessed.

import { toHex } from "../bytes.js";
import { DeviceToolError } from "./errors.js";

export type ValueEncoding = "text" | "hex";

export interface DisplayedValue {
  readonly encoding: ValueEncoding;
  /** The text, or "0x" followed by lowercase hex. */
  readonly text: string;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Printable: no control characters other than tab, line feed and carriage return; no BOM, no U+FFFD. */
function printable(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\ufffd]/.test(text);
}

/** Bytes → text when they are printable UTF-8 (and could not be read back as hex), else 0x-hex. */
export function displaySettingValue(value: Uint8Array): DisplayedValue {
  let text: string | undefined;
  try {
    text = strictUtf8.decode(value);
  } catch {
    text = undefined;
  }
  if (text !== undefined && printable(text) && !/^0x/i.test(text)) return { encoding: "text", text };
  return { encoding: "hex", text: `0x${toHex(value)}` };
}

/**
 * Typed value → bytes. `auto` (default): "0x…" is hex, anything else is UTF-8 text. `text`: always text (to
 * store a literal "0x10"). `hex`: hex digits, with or without 0x, spaces allowed between bytes.
 */
export function parseSettingValue(input: string, encoding: ValueEncoding | "auto" = "auto"): Uint8Array {
  if (encoding === "text" || (encoding === "auto" && !/^0x/i.test(input))) {
    return new TextEncoder().encode(input);
  }
  const digits = input
    .trim()
    .replace(/^0x/i, "")
    .replace(/[\s_:]/g, "");
  if (!/^[0-9a-fA-F]*$/.test(digits)) {
    throw new DeviceToolError("setting-value-not-hex", { input }, { hint: "setting-value-not-hex" });
  }
  if (digits.length % 2 !== 0) {
    throw new DeviceToolError("setting-value-odd-hex", { input }, { hint: "setting-value-odd-hex" });
  }
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Little-endian integer readings of 1, 2, 4 or 8-byte values (most Zephyr settings are C integers). */
export function integerReadings(
  value: Uint8Array,
): { readonly unsigned: bigint; readonly signed: bigint } | undefined {
  if (![1, 2, 4, 8].includes(value.length)) return undefined;
  let unsigned = 0n;
  for (let i = value.length - 1; i >= 0; i--) unsigned = (unsigned << 8n) | BigInt(value[i] ?? 0);
  const bits = BigInt(value.length * 8);
  const signed = unsigned >= 1n << (bits - 1n) ? unsigned - (1n << bits) : unsigned;
  return { unsigned, signed };
}

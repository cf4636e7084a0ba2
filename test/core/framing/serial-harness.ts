// Runs a SerialFrameDecoder over chunks and collects what it reported, for the framing tests.
import {
  SerialFrameDecoder,
  type SerialFrameDecoderOptions,
} from "../../../src/core/framing/serial-decoder.js";
import type { SerialFrameError } from "../../../src/core/framing/framing-errors.js";

export interface Decoded {
  readonly packets: Uint8Array[];
  readonly console: string;
  readonly errors: SerialFrameError[];
  readonly decoder: SerialFrameDecoder;
}

export function decodeChunks(
  chunks: Iterable<Uint8Array>,
  options: SerialFrameDecoderOptions = {},
  flush = false,
): Decoded {
  const decoder = new SerialFrameDecoder(options);
  const packets: Uint8Array[] = [];
  const errors: SerialFrameError[] = [];
  let console = "";
  const take = (events: ReturnType<SerialFrameDecoder["push"]>): void => {
    for (const e of events) {
      if (e.type === "packet") packets.push(e.packet);
      else if (e.type === "console") console += e.text;
      else errors.push(e.error);
    }
  };
  for (const chunk of chunks) take(decoder.push(chunk));
  if (flush) take(decoder.flush());
  return { packets, console, errors, decoder };
}

/** Splits `bytes` at the given offsets (any numbers; taken modulo the length, sorted, deduplicated). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % (bytes.length + 1))))].sort(
    (a, b) => a - b,
  );
  const out: Uint8Array[] = [];
  let at = 0;
  for (const p of points) {
    out.push(bytes.subarray(at, p));
    at = p;
  }
  out.push(bytes.subarray(at));
  return out;
}

/** Each byte on its own. */
export function byteByByte(bytes: Uint8Array): Uint8Array[] {
  return Array.from(bytes, (b) => Uint8Array.of(b));
}

export function ascii(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

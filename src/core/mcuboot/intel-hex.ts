// Intel HEX (Intel "Hexadecimal Object File Format Specification", rev. A): data, EOF, extended segment and
// extended linear address records, with checksums checked. Flattened to one buffer from the lowest address,
// gaps filled with 0xff (erased flash), as imgtool's IntelHex does.

import type { ErrorParams } from "../errors.js";
import { PackageError } from "./errors.js";

export interface HexImage {
  /** Address of the first byte of `bytes`. */
  readonly baseAddress: number;
  readonly bytes: Uint8Array;
  /** Contiguous runs of data as written in the file, [start, end) addresses. */
  readonly segments: readonly { readonly start: number; readonly end: number }[];
  readonly startAddress: number | undefined;
}

/** Largest span (lowest to highest address) accepted: far beyond any MCU slot, small enough to allocate. */
export const MAX_HEX_SPAN = 64 * 1024 * 1024;

/** What is wrong with a record: the catalog's wording of "error.package-bad-hex.<problem>". */
type HexProblem =
  | "after-end"
  | "not-a-record"
  | "byte-count"
  | "checksum"
  | "segment-address-length"
  | "linear-address-length"
  | "start-address-length"
  | "unknown-type"
  | "no-end"
  | "overlap";

function bad(line: number, problem: HexProblem, params: ErrorParams = {}): PackageError {
  return new PackageError(
    "package-bad-hex",
    { line, ...params },
    { variant: problem, hint: "package-bad-hex" },
  );
}

function hexByte(text: string, at: number): number {
  const hi = parseInt(text[at] ?? "x", 16);
  const lo = parseInt(text[at + 1] ?? "x", 16);
  return hi * 16 + lo;
}

interface Chunk {
  readonly address: number;
  readonly data: Uint8Array;
}

function parseRecords(text: string): { chunks: Chunk[]; startAddress: number | undefined } {
  const chunks: Chunk[] = [];
  let base = 0;
  let startAddress: number | undefined;
  let ended = false;
  let lastLine = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line.length === 0) continue;
    lastLine = i + 1;
    if (ended) throw bad(i + 1, "after-end");
    // A colon, then whole bytes of hex: at least count, address (2), type and checksum.
    if (line.length < 11 || line.length % 2 === 0 || !/^:[0-9a-fA-F]+$/.test(line)) {
      throw bad(i + 1, "not-a-record");
    }
    const bytes = new Uint8Array((line.length - 1) / 2);
    let sum = 0;
    for (let j = 0; j < bytes.length; j++) {
      bytes[j] = hexByte(line, 1 + j * 2);
      sum += bytes[j]!;
    }
    const count = bytes[0]!;
    if (bytes.length !== count + 5) throw bad(i + 1, "byte-count", { count });
    if ((sum & 0xff) !== 0) throw bad(i + 1, "checksum");
    const offset = (bytes[1]! << 8) | bytes[2]!;
    const type = bytes[3]!;
    const data = bytes.subarray(4, 4 + count);
    const word = (): number => (data[0]! << 8) | data[1]!;
    switch (type) {
      case 0x00:
        if (count > 0) chunks.push({ address: base + offset, data });
        break;
      case 0x01:
        ended = true;
        break;
      case 0x02:
        if (count !== 2) throw bad(i + 1, "segment-address-length");
        base = word() * 16;
        break;
      case 0x04:
        if (count !== 2) throw bad(i + 1, "linear-address-length");
        base = word() * 0x10000;
        break;
      case 0x03:
      case 0x05:
        if (count !== 4) throw bad(i + 1, "start-address-length");
        startAddress = new DataView(data.buffer, data.byteOffset, 4).getUint32(0, false);
        break;
      default:
        throw bad(i + 1, "unknown-type", { type: type.toString(16).padStart(2, "0") });
    }
  }
  // Named after the last line that has a record, not the empty one after the final newline.
  if (!ended) throw bad(lastLine, "no-end");
  return { chunks, startAddress };
}

export function parseIntelHex(text: string): HexImage {
  const { chunks, startAddress } = parseRecords(text);
  if (chunks.length === 0) {
    throw new PackageError("package-empty", {}, { variant: "empty-hex", hint: "package-empty.empty-hex" });
  }
  let low = Infinity;
  let high = 0;
  for (const c of chunks) {
    low = Math.min(low, c.address);
    high = Math.max(high, c.address + c.data.length);
  }
  if (high - low > MAX_HEX_SPAN) {
    throw new PackageError(
      "package-hex-too-large",
      { low: low.toString(16), high: high.toString(16), value: MAX_HEX_SPAN >> 20 },
      { hint: "package-hex-too-large" },
    );
  }
  const bytes = new Uint8Array(high - low).fill(0xff);
  const written = new Uint8Array(high - low);
  const sorted = [...chunks].sort((a, b) => a.address - b.address);
  const segments: { start: number; end: number }[] = [];
  for (const c of sorted) {
    const at = c.address - low;
    for (let j = 0; j < c.data.length; j++) {
      if (written[at + j] && bytes[at + j] !== c.data[j]) {
        throw bad(0, "overlap", { address: (c.address + j).toString(16) });
      }
    }
    bytes.set(c.data, at);
    written.fill(1, at, at + c.data.length);
    const last = segments[segments.length - 1];
    if (last && c.address <= last.end) last.end = Math.max(last.end, c.address + c.data.length);
    else segments.push({ start: c.address, end: c.address + c.data.length });
  }
  return { baseAddress: low, bytes, segments, startAddress };
}

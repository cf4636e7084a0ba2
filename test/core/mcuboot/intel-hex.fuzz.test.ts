// Fuzz: Intel HEX files written from generated memory maps by an independent writer in this file (data records
// of any length, extended linear or segment address records, records in any order, LF or CRLF, an optional
// start address) read back to exactly the bytes, base address and segments written. Then one record is broken
// (checksum, byte count, a stray character, the end record missing) and the parser must name that line with
// a typed PackageError. `npm run fuzz` runs the full count; `npm test` a sample.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { McuFlashError } from "../../../src/core/errors.js";
import { parseIntelHex } from "../../../src/core/mcuboot/intel-hex.js";
import { fuzzRuns } from "../../support/campaign-size.js";
import { inEnglish } from "../../support/in-english.js";

interface Segment {
  readonly offset: number;
  readonly data: Uint8Array;
}

interface MemoryMap {
  readonly base: number;
  /** Sorted, non-overlapping, not touching (so each is one segment of the result). */
  readonly segments: readonly Segment[];
  readonly start: number | undefined;
}

const memoryMap: fc.Arbitrary<MemoryMap> = fc
  .record({
    // Segment addressing reaches 1 MiB; linear addressing all of 4 GiB. Keep the span small to stay fast.
    base: fc.oneof(fc.integer({ min: 0, max: 0xf0000 }), fc.integer({ min: 0, max: 0xfff00000 })),
    pieces: fc.array(
      fc.record({
        gap: fc.integer({ min: 1, max: 70_000 }),
        data: fc.uint8Array({ minLength: 1, maxLength: 600 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    start: fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
  })
  .map(({ base, pieces, start }) => {
    let offset = 0;
    const segments = pieces.map((p, i) => {
      if (i > 0) offset += p.gap;
      const segment = { offset, data: p.data };
      offset += p.data.length;
      return segment;
    });
    return { base, segments, start };
  });

interface WriterStyle {
  readonly recordLength: number;
  readonly segmentAddressing: boolean;
  readonly shuffleSeed: number;
  readonly crlf: boolean;
  readonly lowercase: boolean;
}

const writerStyle: fc.Arbitrary<WriterStyle> = fc.record({
  recordLength: fc.constantFrom(1, 16, 32, 255, 7),
  segmentAddressing: fc.boolean(),
  shuffleSeed: fc.nat(),
  crlf: fc.boolean(),
  lowercase: fc.boolean(),
});

function record(type: number, offset: number, data: readonly number[], lowercase: boolean): string {
  const bytes = [data.length, (offset >> 8) & 0xff, offset & 0xff, type, ...data];
  const checksum = (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
  const text = [...bytes, checksum].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `:${lowercase ? text : text.toUpperCase()}`;
}

/** Groups of lines: an address record then the data record it applies to, so groups can be shuffled. */
function writeHex(map: MemoryMap, style: WriterStyle): string[] {
  const groups: string[][] = [];
  const useSegments = style.segmentAddressing && map.base + lastEnd(map) <= 0xfffff;
  for (const segment of map.segments) {
    for (let i = 0; i < segment.data.length;) {
      const address = map.base + segment.offset + i;
      // A record never crosses a 64 KiB page of its base; split where it would.
      const room = 0x10000 - (address & 0xffff);
      const length = Math.min(style.recordLength, segment.data.length - i, room);
      const data = Array.from(segment.data.subarray(i, i + length));
      const page = useSegments ? (address >>> 16) * 0x1000 : address >>> 16;
      const addressRecord = record(useSegments ? 0x02 : 0x04, 0, [page >> 8, page & 0xff], style.lowercase);
      groups.push([addressRecord, record(0x00, address & 0xffff, data, style.lowercase)]);
      i += length;
    }
  }
  shuffle(groups, style.shuffleSeed);
  const lines = groups.flat();
  if (map.start !== undefined) {
    const s = map.start;
    lines.push(record(0x05, 0, [s >>> 24, (s >>> 16) & 0xff, (s >>> 8) & 0xff, s & 0xff], style.lowercase));
  }
  lines.push(record(0x01, 0, [], style.lowercase));
  return lines;
}

function lastEnd(map: MemoryMap): number {
  const last = map.segments[map.segments.length - 1]!;
  return last.offset + last.data.length;
}

function shuffle<T>(items: T[], seed: number): void {
  let state = seed >>> 0 || 1;
  for (let i = items.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

function expectedBytes(map: MemoryMap): Uint8Array {
  const out = new Uint8Array(lastEnd(map)).fill(0xff);
  for (const s of map.segments) out.set(s.data, s.offset);
  return out;
}

const join = (lines: readonly string[], crlf: boolean) =>
  lines.join(crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n");

describe("Intel HEX round trip", () => {
  it("reads back exactly the memory map written", () => {
    fc.assert(
      fc.property(memoryMap, writerStyle, (map, style) => {
        const image = parseIntelHex(join(writeHex(map, style), style.crlf));
        expect(image.baseAddress).toBe(map.base);
        expect(Buffer.from(image.bytes).equals(Buffer.from(expectedBytes(map)))).toBe(true);
        expect(image.segments).toEqual(
          map.segments.map((s) => ({ start: map.base + s.offset, end: map.base + s.offset + s.data.length })),
        );
        expect(image.startAddress).toBe(map.start);
      }),
      { numRuns: fuzzRuns(20_000, 100) },
    );
  });
});

type Break =
  | { kind: "checksum"; xor: number }
  | { kind: "count"; delta: number }
  | { kind: "stray"; char: string; at: number }
  | { kind: "drop-eof" };

const breakage: fc.Arbitrary<Break> = fc.oneof(
  fc.record({ kind: fc.constant("checksum" as const), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("count" as const), delta: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant("stray" as const),
    char: fc.constantFrom("g", " ", "Z", ";", "x"),
    at: fc.nat(),
  }),
  fc.constant({ kind: "drop-eof" as const }),
);

/** The record with its byte count changed and its checksum fixed, so only the count is wrong. */
function withCount(line: string, delta: number): string {
  const bytes = Buffer.from(line.slice(1, -2), "hex");
  bytes[0] = (bytes[0]! + delta) & 0xff;
  const checksum = (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
  return `:${bytes.toString("hex")}${checksum.toString(16).padStart(2, "0")}`;
}

describe("Intel HEX with one record broken", () => {
  it("is refused with a typed error that names the broken line", () => {
    fc.assert(
      fc.property(memoryMap, writerStyle, breakage, fc.nat(), (map, style, b, which) => {
        const lines = writeHex(map, style);
        let expectedLine: number;
        let expectedWhat: RegExp;
        if (b.kind === "drop-eof") {
          lines.pop();
          expectedLine = lines.length;
          expectedWhat = /no end-of-file record/;
        } else {
          const at = which % lines.length;
          const line = lines[at]!;
          expectedLine = at + 1;
          if (b.kind === "checksum") {
            const last = parseInt(line.slice(-2), 16) ^ b.xor;
            lines[at] = line.slice(0, -2) + last.toString(16).padStart(2, "0");
            expectedWhat = /checksum mismatch/;
          } else if (b.kind === "count") {
            lines[at] = withCount(line, b.delta);
            expectedWhat = /byte count \d+ does not match/;
          } else {
            const pos = 1 + (b.at % (line.length - 1));
            lines[at] = line.slice(0, pos) + b.char + line.slice(pos + 1);
            expectedWhat = /not a record/;
          }
        }
        let error: unknown;
        try {
          parseIntelHex(join(lines, style.crlf));
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(McuFlashError);
        expect((error as McuFlashError).code).toBe("package-bad-hex");
        expect(inEnglish(error)).toMatch(new RegExp(`^Intel HEX line ${expectedLine}: `));
        expect(inEnglish(error)).toMatch(expectedWhat);
      }),
      { numRuns: fuzzRuns(20_000, 150) },
    );
  });
});

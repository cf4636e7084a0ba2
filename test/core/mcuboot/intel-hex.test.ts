// Intel HEX files written record by record in this file, per the Intel specification (types 00-05, each
// record's checksum the two's complement of its byte sum), read to the exact memory map, or refused with the
// typed error, variant and line a technician needs to find the broken record.
import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { MAX_HEX_SPAN, parseIntelHex } from "../../../src/core/mcuboot/intel-hex.js";
import { PackageError } from "../../../src/core/mcuboot/errors.js";
import { vectorBytes, vectorText } from "./manifest.js";

/** One record: ":" count, 16-bit offset, type, data, checksum (two's complement of the byte sum). */
function record(type: number, offset: number, data: readonly number[] = []): string {
  const bytes = [data.length, (offset >> 8) & 0xff, offset & 0xff, type, ...data];
  const sum = bytes.reduce((a, b) => a + b, 0);
  const checksum = (0x100 - (sum & 0xff)) & 0xff;
  return `:${[...bytes, checksum].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join("")}`;
}

const data = (offset: number, bytes: readonly number[]): string => record(0x00, offset, bytes);
const EOF = record(0x01, 0);
const linear = (upper: number): string => record(0x04, 0, [(upper >> 8) & 0xff, upper & 0xff]);
const segment = (paragraph: number): string => record(0x02, 0, [(paragraph >> 8) & 0xff, paragraph & 0xff]);
const file = (...records: string[]): string => `${records.join("\n")}\n`;

function refusal(text: string): PackageError {
  try {
    parseIntelHex(text);
  } catch (error) {
    if (error instanceof PackageError) return error;
    throw error;
  }
  throw new Error("parsed without an error");
}

/** The code, variant, hint and parameters of a bad-record refusal. */
function badHex(text: string): { variant: string | undefined; params: object; hint: string | undefined } {
  const e = refusal(text);
  expect(e.code).toBe("package-bad-hex");
  return { variant: e.variant, params: e.params, hint: e.hint };
}

describe("records read to memory", () => {
  test("the writer above matches the specification's worked example", () => {
    // The widely quoted example record: 16 data bytes at 0x0100, checksum 0x40.
    expect(
      record(
        0x00,
        0x0100,
        [0x21, 0x46, 0x01, 0x36, 0x01, 0x21, 0x47, 0x01, 0x36, 0x00, 0x7e, 0xfe, 0x09, 0xd2, 0x19, 0x01],
      ),
    ).toBe(":10010000214601360121470136007EFE09D2190140");
    expect(EOF).toBe(":00000001FF");
  });

  test("data records at their addresses, gaps erased to 0xff, base at the lowest address", () => {
    const hex = parseIntelHex(file(data(0x0104, [1, 2, 3]), data(0x0100, [0xaa, 0xbb]), EOF));
    expect(hex.baseAddress).toBe(0x100);
    expect(toHex(hex.bytes)).toBe("aabbffff010203");
    expect(hex.segments).toEqual([
      { start: 0x100, end: 0x102 },
      { start: 0x104, end: 0x107 },
    ]);
    expect(hex.startAddress).toBeUndefined();
  });

  test("records that touch join one segment; lowercase hex digits and CRLF are accepted", () => {
    const text = [data(0x0000, [1, 2]), data(0x0002, [3]), EOF].join("\r\n").toLowerCase();
    const hex = parseIntelHex(text);
    expect(toHex(hex.bytes)).toBe("010203");
    expect(hex.segments).toEqual([{ start: 0, end: 3 }]);
  });

  test("extended linear address records set the upper 16 bits", () => {
    const hex = parseIntelHex(
      file(linear(0x0800), data(0xfffe, [1, 2]), linear(0x0801), data(0x0000, [3]), EOF),
    );
    expect(hex.baseAddress).toBe(0x0800fffe);
    expect(toHex(hex.bytes)).toBe("010203");
    expect(hex.segments).toEqual([{ start: 0x0800fffe, end: 0x08010001 }]);
  });

  test("extended segment address records add paragraph * 16", () => {
    const hex = parseIntelHex(file(segment(0x1234), data(0x0010, [0x5a]), EOF));
    expect(hex.baseAddress).toBe(0x12340 + 0x10);
    expect(toHex(hex.bytes)).toBe("5a");
  });

  test("start linear (05) and start segment (03) addresses are kept as 32-bit values", () => {
    expect(
      parseIntelHex(file(data(0, [1]), record(0x05, 0, [0x08, 0x00, 0x01, 0x23]), EOF)).startAddress,
    ).toBe(0x08000123);
    expect(
      parseIntelHex(file(data(0, [1]), record(0x03, 0, [0x12, 0x34, 0x00, 0x10]), EOF)).startAddress,
    ).toBe(0x12340010);
  });

  test("empty data records carry no address: the base is the lowest byte actually written", () => {
    const hex = parseIntelHex(file(data(0x0000, []), data(0x0200, [7, 8]), EOF));
    expect(hex.baseAddress).toBe(0x200);
    expect(toHex(hex.bytes)).toBe("0708");
    expect(hex.segments).toEqual([{ start: 0x200, end: 0x202 }]);
  });

  test("the same bytes written twice are accepted (a short record inside a longer one)", () => {
    const hex = parseIntelHex(file(data(0x10, [1, 2, 3, 4, 5, 6, 7, 8]), data(0x12, [3, 4]), EOF));
    expect(toHex(hex.bytes)).toBe("0102030405060708");
    expect(hex.segments).toEqual([{ start: 0x10, end: 0x18 }]);
  });

  test("blank lines and surrounding spaces are ignored", () => {
    const hex = parseIntelHex(`\n  ${data(0, [9])}  \n\n${EOF}\n\n`);
    expect(toHex(hex.bytes)).toBe("09");
  });

  test("the vector's HEX file reads to exactly the image imgtool wrote next to it", () => {
    const hex = parseIntelHex(vectorText("images/hex/ed25519-1k-from-hex.hex"));
    expect(toHex(hex.bytes)).toBe(toHex(vectorBytes("images/hex/ed25519-1k-from-hex.bin")));
  });
});

describe("broken records name their line", () => {
  test("anything after the end-of-file record", () => {
    expect(badHex(file(data(0, [1]), EOF, data(1, [2])))).toEqual({
      variant: "after-end",
      params: { line: 3 },
      hint: "package-bad-hex",
    });
  });

  test.each([
    ["no colon", "000000001FF"],
    ["text before the colon", "AB:00000001FF"],
    ["too short", ":00000001"],
    ["an even number of characters", ":00000001FF0"],
    ["a character that is not hex", ":00000001FG"],
    ["a space inside", ":000000 01FF"],
  ])("not a record: %s", (_what, line) => {
    expect(badHex(file(data(0, [1]), line, EOF))).toEqual({
      variant: "not-a-record",
      params: { line: 2 },
      hint: "package-bad-hex",
    });
  });

  test("a byte count that does not match the record's length", () => {
    // Count says 2, one data byte present (checksum made to match so only the count is wrong).
    const line = ":0200000001FD";
    expect(badHex(file(line, EOF))).toEqual({
      variant: "byte-count",
      params: { line: 1, count: 2 },
      hint: "package-bad-hex",
    });
  });

  test("a wrong checksum", () => {
    const good = data(0, [1, 2]);
    const broken = `${good.slice(0, -2)}00`;
    expect(badHex(file(good, broken, EOF))).toMatchObject({ variant: "checksum", params: { line: 2 } });
  });

  test.each([
    [0x02, [0x10], "segment-address-length"],
    [0x04, [0x00, 0x08, 0x00], "linear-address-length"],
    [0x03, [0, 0, 1], "start-address-length"],
    [0x05, [0, 0, 0, 1, 2], "start-address-length"],
  ])("record type %i with the wrong length", (type, payload, variant) => {
    expect(badHex(file(data(0, [1]), record(type, 0, payload), EOF))).toEqual({
      variant,
      params: { line: 2 },
      hint: "package-bad-hex",
    });
  });

  test("an unknown record type, named in hex", () => {
    expect(badHex(file(data(0, [1]), record(0x06, 0, [1]), EOF))).toEqual({
      variant: "unknown-type",
      params: { line: 2, type: "06" },
      hint: "package-bad-hex",
    });
  });

  test("no end-of-file record: named after the last record's line", () => {
    expect(badHex(`${data(0, [1])}\n${data(1, [2])}\n\n`)).toEqual({
      variant: "no-end",
      params: { line: 2 },
      hint: "package-bad-hex",
    });
  });

  test("two records that write different bytes to one address", () => {
    expect(badHex(file(linear(0x0800), data(0x0010, [1, 2, 3, 4]), data(0x0012, [3, 9]), EOF))).toEqual({
      variant: "overlap",
      params: { line: 0, address: "8000013" },
      hint: "package-bad-hex",
    });
  });
});

describe("files that hold no image", () => {
  test("only an end record: empty", () => {
    const e = refusal(file(EOF));
    expect(e.code).toBe("package-empty");
    expect(e.variant).toBe("empty-hex");
    expect(e.hint).toBe("package-empty.empty-hex");
    expect(e.params).toEqual({});
  });

  test("only empty data records and addresses: empty", () => {
    expect(refusal(file(linear(1), data(0, []), record(0x05, 0, [0, 0, 0, 0]), EOF)).code).toBe(
      "package-empty",
    );
  });

  test("a span beyond 64 MiB is refused before anything is allocated; exactly 64 MiB is read", () => {
    const tooWide = refusal(file(data(0, [1]), linear(MAX_HEX_SPAN >>> 16), data(0, [2]), EOF));
    expect(MAX_HEX_SPAN).toBe(64 * 1024 * 1024);
    expect(tooWide.code).toBe("package-hex-too-large");
    expect(tooWide.params).toEqual({ low: "0", high: "4000001", value: 64 });
    expect(tooWide.hint).toBe("package-hex-too-large");

    const widest = parseIntelHex(
      file(data(0, [1]), linear((MAX_HEX_SPAN >>> 16) - 1), data(0xffff, [2]), EOF),
    );
    expect(widest.bytes.length).toBe(MAX_HEX_SPAN);
    expect(widest.bytes[0]).toBe(1);
    expect(widest.bytes[MAX_HEX_SPAN - 1]).toBe(2);
    expect(widest.bytes[1]).toBe(0xff);
  });
});

// The BOOT_RECORD TLV (imgtool's measured-boot CBOR map): the vectors' claims decoded in file order, then
// CBOR written by hand (RFC 8949 heads with 1-, 2- and 4-byte arguments) read exactly, and everything outside
// the subset MCUboot writes (other major types, 8-byte or indefinite lengths, truncation, trailing bytes,
// invalid UTF-8) refused as "not a boot record" rather than misread.
import { describe, expect, test } from "vitest";
import { fromHex, toHex } from "../../../src/core/bytes.js";
import { decodeBootRecord } from "../../../src/core/mcuboot/boot-record.js";
import { get, list, manifest, num, str } from "./manifest.js";

const decodeHex = (hex: string): ReturnType<typeof decodeBootRecord> => decodeBootRecord(fromHex(hex)!);

/** Entries with byte strings shown as hex, for comparing with the manifest. */
function plain(entries: ReturnType<typeof decodeBootRecord>): unknown {
  return entries?.map((e) => ({ ...e, value: e.value instanceof Uint8Array ? toHex(e.value) : e.value }));
}

describe("the vectors' boot records", () => {
  const records = manifest().flatMap((e) =>
    list(e.raw, "tlvs")
      .filter((t) => str(t, "type_name") === "BOOT_RECORD")
      .map((t) => ({ path: e.path, tlv: t })),
  );

  test("there are boot records to check", () => {
    expect(records.length).toBeGreaterThanOrEqual(4);
  });

  test("each decodes to the manifest's claims, in file order, with MCUboot's names", () => {
    for (const { path, tlv } of records) {
      const expected = list(get(tlv, "decoded"), "cbor_map_in_order").map((c) => ({
        key: num(c, 0),
        label: str(c, 1),
        value: get(c, 2),
      }));
      expect(plain(decodeHex(str(tlv, "value_hex"))), path).toEqual(expected);
    }
  });

  test("text claims are strings, the signer id and measurement are bytes", () => {
    const entries = decodeHex(str(records[0]!.tlv, "value_hex"))!;
    expect(entries.map((e) => [e.label, typeof e.value === "string" ? "text" : "bytes"])).toEqual([
      ["type", "text"],
      ["version", "text"],
      ["signer_id", "bytes"],
      ["measurement_description", "text"],
      ["measurement_value", "bytes"],
    ]);
  });
});

describe("hand-written CBOR", () => {
  test("unsigned integers with inline, 1-, 2- and 4-byte arguments", () => {
    // {1: 23, 2: 200, 4: 500, 5: 70000, 6: 4294967295}
    expect(decodeHex("a5" + "0117" + "0218c8" + "041901f4" + "051a00011170" + "061affffffff")).toEqual([
      { key: 1, label: "type", value: 23 },
      { key: 2, label: "measurement_value", value: 200 },
      { key: 4, label: "version", value: 500 },
      { key: 5, label: "signer_id", value: 70000 },
      { key: 6, label: "measurement_description", value: 4294967295 },
    ]);
  });

  test("keys with multi-byte arguments, and claims MCUboot does not name", () => {
    expect(decodeHex("a3" + "07" + "6161" + "1864" + "4101" + "19012c" + "00")).toEqual([
      { key: 7, label: "claim-7", value: "a" },
      { key: 100, label: "claim-100", value: Uint8Array.of(1) },
      { key: 300, label: "claim-300", value: 0 },
    ]);
  });

  test("an empty map, empty strings, and a map whose length uses a 1-byte argument", () => {
    expect(decodeHex("a0")).toEqual([]);
    expect(decodeHex("a2" + "0160" + "0240")).toEqual([
      { key: 1, label: "type", value: "" },
      { key: 2, label: "measurement_value", value: new Uint8Array(0) },
    ]);
    const many = Array.from({ length: 24 }, (_, i) => `18${(i + 30).toString(16)}00`).join("");
    expect(decodeHex(`b818${many}`)).toHaveLength(24);
  });

  test("UTF-8 text is decoded", () => {
    expect(decodeHex("a1" + "01" + "63c3a978")).toEqual([{ key: 1, label: "type", value: "éx" }]);
  });

  test.each([
    ["nothing at all", ""],
    ["an array, not a map", "810102"],
    ["a bare integer", "01"],
    ["a text key", "a1616101"],
    ["a negative key", "a12001"],
    ["a map missing its last value", "a101"],
    ["a map missing a key", "a20101"],
    ["a negative-integer value", "a10120"],
    ["an array value", "a10180"],
    ["a map value", "a101a0"],
    ["an 8-byte argument", "a1011b0000000000000001"],
    ["an 8-byte argument cut after four bytes", "a1011b00000001"],
    ["a reserved additional info (28)", "a1011c"],
    ["an indefinite-length text", "a1017f"],
    ["a truncated 2-byte argument", "a10119 01"],
    ["a truncated 4-byte argument", "a1011a000001"],
    ["a byte string longer than the record", "a1014401"],
    ["a text string longer than the record", "a101636162"],
    ["a text string running over what reads as one more claim", "a201630200"],
    ["a byte string running over what reads as one more claim", "a201430200"],
    ["invalid UTF-8 in a text claim", "a10162c328"],
    ["a lone continuation byte in a text claim", "a1016180"],
    ["bytes after the map", "a1010100"],
  ])("refused: %s", (_what, hex) => {
    expect(decodeHex(hex.replace(/ /g, ""))).toBeUndefined();
  });
});

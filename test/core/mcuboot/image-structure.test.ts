// The header and TLV readers on hand-built bytes, field by field and fault by fault: each way a file can fail
// MCUboot's bounds rules (bootutil/src/tlv.c, image.h) ends in its own code, variant and parameters, which the
// catalog words for a technician; and each TLV value MCUboot defines is decoded only at its exact length.
// The vectors tests cover imgtool's well-formed output; this covers what imgtool never writes.
import { describe, expect, test } from "vitest";
import { ByteReader } from "../../../src/core/mcuboot/byte-reader.js";
import { TLV_TYPES } from "../../../src/core/mcuboot/constants.js";
import { cryptoBytes, sameBytes } from "../../../src/core/mcuboot/digest.js";
import { readHeader } from "../../../src/core/mcuboot/header.js";
import { readTlvInfo, walkTlvArea, type ImageTlv } from "../../../src/core/mcuboot/tlv-area.js";
import { decodeTlvValue } from "../../../src/core/mcuboot/tlv-decode.js";

function caught(run: () => unknown): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error("did not throw");
}

/** A 32-byte header as bootutil/image.h lays it out. */
function header(over: { hdrSize?: number; flags?: number; big?: boolean } = {}): Uint8Array {
  const bytes = new Uint8Array(64);
  const view = new DataView(bytes.buffer);
  const little = !over.big;
  view.setUint32(0, 0x96f3b83d, little);
  view.setUint32(4, 0x08020000, little);
  view.setUint16(8, over.hdrSize ?? 32, little);
  view.setUint16(10, 0, little);
  view.setUint32(12, 16, little);
  view.setUint32(16, over.flags ?? 0, little);
  view.setUint8(20, 3);
  view.setUint8(21, 14);
  view.setUint16(22, 1592, little);
  view.setUint32(24, 70_000, little);
  return bytes;
}

describe("image header", () => {
  test("fields in either byte order, with the version as imgtool prints it", () => {
    for (const big of [false, true]) {
      const h = readHeader(header({ big }));
      expect(h).toMatchObject({
        endian: big ? "big" : "little",
        loadAddress: 0x08020000,
        headerSize: 32,
        imageSize: 16,
        version: { major: 3, minor: 14, revision: 1592, build: 70_000, text: "3.14.1592+70000" },
      });
    }
  });

  test("shorter than a header: image-too-short with the length found", () => {
    expect(caught(() => readHeader(header().subarray(0, 31)))).toMatchObject({
      code: "image-too-short",
      params: { bytesLength: 31, IMAGE_HEADER_SIZE: 32 },
    });
  });

  test("a header size below 32 bytes: image-bad-header with the size found", () => {
    expect(caught(() => readHeader(header({ hdrSize: 31 })))).toMatchObject({
      code: "image-bad-header",
      params: { headerSize: 31, IMAGE_HEADER_SIZE: 32 },
      variant: undefined,
    });
  });

  test("both AES key sizes flagged: image-bad-header, never a guess at one", () => {
    expect(caught(() => readHeader(header({ flags: 0x04 | 0x08 })))).toMatchObject({
      code: "image-bad-header",
      variant: "both-aes-flags",
    });
    expect(readHeader(header({ flags: 0x04 })).encryption).toBe("aes-128");
    expect(readHeader(header({ flags: 0x08 })).encryption).toBe("aes-256");
  });

  test("compression from the LZMA flags: LZMA1, LZMA2, LZMA2 with the ARM Thumb filter", () => {
    expect(readHeader(header()).compression).toBeUndefined();
    expect(readHeader(header({ flags: 0x200 })).compression).toBe("lzma1");
    expect(readHeader(header({ flags: 0x400 })).compression).toBe("lzma2");
    expect(readHeader(header({ flags: 0x400 | 0x800 })).compression).toBe("lzma2-arm-thumb");
    // The Thumb filter alone is not a compression.
    expect(readHeader(header({ flags: 0x800 })).compression).toBeUndefined();
  });
});

/** A TLV area: info header (magic, total) and TLVs (type u16, length u16, value), little-endian. */
function area(magic: number, tlvs: [number, Uint8Array][], totalOverride?: number): Uint8Array {
  const body = tlvs.flatMap(([type, value]) => [
    type & 0xff,
    type >> 8,
    value.length & 0xff,
    value.length >> 8,
    ...value,
  ]);
  const total = totalOverride ?? 4 + body.length;
  return Uint8Array.from([magic & 0xff, magic >> 8, total & 0xff, total >> 8, ...body]);
}

const reader = (bytes: Uint8Array, endian: "little" | "big" = "little") => new ByteReader(bytes, endian);

describe("TLV info header", () => {
  test("missing: image-truncated, naming the area as MCUboot does", () => {
    const bytes = new Uint8Array(10);
    expect(caught(() => readTlvInfo(reader(bytes), 8, "unprotected", 0x6907))).toMatchObject({
      code: "image-truncated",
      params: { label: "TLV info", start: "0x8", rLength: "0xa" },
      variant: undefined,
    });
    expect(caught(() => readTlvInfo(reader(bytes), 7, "protected", 0x6908))).toMatchObject({
      params: { label: "protected TLV info", start: "0x7" },
    });
  });

  test("a wrong magic: its own code per area, with the magic found and the one expected", () => {
    const bytes = area(0x1234, []);
    expect(caught(() => readTlvInfo(reader(bytes), 0, "unprotected", 0x6907))).toMatchObject({
      code: "image-bad-tlv-info",
      variant: "magic",
      params: { label: "TLV info", magic: "1234", start: "0x0", expected: "6907" },
    });
    expect(caught(() => readTlvInfo(reader(area(0x0042, [])), 0, "protected", 0x6908))).toMatchObject({
      code: "image-bad-protected-tlv-info",
      variant: "magic",
      params: { label: "protected TLV info", magic: "0042", expected: "6908" },
    });
  });

  test("a total smaller than the info header itself: too-small", () => {
    expect(caught(() => readTlvInfo(reader(area(0x6907, [], 3)), 0, "unprotected", 0x6907))).toMatchObject({
      code: "image-bad-tlv-info",
      variant: "too-small",
      params: { label: "TLV info", start: "0x0", total: 3 },
    });
    expect(caught(() => readTlvInfo(reader(area(0x6908, [], 0)), 0, "protected", 0x6908))).toMatchObject({
      code: "image-bad-protected-tlv-info",
      variant: "too-small",
    });
    // Exactly the info header: an empty area.
    expect(readTlvInfo(reader(area(0x6907, [])), 0, "unprotected", 0x6907)).toEqual({
      start: 0,
      end: 4,
      magic: 0x6907,
      total: 4,
    });
  });

  test("a total past the end of the file: image-truncated, area-past-end", () => {
    const bytes = area(0x6907, [], 9);
    expect(caught(() => readTlvInfo(reader(bytes), 0, "unprotected", 0x6907))).toMatchObject({
      code: "image-truncated",
      variant: "area-past-end",
      params: { value: "TLV", start: "0x0", end: "0x9", rLength: "0x4" },
    });
    expect(caught(() => readTlvInfo(reader(area(0x6908, [], 9)), 0, "protected", 0x6908))).toMatchObject({
      variant: "area-past-end",
      params: { value: "Protected TLV" },
    });
  });
});

describe("walking an area", () => {
  const walk = (bytes: Uint8Array, endian: "little" | "big" = "little") => {
    const r = reader(bytes, endian);
    const out: ImageTlv[] = [];
    const span = { start: 0, end: bytes.length, magic: 0x6907, total: bytes.length };
    let error: unknown;
    try {
      walkTlvArea(r, span, "unprotected", out);
    } catch (e) {
      error = e;
    }
    return { out, error: error as Record<string, unknown> | undefined };
  };

  test("TLVs in order with their offsets; a TLV header cut short ends the walk with what was read", () => {
    const whole = area(0x6907, [
      [0x10, new Uint8Array(32)],
      [0x50, Uint8Array.of(1, 0, 0, 0)],
    ]);
    const { out, error } = walk(Uint8Array.from([...whole, 0x01, 0x00]));
    expect(out.map((t) => [t.offset, t.type, t.name, t.length])).toEqual([
      [4, 0x10, "SHA256", 32],
      [40, 0x50, "SEC_CNT", 4],
    ]);
    expect(error).toMatchObject({
      code: "image-tlv-overrun",
      variant: undefined,
      params: { kind: "unprotected", at: "0x30", end: "0x32" },
    });
  });

  test("a TLV header that ends exactly at the area's end is read; a value past it is an overrun", () => {
    const emptyLast = area(0x6907, [[0xa0, new Uint8Array(0)]]);
    expect(walk(emptyLast).out.map((t) => [t.type, t.length])).toEqual([[0xa0, 0]]);
    const bytes = Uint8Array.from([0x07, 0x69, 0, 0, 0x24, 0x00, 0x40, 0x00, 1, 2, 3]);
    const { out, error } = walk(bytes);
    expect(out).toEqual([]);
    expect(error).toMatchObject({
      code: "image-tlv-overrun",
      variant: "entry-overruns",
      params: { kind: "unprotected", type: "24", at: "0x4", length: 64, end: "0xb" },
    });
  });

  test("big-endian images: built-in types as imgtool packs them (type byte, zero), custom types as u16", () => {
    // Each TLV as its two type bytes were written (length 0), and the type they mean.
    const written: [number, number, number][] = [
      [0x10, 0x00, 0x10], // SHA256 as imgtool -e big packs it
      [0xa0, 0xb0, 0xa0b0], // a custom type: a real u16
      [0xa1, 0x00, 0xa100], // at or above the vendor range a trailing zero is a real byte
      [0xa0, 0x00, 0xa000], // the first vendor type is not a built-in one either
      [0x00, 0x00, 0],
      [0x00, 0x10, 0x10], // a built-in type written as a real u16
      [0x10, 0x01, 0x1001], // a second byte that is not zero makes it a u16
    ];
    const bytes = Uint8Array.from([0x69, 0x07, 0, 0, ...written.flatMap(([b0, b1]) => [b0, b1, 0, 0])]);
    expect(walk(bytes, "big").out.map((t) => t.type)).toEqual(written.map(([, , type]) => type));
    // Little-endian: always a u16.
    expect(walk(Uint8Array.from([0, 0, 0, 0, 0x10, 0x01, 0, 0]), "little").out[0]!.type).toBe(0x110);
  });
});

describe("TLV values", () => {
  const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

  test("each fixed-size type is decoded only at its exact length", () => {
    expect(decodeTlvValue(TLV_TYPES.SEC_CNT, Uint8Array.of(1, 2, 0, 0), "little")).toEqual({
      kind: "security-counter",
      value: 0x0201,
    });
    expect(decodeTlvValue(TLV_TYPES.SEC_CNT, bytes(3), "little")).toBeUndefined();
    expect(decodeTlvValue(TLV_TYPES.DECOMP_SIZE, bytes(5), "little")).toBeUndefined();
    expect(decodeTlvValue(TLV_TYPES.COMP_DEC_SIZE, Uint8Array.of(0, 0, 1, 0), "big")).toEqual({
      kind: "size",
      size: 0x100,
    });
    expect(decodeTlvValue(TLV_TYPES.DEPENDENCY, bytes(11), "little")).toBeUndefined();
    expect(decodeTlvValue(TLV_TYPES.DEPENDENCY, bytes(13), "little")).toBeUndefined();
    expect(decodeTlvValue(TLV_TYPES.UUID_VID, bytes(15), "little")).toBeUndefined();
    expect(decodeTlvValue(TLV_TYPES.UUID_CID, bytes(16, 0xab), "little")).toEqual({
      kind: "uuid",
      uuid: "abababab-abab-abab-abab-abababababab",
    });
    expect(decodeTlvValue(TLV_TYPES.SIG_PURE, Uint8Array.of(1, 1), "little")).toBeUndefined();
    expect(decodeTlvValue(TLV_TYPES.SIG_PURE, Uint8Array.of(0), "little")).toEqual({
      kind: "sig-pure",
      pure: false,
    });
  });

  test("key-exchange TLVs: ephemeral key, HMAC and a wrapped AES-128 or AES-256 key, nothing else", () => {
    const layouts: [number, number, number][] = [
      [TLV_TYPES.ENCEC256, 65, 32],
      [TLV_TYPES.ENCX25519, 32, 32],
      [TLV_TYPES.ENCX25519_SHA512, 32, 64],
    ];
    for (const [type, keyLength, macLength] of layouts) {
      for (const wrapped of [16, 32]) {
        const value = Uint8Array.from({ length: keyLength + macLength + wrapped }, (_, i) => i);
        const decoded = decodeTlvValue(type, value, "little");
        expect(decoded).toEqual({
          kind: "ecies",
          ephemeralKey: value.subarray(0, keyLength),
          mac: value.subarray(keyLength, keyLength + macLength),
          wrappedKey: value.subarray(keyLength + macLength),
        });
      }
      for (const wrapped of [0, 15, 24, 33]) {
        expect(decodeTlvValue(type, bytes(keyLength + macLength + wrapped), "little")).toBeUndefined();
      }
    }
  });

  test("custom TLVs show printable ASCII (space to tilde) as text; anything else, or nothing, stays raw", () => {
    expect(decodeTlvValue(0xa0, Uint8Array.of(0x20, 0x41, 0x7e), "little")).toEqual({
      kind: "text",
      text: " A~",
    });
    expect(decodeTlvValue(0xa0, Uint8Array.of(0x41, 0x1f), "little")).toBeUndefined();
    expect(decodeTlvValue(0xa0, Uint8Array.of(0x41, 0x7f), "little")).toBeUndefined();
    expect(decodeTlvValue(0xa0, new Uint8Array(0), "little")).toBeUndefined();
    // Below the vendor range an unknown type is never guessed at, printable or not.
    expect(decodeTlvValue(0x9f, Uint8Array.of(0x41), "little")).toBeUndefined();
  });
});

describe("byte helpers", () => {
  test("sameBytes: equal length and content", () => {
    expect(sameBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(sameBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(false);
    expect(sameBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2))).toBe(false);
    expect(sameBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
  });

  test("cryptoBytes: a view of ordinary memory, a copy of shared memory", () => {
    const plain = Uint8Array.of(1, 2, 3, 4).subarray(1, 3);
    const view = cryptoBytes(plain);
    expect(view.buffer).toBe(plain.buffer);
    expect([...view]).toEqual([2, 3]);
    const shared = new Uint8Array(new SharedArrayBuffer(3));
    shared.set([7, 8, 9]);
    const copy = cryptoBytes(shared);
    expect(copy.buffer).toBeInstanceOf(ArrayBuffer);
    expect([...copy]).toEqual([7, 8, 9]);
  });
});

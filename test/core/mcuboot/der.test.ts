// The strict DER reader and writer (X.690) that key and ECDSA signature parsing rests on: every encoding a
// key tool writes reads back, and every malformed header (truncated, indefinite, non-minimal, high-tag,
// overrunning) is refused rather than guessed at.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import {
  DER,
  derChildren,
  derEncode,
  derOid,
  derUnsigned,
  derUnsignedInteger,
  oidText,
  readDer,
  readDerExact,
} from "../../../src/core/mcuboot/der.js";

const b = (...bytes: number[]): Uint8Array => Uint8Array.from(bytes);

describe("readDer", () => {
  it("reads short-form and long-form lengths, at an offset, as views of the input", () => {
    const short = readDer(b(0x04, 0x02, 0xaa, 0xbb));
    expect(short && [short.tag, toHex(short.value), toHex(short.raw)]).toEqual([0x04, "aabb", "0402aabb"]);
    const body = new Uint8Array(200).fill(7);
    const long = readDer(Uint8Array.from([0xff, 0x04, 0x81, 200, ...body, 0xee]), 1);
    expect(long?.value.length).toBe(200);
    expect(long?.raw.length).toBe(203);
    const two = readDer(Uint8Array.from([0x30, 0x82, 0x01, 0x00, ...new Uint8Array(256)]));
    expect(two?.value.length).toBe(256);
  });

  it("reads a four-byte length (the longest it accepts)", () => {
    const size = 0x01000000;
    const bytes = new Uint8Array(6 + size);
    bytes.set([0x04, 0x84, 0x01, 0x00, 0x00, 0x00]);
    expect(readDer(bytes)?.value.length).toBe(size);
  });

  it.each([
    ["no bytes", b()],
    ["a tag without a length", b(0x30)],
    ["an offset past the end", b(0x05, 0x00)],
    ["a high-tag-number tag (0x1f)", b(0x1f, 0x00)],
    ["a constructed high-tag-number tag (0x3f)", b(0x3f, 0x00)],
    ["an indefinite length (BER, not DER)", b(0x30, 0x80, 0x00, 0x00)],
    ["a five-byte length", b(0x04, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00)],
    ["a length cut off after its count", b(0x04, 0x82, 0x01)],
    ["a long length with a leading zero", b(0x04, 0x82, 0x00, 0x80, ...new Uint8Array(128))],
    ["a long form for a length under 128", b(0x04, 0x81, 0x05, 1, 2, 3, 4, 5)],
    ["content running past the end", b(0x04, 0x05, 0x01, 0x02)],
  ])("refuses %s", (what, bytes) => {
    expect(readDer(bytes, what === "an offset past the end" ? 2 : 0)).toBeUndefined();
  });

  it("accepts a long-form length of exactly 128 and a single zero-length element", () => {
    expect(readDer(b(0x04, 0x81, 0x80, ...new Uint8Array(128)))?.value.length).toBe(128);
    expect(readDer(b(0x05, 0x00))?.raw.length).toBe(2);
  });
});

describe("readDerExact", () => {
  it("needs the element to fill the bytes exactly", () => {
    expect(readDerExact(b(0x05, 0x00))?.tag).toBe(DER.NULL);
    expect(readDerExact(b(0x05, 0x00, 0x00))).toBeUndefined();
    expect(readDerExact(b(0x05, 0x01))).toBeUndefined();
    expect(readDerExact(b())).toBeUndefined();
  });
});

describe("derChildren", () => {
  it("splits a SEQUENCE into its elements and refuses children that do not tile it", () => {
    const ok = readDerExact(b(0x30, 0x05, 0x02, 0x01, 0x05, 0x05, 0x00))!;
    expect(derChildren(ok)?.map((c) => c.tag)).toEqual([DER.INTEGER, DER.NULL]);
    const ragged = readDerExact(b(0x30, 0x04, 0x02, 0x01, 0x05, 0x05))!;
    expect(derChildren(ragged)).toBeUndefined();
    expect(derChildren(readDerExact(b(0x30, 0x00))!)).toEqual([]);
  });
});

describe("derUnsigned", () => {
  const int = (...bytes: number[]) => readDerExact(b(0x02, bytes.length, ...bytes))!;
  it("strips the sign byte of a positive INTEGER with its top bit set", () => {
    expect(toHex(derUnsigned(int(0x00, 0x80))!)).toBe("80");
    expect(toHex(derUnsigned(int(0x7f, 0x01))!)).toBe("7f01");
    expect(toHex(derUnsigned(int(0x00))!)).toBe("00");
  });

  it("matches node:crypto's RSA modulus and exponent (sign padding included)", () => {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const der = new Uint8Array(publicKey.export({ format: "der", type: "pkcs1" }));
    const jwk = publicKey.export({ format: "jwk" });
    const [n, e] = derChildren(readDerExact(der)!)!;
    expect(Buffer.from(derUnsigned(n!)!).toString("base64url")).toBe(jwk.n);
    expect(Buffer.from(derUnsigned(e!)!).toString("base64url")).toBe(jwk.e);
  });

  it.each([
    ["a negative INTEGER", readDerExact(b(0x02, 0x01, 0x80))!],
    ["a non-minimal INTEGER (needless 0x00)", readDerExact(b(0x02, 0x02, 0x00, 0x01))!],
    ["an empty INTEGER", readDerExact(b(0x02, 0x00))!],
    ["an OCTET STRING", readDerExact(b(0x04, 0x01, 0x01))!],
  ])("refuses %s", (_what, node) => {
    expect(derUnsigned(node)).toBeUndefined();
  });
});

describe("OIDs", () => {
  it.each([
    ["1.2.840.10045.2.1", "06072a8648ce3d0201"],
    ["1.3.132.0.34", "06052b81040022"],
    ["1.3.101.112", "06032b6570"],
    ["2.5.4.3", "0603550403"],
    // X.690 §8.19.5's example: the first two arcs {2 100} do not fit one byte.
    ["2.100.3", "0603813403"],
    ["2.999.1", "0603883701"],
  ])("%s encodes as %s and reads back", (text, hex) => {
    expect(toHex(derOid(text))).toBe(hex);
    expect(oidText(readDerExact(derOid(text))!)).toBe(text);
  });

  it("reads the curve OIDs out of node:crypto's keys", () => {
    const spki = generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey.export({
      format: "der",
      type: "spki",
    });
    const [algorithm] = derChildren(readDerExact(new Uint8Array(spki))!)!;
    expect(derChildren(algorithm!)!.map((n) => oidText(n))).toEqual(["1.2.840.10045.2.1", "1.3.132.0.34"]);
  });

  it("refuses an empty OID and a non-OID element", () => {
    expect(oidText(readDerExact(b(0x06, 0x00))!)).toBeUndefined();
    expect(oidText(readDerExact(b(0x04, 0x03, 0x2b, 0x65, 0x70))!)).toBeUndefined();
  });
});

describe("derEncode", () => {
  it("switches to a long-form length at 128 bytes of content, split across parts", () => {
    expect(toHex(derEncode(0x04, new Uint8Array(127)).subarray(0, 2))).toBe("047f");
    const at128 = derEncode(0x04, new Uint8Array(100), new Uint8Array(28).fill(1));
    expect(toHex(at128.subarray(0, 3))).toBe("048180");
    expect(at128.length).toBe(131);
    expect(at128[103]).toBe(1);
    expect(toHex(derEncode(0x30, new Uint8Array(0x1234)).subarray(0, 4))).toBe("30821234");
    expect(toHex(derEncode(DER.NULL))).toBe("0500");
  });
});

describe("derUnsignedInteger", () => {
  it.each([
    ["00", "020100", "00"],
    ["0000", "020100", "00"],
    ["7f", "02017f", "7f"],
    ["80", "02020080", "80"],
    ["000080", "02020080", "80"],
    ["00017f", "0202017f", "017f"],
    ["ff01", "020300ff01", "ff01"],
  ])("writes the magnitude %s minimally as %s", (magnitude, der, readBack) => {
    const written = derUnsignedInteger(Uint8Array.from(Buffer.from(magnitude, "hex")));
    expect(toHex(written)).toBe(der);
    expect(toHex(derUnsigned(readDerExact(written)!)!)).toBe(readBack);
  });
});

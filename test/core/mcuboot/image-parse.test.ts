// Image structure faults the tampered vectors do not cover, made by rebuilding the TLV areas of imgtool's
// unsigned images (imgtool sign without a key: SHA256 only, or a protected SEC_CNT as well): two hash TLVs,
// a hash of the wrong length, an encrypted flag without a key exchange TLV, protected areas that are missing,
// misnamed or not announced, and a file cut at the end of the body. Each must give its own typed error with
// the parameters the message shows.
import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { ByteReader } from "../../../src/core/mcuboot/byte-reader.js";
import {
  ALLOWED_UNPROTECTED_TLV_TYPES,
  KEY_EXCHANGE_TLV_TYPES,
  TLV_TYPES,
  tlvName,
} from "../../../src/core/mcuboot/constants.js";
import {
  DecryptionError,
  ImageFormatError,
  PackageError,
  KeyImportError,
  hex32,
} from "../../../src/core/mcuboot/errors.js";
import { inspectImage, parseImage, parseImageHeader } from "../../../src/core/mcuboot/image.js";
import { get, manifest, vectorBytes } from "./manifest.js";

const UNSIGNED = "images/unsigned/sha256-1k.bin"; // body [0x200, 0x600), then the TLV area
const WITH_SECCNT = "images/seccnt/unsigned-seccnt-auto.bin"; // protected area [0x600, 0x60c)
const BODY_END = 0x600;

type Tlv = readonly [type: number, value: Uint8Array];

function area(magic: number, tlvs: readonly Tlv[]): Uint8Array {
  const total = 4 + tlvs.reduce((n, [, v]) => n + 4 + v.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint16(0, magic, true);
  view.setUint16(2, total, true);
  let at = 4;
  for (const [type, value] of tlvs) {
    view.setUint16(at, type, true);
    view.setUint16(at + 2, value.length, true);
    out.set(value, at + 4);
    at += 4 + value.length;
  }
  return out;
}

/** The unsigned vector's header and body with the given TLV areas (and the header's protected size to match). */
function image(unprotected: readonly Tlv[], protectedTlvs?: readonly Tlv[], flags = 0): Uint8Array {
  const base = vectorBytes(UNSIGNED).subarray(0, BODY_END);
  const prot = protectedTlvs ? area(0x6908, protectedTlvs) : new Uint8Array(0);
  const tlvs = area(0x6907, unprotected);
  const out = new Uint8Array(base.length + prot.length + tlvs.length);
  out.set(base);
  out.set(prot, base.length);
  out.set(tlvs, base.length + prot.length);
  const view = new DataView(out.buffer);
  view.setUint16(10, prot.length, true);
  view.setUint32(16, flags, true);
  return out;
}

const storedHash = (): Uint8Array => parseImage(vectorBytes(UNSIGNED)).hash.value.slice();
const bytesOf = (length: number, fill: number): Uint8Array => new Uint8Array(length).fill(fill);

function fault(bytes: Uint8Array): ImageFormatError {
  const problem = inspectImage(bytes).problem;
  expect(problem).toBeInstanceOf(ImageFormatError);
  expect(() => parseImage(bytes)).toThrow(problem!);
  return problem!;
}

describe("the image hash TLV", () => {
  test("the rebuilt unsigned image parses like the original", () => {
    const rebuilt = image([[TLV_TYPES.SHA256, storedHash()]]);
    expect(toHex(rebuilt)).toBe(toHex(vectorBytes(UNSIGNED)));
  });

  test("two hash TLVs: which one the device reports is ambiguous, so the image is refused", () => {
    const e = fault(
      image([
        [TLV_TYPES.SHA256, storedHash()],
        [TLV_TYPES.SHA384, bytesOf(48, 1)],
      ]),
    );
    expect(e.code).toBe("image-bad-hash-tlv");
    expect(e.params).toEqual({ hashesLength: 2 });
    expect(e.variant).toBeUndefined();
    expect(e.hint).toBe("image-file");
  });

  test.each([
    [TLV_TYPES.SHA256, 31, "SHA256", 32],
    [TLV_TYPES.SHA256, 48, "SHA256", 32],
    [TLV_TYPES.SHA384, 32, "SHA384", 48],
    [TLV_TYPES.SHA512, 48, "SHA512", 64],
  ])("hash TLV type %i with %i bytes: wrong length", (type, length, name, expected) => {
    const e = fault(image([[type, bytesOf(length, 7)]]));
    expect(e.code).toBe("image-bad-hash-tlv");
    expect(e.variant).toBe("wrong-length");
    expect(e.params).toEqual({ firstName: name, firstLength: length, expected });
  });

  test("a hash TLV in the protected area is not the image hash: the unprotected one is", () => {
    const parsed = parseImage(
      image([[TLV_TYPES.SHA256, storedHash()]], [[TLV_TYPES.SHA256, bytesOf(32, 0xaa)]]),
    );
    expect(parsed.hash.tlv.area).toBe("unprotected");
    expect(parsed.hash.hex).toBe(toHex(storedHash()));
  });

  test("only a protected hash TLV: no image hash", () => {
    const e = fault(image([], [[TLV_TYPES.SHA256, storedHash()]]));
    expect(e.code).toBe("image-no-hash");
  });

  test("the summary's image hash is a copy: changing it leaves the image alone", () => {
    const bytes = vectorBytes(UNSIGNED);
    const summary = parseImageHeader(bytes);
    expect(toHex(summary.imageHash)).toBe(summary.imageHashHex);
    summary.imageHash.fill(0);
    expect(parseImageHeader(bytes).imageHashHex).toBe(toHex(storedHash()));
    expect(summary.imageHashHex).toBe(toHex(storedHash()));
  });
});

describe("encrypted images need their key exchange TLV", () => {
  const ENCRYPTED_AES128 = 0x4;

  test("the flag without a key exchange TLV is refused", () => {
    const e = fault(image([[TLV_TYPES.SHA256, storedHash()]], undefined, ENCRYPTED_AES128));
    expect(e.code).toBe("image-bad-encryption");
    expect(e.params).toEqual({});
  });

  test("a key exchange TLV in the protected area does not count (MCUboot reads it unprotected)", () => {
    const e = fault(
      image([[TLV_TYPES.SHA256, storedHash()]], [[TLV_TYPES.ENCX25519, bytesOf(80, 3)]], ENCRYPTED_AES128),
    );
    expect(e.code).toBe("image-bad-encryption");
  });

  test.each(KEY_EXCHANGE_TLV_TYPES.map((t) => [tlvName(t), t]))(
    "an unprotected %s TLV is enough",
    (_n, type) => {
      const parsed = parseImage(
        image(
          [
            [TLV_TYPES.SHA256, storedHash()],
            [type, bytesOf(80, 3)],
          ],
          undefined,
          ENCRYPTED_AES128,
        ),
      );
      expect(parsed.header.encryption).toBe("aes-128");
    },
  );
});

describe("the body and the protected TLV area", () => {
  test("a file one byte short of the body's end", () => {
    const e = fault(vectorBytes(UNSIGNED).subarray(0, BODY_END - 1));
    expect(e.code).toBe("image-truncated");
    expect(e.variant).toBe("body-past-end");
    expect(e.params).toEqual({ bodyEnd: "0x600", bytesLength: "0x5ff" });
  });

  test("a file that ends exactly where the body does: the TLV info is missing, not the body", () => {
    const e = fault(vectorBytes(UNSIGNED).subarray(0, BODY_END));
    expect(e.code).toBe("image-truncated");
    expect(e.variant).toBeUndefined();
    expect(e.params).toEqual({ label: "TLV info", start: "0x600", rLength: "0x600" });
    const protectedCut = fault(vectorBytes(WITH_SECCNT).subarray(0, BODY_END));
    expect(protectedCut.code).toBe("image-truncated");
    expect(protectedCut.params).toMatchObject({ label: "protected TLV info" });
  });

  test("a protected size with the unprotected magic where the protected area should start", () => {
    const bytes = vectorBytes(WITH_SECCNT).slice();
    bytes[BODY_END] = 0x07; // 0x6908 -> 0x6907
    const e = fault(bytes);
    expect(e.code).toBe("image-bad-protected-tlv-info");
    expect(e.variant).toBeUndefined();
    expect(e.params).toEqual({ protectedTlvSize: 12, bodyEnd: "0x600", u16: "6907" });
  });

  test("a protected size with nothing like a TLV info there: the value found is shown as four hex digits", () => {
    const bytes = vectorBytes(WITH_SECCNT).slice();
    new DataView(bytes.buffer).setUint16(BODY_END, 0x0012, true);
    expect(fault(bytes).params).toEqual({ protectedTlvSize: 12, bodyEnd: "0x600", u16: "0012" });
  });

  test("the header's protected size disagrees with the area's total", () => {
    const bytes = vectorBytes(WITH_SECCNT).slice();
    new DataView(bytes.buffer).setUint16(10, 16, true);
    const e = fault(bytes);
    expect(e.code).toBe("image-bad-protected-tlv-info");
    expect(e.variant).toBe("size-mismatch");
    expect(e.params).toEqual({ total: 12, protectedTlvSize: 16 });
  });

  test("a protected area the header does not announce", () => {
    const bytes = vectorBytes(WITH_SECCNT).slice();
    new DataView(bytes.buffer).setUint16(10, 0, true);
    const inspection = inspectImage(bytes);
    expect(inspection.header?.protectedTlvSize).toBe(0);
    const e = fault(bytes);
    expect(e.code).toBe("image-bad-protected-tlv-info");
    expect(e.variant).toBe("unexpected-area");
    expect(e.params).toEqual({ bodyEnd: "0x600" });
  });
});

describe("layout", () => {
  test("every image vector's regions are where the manifest puts them", () => {
    const range = (r: { start: number; end: number } | undefined): unknown => (r ? [r.start, r.end] : null);
    const images = manifest().filter(
      (e) =>
        e.kind === "image" && e.path.endsWith(".bin") && get(e.raw, "expected", "outcome") !== "malformed",
    );
    expect(images.length).toBeGreaterThan(50);
    for (const e of images) {
      const layout = parseImage(vectorBytes(e.path)).layout;
      expect(
        {
          header: range(layout.header),
          header_padding: range(layout.headerPadding),
          body: range(layout.body),
          protected_tlv_area: range(layout.protectedTlvArea),
          tlv_area: range(layout.tlvArea),
          signed_region: range(layout.signedRegion),
          after_tlv_area: range(layout.afterTlvArea),
        },
        e.path,
      ).toEqual(get(e.raw, "layout"));
    }
  });
});

describe("format constants and helpers the parser relies on", () => {
  test("TLV names: MCUboot's built-in types, VENDOR from 0xa0, UNKNOWN below", () => {
    expect(tlvName(0x10)).toBe("SHA256");
    expect(tlvName(0x60)).toBe("BOOT_RECORD");
    expect(tlvName(0x75)).toBe("UUID_CID");
    expect(tlvName(0x0f)).toBe("UNKNOWN");
    expect(tlvName(0x9f)).toBe("UNKNOWN");
    expect(tlvName(0xa0)).toBe("VENDOR");
    expect(tlvName(0xffff)).toBe("VENDOR");
    for (const [name, type] of Object.entries(TLV_TYPES)) expect(tlvName(type)).toBe(name);
  });

  test("the key exchange types and the unprotected allow list are MCUboot's", () => {
    expect([...KEY_EXCHANGE_TLV_TYPES]).toEqual([0x30, 0x31, 0x32, 0x33, 0x34]);
    expect([...ALLOWED_UNPROTECTED_TLV_TYPES].sort((a, b) => a - b)).toEqual([
      0x01, 0x02, 0x10, 0x11, 0x12, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x30, 0x31, 0x32, 0x33, 0x34,
    ]);
  });

  test("bounds: a range is inside only when it starts at a whole, non-negative offset and ends by the end", () => {
    const r = new ByteReader(new Uint8Array(8), "little");
    expect(r.has(0, 8)).toBe(true);
    expect(r.has(8, 0)).toBe(true);
    expect(r.has(0, 0)).toBe(true);
    expect(r.has(7, 2)).toBe(false);
    expect(r.has(-1, 1)).toBe(false);
    expect(r.has(-2, 4)).toBe(false);
    expect(r.has(1.5, 1)).toBe(false);
    expect(r.has(Number.NaN, 1)).toBe(false);
    expect(r.has(2, -1)).toBe(false);
  });

  test("error classes carry their code and the hint the catalog shows", () => {
    expect(new ImageFormatError("image-no-hash").hint).toBe("image-file");
    expect(new ImageFormatError("image-no-hash", {}, { hint: "other" }).hint).toBe("other");
    const d = new DecryptionError("decrypt-wrong-key", { key: "enc" });
    expect([d.code, d.hint, d.params]).toEqual(["decrypt-wrong-key", "decrypt-key", { key: "enc" }]);
    expect(new DecryptionError("decrypt-failed", {}, { variant: "x" }).messageKey).toBe(
      "error.decrypt-failed.x",
    );
    expect(new PackageError("package-empty").hint).toBeUndefined();
    expect(new KeyImportError("key-bad-pem").code).toBe("key-bad-pem");
    expect(hex32(0x1234)).toBe("0x00001234");
    expect(hex32(0x96f3b83d)).toBe("0x96f3b83d");
  });
});

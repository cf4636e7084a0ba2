// The slot trailer of padded images: the vectors' trailers (max-align 8 with the v1 magic, 16 and 32 with the
// v2 magic) read as the manifest records them, then hand-built trailers at the edges MCUboot allows
// (max-align 8..1024, powers of two), in both byte orders, and the files that only look like one.
import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { BOOT_MAGIC_V1, BOOT_MAGIC_V2_TAIL } from "../../../src/core/mcuboot/constants.js";
import { parseImage } from "../../../src/core/mcuboot/image.js";
import { readTrailer } from "../../../src/core/mcuboot/trailer.js";
import { get, manifest, num, str, vectorBytes } from "./manifest.js";

describe("the vectors' trailers", () => {
  const padded = manifest().filter(
    (e) =>
      (e.kind === "image" || e.kind === "tampered") &&
      e.path.endsWith(".bin") &&
      get(e.raw, "trailer") !== undefined,
  );

  test("read exactly as the manifest records them, or absent where it says there is no magic", () => {
    expect(padded.length).toBeGreaterThanOrEqual(10);
    for (const e of padded) {
      const image = parseImage(vectorBytes(e.path));
      if (get(e.raw, "trailer", "magic_hex") === undefined) {
        expect(image.trailer, e.path).toBeUndefined();
        continue;
      }
      const imageOk = Number.parseInt(str(e.raw, "trailer", "image_ok"), 16);
      expect(image.trailer && { ...image.trailer, magic: toHex(image.trailer.magic) }, e.path).toEqual({
        magicOffset: num(e.raw, "trailer", "magic_offset"),
        magic: str(e.raw, "trailer", "magic_hex"),
        maxAlign: num(e.raw, "trailer", "max_align"),
        imageOkOffset: num(e.raw, "trailer", "image_ok_offset"),
        imageOk,
        copyDone: Number.parseInt(str(e.raw, "trailer", "copy_done"), 16),
        swapInfo: Number.parseInt(str(e.raw, "trailer", "swap_info"), 16),
        swapSize: Number.parseInt(str(e.raw, "trailer", "swap_size_hex"), 16),
        confirmed: imageOk === 1,
      });
    }
  });

  test("--test leaves image_ok erased (not confirmed); --confirm sets it", () => {
    expect(parseImage(vectorBytes("images/padded/ed25519-pad-test.bin")).trailer).toMatchObject({
      imageOk: 0xff,
      confirmed: false,
    });
    expect(parseImage(vectorBytes("images/padded/ed25519-pad-confirm.bin")).trailer).toMatchObject({
      imageOk: 0x01,
      confirmed: true,
    });
  });
});

/**
 * A slot tail of `fields + 16` aligned fields after `tlvEnd` bytes of image: swap_size, swap_info, copy_done
 * and image_ok each in its own max-align field below the (aligned) magic, each marked with its own value.
 */
function slot(
  maxAlign: number,
  opts: { v1?: boolean; tlvEnd?: number; extra?: number } = {},
): {
  bytes: Uint8Array;
  tlvEnd: number;
} {
  const tlvEnd = opts.tlvEnd ?? 64;
  const magicArea = Math.ceil(16 / maxAlign) * maxAlign;
  const length = tlvEnd + (opts.extra ?? 0) + 4 * maxAlign + magicArea;
  const bytes = new Uint8Array(length).fill(0xee);
  const magicOffset = length - 16;
  if (opts.v1) bytes.set(BOOT_MAGIC_V1, magicOffset);
  else {
    bytes[magicOffset] = maxAlign & 0xff;
    bytes[magicOffset + 1] = maxAlign >> 8;
    bytes.set(BOOT_MAGIC_V2_TAIL, magicOffset + 2);
  }
  const imageOk = length - magicArea - maxAlign;
  bytes[imageOk] = 0x01;
  bytes[imageOk - maxAlign] = 0x02; // copy_done
  bytes[imageOk - 2 * maxAlign] = 0x03; // swap_info
  bytes.set([0x00, 0x10, 0x02, 0x00], imageOk - 3 * maxAlign); // swap_size
  return { bytes, tlvEnd };
}

describe("hand-built trailers", () => {
  test("max-align 8 with the v1 magic: fields 8 bytes apart below the magic", () => {
    const { bytes, tlvEnd } = slot(8, { v1: true });
    expect(readTrailer(bytes, tlvEnd, "little")).toEqual({
      magicOffset: bytes.length - 16,
      magic: bytes.subarray(bytes.length - 16),
      maxAlign: 8,
      imageOkOffset: bytes.length - 24,
      imageOk: 1,
      copyDone: 2,
      swapInfo: 3,
      swapSize: 0x00021000,
      confirmed: true,
    });
  });

  test("swap_size is read in the image's byte order", () => {
    const { bytes, tlvEnd } = slot(8, { v1: true });
    expect(readTrailer(bytes, tlvEnd, "big")?.swapSize).toBe(0x00100200);
  });

  test.each([8, 16, 32, 64, 512, 1024])("max-align %i with the v2 magic", (maxAlign) => {
    const { bytes, tlvEnd } = slot(maxAlign);
    const magicArea = Math.ceil(16 / maxAlign) * maxAlign;
    expect(readTrailer(bytes, tlvEnd, "little")).toMatchObject({
      maxAlign,
      imageOkOffset: bytes.length - magicArea - maxAlign,
      imageOk: 1,
      copyDone: 2,
      swapInfo: 3,
      swapSize: 0x00021000,
      confirmed: true,
    });
  });

  test.each([4, 2048, 24, 48])(
    "no trailer for a v2 magic claiming max-align %i, even with room for its fields",
    (maxAlign) => {
      const { bytes, tlvEnd } = slot(maxAlign);
      expect(readTrailer(bytes, tlvEnd, "little")).toBeUndefined();
    },
  );

  test.each([0, 0xc277])("no trailer for a v2 magic claiming max-align %i", (maxAlign) => {
    const { bytes, tlvEnd } = slot(16);
    bytes[bytes.length - 16] = maxAlign & 0xff;
    bytes[bytes.length - 15] = maxAlign >> 8;
    expect(readTrailer(bytes, tlvEnd, "little")).toBeUndefined();
  });

  test("erased or flipped magic bytes: no trailer", () => {
    const { bytes, tlvEnd } = slot(16);
    bytes.fill(0xff, bytes.length - 14);
    expect(readTrailer(bytes, tlvEnd, "little")).toBeUndefined();
    const v1 = slot(8, { v1: true });
    v1.bytes[v1.bytes.length - 1]! ^= 1;
    expect(readTrailer(v1.bytes, v1.tlvEnd, "little")).toBeUndefined();
    const v2 = slot(16);
    v2.bytes[v2.bytes.length - 1]! ^= 1;
    expect(readTrailer(v2.bytes, v2.tlvEnd, "little")).toBeUndefined();
  });

  test("a trailer must lie wholly after the TLV area: the lowest field may start exactly at its end", () => {
    const exact = slot(16, { tlvEnd: 100 });
    expect(readTrailer(exact.bytes, 100, "little")?.swapSize).toBe(0x00021000);
    expect(readTrailer(exact.bytes, 101, "little")).toBeUndefined();
    // The magic itself overlapping the TLV area.
    expect(readTrailer(exact.bytes, exact.bytes.length - 15, "little")).toBeUndefined();
    expect(readTrailer(new Uint8Array(10), 0, "little")).toBeUndefined();
  });
});

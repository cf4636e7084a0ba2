// The simulator's own minimal MCUboot reader against imgtool's images (../shared/vectors/mcuboot): the hash it
// reports is the SHA-256 TLV value; images without one (SHA-384/512 builds, removed TLV) report none.
import { describe, expect, test } from "vitest";
import {
  buildImage,
  findImageHash,
  readImageHeader,
  readImageInfo,
  versionString,
} from "../../src/sim/index.js";
import { sha256 } from "../../src/sim/sha256.js";
import { readVectorBytes, readVectorJson } from "../support/vectors.js";
import { hex } from "../support/sim/smp-packets.js";

interface Entry {
  path: string;
  littleEndian: boolean;
  unprotectedSha256: string[];
  parseErrors: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function entries(): Entry[] {
  const manifest = readVectorJson("mcuboot", "manifest.json");
  if (!Array.isArray(manifest)) throw new Error("manifest is not a list");
  const out: Entry[] = [];
  for (const r of manifest) {
    if (!isRecord(r)) continue;
    if ((r.kind !== "image" && r.kind !== "tampered") || r.format !== "binary" || typeof r.path !== "string")
      continue;
    const tlvs: unknown[] = Array.isArray(r.tlvs) ? r.tlvs : [];
    const sha = tlvs.flatMap((t) =>
      isRecord(t) &&
      t.type === 16 &&
      t.length === 32 &&
      t.area === "unprotected" &&
      typeof t.value_hex === "string"
        ? [t.value_hex]
        : [],
    );
    out.push({
      path: r.path,
      littleEndian: r.endian !== "big",
      unprotectedSha256: sha,
      parseErrors: Array.isArray(r.parse_errors) && r.parse_errors.length > 0,
    });
  }
  return out;
}

describe("findImageHash on imgtool images", () => {
  test("equals the SHA-256 TLV value for every well-formed little-endian image that has one", () => {
    const checked = entries().filter(
      (e) => e.littleEndian && !e.parseErrors && e.unprotectedSha256.length === 1,
    );
    expect(checked.length).toBeGreaterThan(80);
    for (const e of checked) {
      const hash = findImageHash(readVectorBytes("mcuboot", ...e.path.split("/")));
      expect(hash && hex(hash), e.path).toBe(e.unprotectedSha256[0]);
    }
  });

  test("is undefined without a SHA-256 TLV", () => {
    for (const path of ["images/unsigned/sha384-1k.bin", "tampered/ed25519-seccnt-hash-tlv-removed.bin"]) {
      expect(findImageHash(readVectorBytes("mcuboot", ...path.split("/"))), path).toBeUndefined();
    }
  });

  test("header fields and Zephyr's version string", () => {
    const image = readVectorBytes("mcuboot", "images", "signed", "ed25519-1k.bin");
    const header = readImageHeader(image);
    expect(header).toMatchObject({
      magic: 0x96f3b83d,
      hdrSize: 512,
      imgSize: 1024,
      protectTlvSize: 0,
      flags: 0,
    });
    expect(versionString(header.version)).toBe("1.2.3.4");
    expect(versionString({ major: 1, minor: 2, revision: 3, build: 0 })).toBe("1.2.3");
  });
});

describe("buildImage", () => {
  test("builds an image whose hash TLV is the SHA-256 of header and body", async () => {
    const image = await buildImage({
      version: { major: 2, minor: 1, revision: 7, build: 9 },
      bodySize: 1000,
    });
    const info = readImageInfo(image);
    expect(info.ok).toBe(true);
    if (!info.ok) return;
    expect(versionString(info.header.version)).toBe("2.1.7.9");
    expect(hex(info.hash)).toBe(hex(await sha256(image.subarray(0, 0x200 + 1000))));
  });

  test("erased flash reads as no image; a bad magic is reported as such", () => {
    expect(readImageInfo(new Uint8Array(64).fill(0xff))).toEqual({ ok: false, err: 3 });
    expect(readImageInfo(new Uint8Array(64))).toEqual({ ok: false, err: 23 });
  });
});

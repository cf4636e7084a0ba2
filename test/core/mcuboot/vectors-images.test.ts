// Golden test: every image and tampered file in vectors/mcuboot/manifest.json gives the manifest's expected
// outcome, header, TLV list, hashes, key identification and trailer (follows `expected`, not imgtool).
import { describe, expect, it } from "vitest";
import { questionInEnglish } from "../../support/in-english.js";
import { toHex } from "../../../src/core/bytes.js";
import {
  importDecryptionKey,
  importTrustedKey,
  readPackage,
  verifyImage,
  type VerificationReport,
} from "../../../src/core/mcuboot/index.js";
import { get, list, manifest, num, optStr, str, vectorBytes, vectorText, type Entry } from "./manifest.js";

const images = manifest().filter((e) => e.kind === "image" || e.kind === "tampered");

async function run(e: Entry, withDecryptionKey = true): Promise<VerificationReport> {
  const trusted = optStr(e.raw, "trusted_key");
  const encryption = optStr(e.raw, "encryption_key");
  const keys = trusted ? [await importTrustedKey(vectorText(trusted), { name: trusted })] : [];
  const decryptionKeys =
    encryption && withDecryptionKey
      ? [await importDecryptionKey(vectorText(encryption), { name: encryption })]
      : [];
  const pkg = await readPackage(vectorBytes(e.path), e.path);
  expect(pkg.images).toHaveLength(1);
  return verifyImage(pkg.images[0]!.bytes, keys, { decryptionKeys });
}

function checkHeader(e: Entry, report: VerificationReport): void {
  const h = get(e.raw, "header");
  if (typeof h !== "object" || h === null) return;
  if (report.errorCode === "image-bad-magic") {
    // Not an MCUboot header at all: nothing is read from it.
    expect(report.header).toBeUndefined();
    expect(questionInEnglish(report.reason)).toContain(str(h, "magic"));
    return;
  }
  const header = report.header;
  expect(header).toBeDefined();
  if (!header) return;
  expect(header.endian).toBe(str(e.raw, "endian"));
  expect(header.magic).toBe(parseInt(str(h, "magic"), 16));
  expect(header.loadAddress).toBe(parseInt(str(h, "load_addr"), 16));
  expect(header.headerSize).toBe(num(h, "hdr_size"));
  expect(header.protectedTlvSize).toBe(num(h, "protect_tlv_size"));
  expect(header.imageSize).toBe(num(h, "img_size"));
  expect(header.flags).toBe(parseInt(str(h, "flags"), 16));
  expect([...header.flagNames]).toEqual(list(h, "flags_names"));
  expect(header.version.major).toBe(num(h, "version", "major"));
  expect(header.version.minor).toBe(num(h, "version", "minor"));
  expect(header.version.revision).toBe(num(h, "version", "revision"));
  expect(header.version.build).toBe(num(h, "version", "build"));
  expect(header.version.text).toBe(str(h, "version_str"));
  expect(header.pad1).toBe(parseInt(str(h, "pad1"), 16));
}

function checkTlvs(e: Entry, report: VerificationReport): void {
  const expected = list(e.raw, "tlvs");
  expect(report.tlvs.map((t) => (t.area === "protected" ? `prot:${t.name}` : t.name))).toEqual(
    list(e.raw, "tlv_summary"),
  );
  expect(report.tlvs).toHaveLength(expected.length);
  expected.forEach((t, i) => {
    const got = report.tlvs[i]!;
    expect(got.area).toBe(str(t, "area"));
    expect(got.offset).toBe(num(t, "offset"));
    expect(got.type).toBe(num(t, "type"));
    expect(got.name).toBe(str(t, "type_name"));
    expect(got.length).toBe(num(t, "length"));
    expect(toHex(got.value)).toBe(str(t, "value_hex"));
    const decoded = get(t, "decoded");
    if (decoded === undefined) return;
    const d = got.decoded;
    expect(d, `decoded ${got.name}`).toBeDefined();
    if (!d) return;
    if (d.kind === "security-counter") expect(d.value).toBe(num(decoded, "security_counter"));
    else if (d.kind === "size") expect(d.size).toBe(num(decoded, "size"));
    else if (d.kind === "uuid") expect(d.uuid).toBe(str(decoded, "uuid"));
    else if (d.kind === "sig-pure") expect(d.pure).toBe(get(decoded, "pure"));
    else if (d.kind === "text") expect(d.text).toBe(str(decoded, "ascii"));
    else if (d.kind === "dependency") {
      expect(d.imageId).toBe(num(decoded, "image_id"));
      expect(d.minVersion.text).toBe(str(decoded, "min_version"));
    } else if (d.kind === "boot-record") {
      const claims = list(decoded, "cbor_map_in_order");
      expect(
        d.entries.map((c) => [c.key, c.label, c.value instanceof Uint8Array ? toHex(c.value) : c.value]),
      ).toEqual(claims);
    } else throw new Error(`unexpected decoded kind ${d.kind}`);
  });
}

function checkHash(e: Entry, report: VerificationReport): void {
  const hash = get(e.raw, "hash");
  if (typeof hash !== "object" || hash === null || report.outcome === "malformed") return;
  expect(report.hash.algorithm).toBe(str(hash, "algorithm"));
  expect(report.imageHashHex).toBe(str(hash, "tlv_value_hex"));
  expect(report.hash.stored && toHex(report.hash.stored)).toBe(str(hash, "tlv_value_hex"));
  expect(report.layout?.signedRegion.end).toBe(num(hash, "region_length"));
  const overFile = str(hash, "computed_over_file_hex");
  const afterDecryption = optStr(e.raw, "decryption", "hash_over_decrypted_region_hex");
  const computed = report.hash.computed && toHex(report.hash.computed);
  if (report.hash.over === "decrypted-body") expect(computed).toBe(afterDecryption);
  else expect(computed).toBe(overFile);
  // Never a digest of ciphertext presented as the image's hash.
  if (get(e.raw, "hash", "matches_after_decryption") === true) expect(computed).not.toBe(overFile);
}

function checkLayout(e: Entry, report: VerificationReport): void {
  const layout = get(e.raw, "layout");
  // Never skipped. A malformed file gets no layout from the verifier (it makes no claim about regions of a
  // file it could not parse through; the vectors' layout of such a file is often partial). Every other file
  // must have one, and it must be the vectors' to the byte.
  if (report.outcome === "malformed") {
    expect(report.layout, "a malformed file has no layout").toBeUndefined();
    return;
  }
  expect(typeof layout === "object" && layout !== null, "the vectors record a layout").toBe(true);
  const l = report.layout;
  expect(l, "a well-formed file has a layout").toBeDefined();
  if (!l) return;
  expect([l.body.start, l.body.end]).toEqual(get(layout, "body"));
  expect([l.tlvArea.start, l.tlvArea.end]).toEqual(get(layout, "tlv_area"));
  expect([l.signedRegion.start, l.signedRegion.end]).toEqual(get(layout, "signed_region"));
  expect([l.afterTlvArea.start, l.afterTlvArea.end]).toEqual(get(layout, "after_tlv_area"));
  const prot = get(layout, "protected_tlv_area");
  expect(l.protectedTlvArea ? [l.protectedTlvArea.start, l.protectedTlvArea.end] : null).toEqual(prot);
}

function checkTrailer(e: Entry, report: VerificationReport): void {
  const trailer = get(e.raw, "trailer");
  if (typeof trailer !== "object" || trailer === null || report.outcome === "malformed") return;
  const magic = optStr(trailer, "magic_hex");
  if (!magic) {
    expect(report.trailer).toBeUndefined();
    return;
  }
  const t = report.trailer;
  expect(t).toBeDefined();
  if (!t) return;
  expect(toHex(t.magic)).toBe(magic);
  expect(t.maxAlign).toBe(num(trailer, "max_align"));
  expect(t.magicOffset).toBe(num(trailer, "magic_offset"));
  expect(t.imageOkOffset).toBe(num(trailer, "image_ok_offset"));
  expect(t.imageOk).toBe(parseInt(str(trailer, "image_ok"), 16));
  expect(t.copyDone).toBe(parseInt(str(trailer, "copy_done"), 16));
  expect(t.swapInfo).toBe(parseInt(str(trailer, "swap_info"), 16));
  expect(t.swapSize).toBe(parseInt(str(trailer, "swap_size_hex"), 16));
}

describe("MCUboot reference vectors: images and tampered files", () => {
  it("covers the whole manifest", () => {
    expect(manifest()).toHaveLength(396);
    expect(images.length).toBe(153);
  });

  it.each(images.map((e) => [e.path, e] as const))("%s", async (_path, e) => {
    const report = await run(e);
    const expected = str(e.raw, "expected", "outcome");
    expect(report.outcome, questionInEnglish(report.reason)).toBe(expected);
    expect(report.complete).toBe(true);
    checkHeader(e, report);
    checkTlvs(e, report);
    checkHash(e, report);
    checkLayout(e, report);
    checkTrailer(e, report);
    if (expected === "valid" && optStr(e.raw, "trusted_key")) {
      expect(report.signedBy).toBe(optStr(e.raw, "trusted_key"));
      expect(report.signature.status).toBe("verified");
      expect(report.signature.tlv).toBe(str(e.raw, "expected", "signature_tlv_expected"));
      expect(report.signature.keyTlv).toBe(str(e.raw, "expected", "key_tlv"));
      expect(report.signature.mode).toBe(
        str(e.raw, "expected", "signature_mode").startsWith("pure") ? "pure" : "digest",
      );
    }
    if (expected !== "valid") expect(report.signedBy).toBeUndefined();
    const hex = get(e.raw, "flattened_size");
    if (typeof hex === "number") expect(report.layout?.afterTlvArea.end).toBe(hex);
  });

  const encrypted = images.filter((e) => optStr(e.raw, "encryption_key") !== undefined);
  it.each(encrypted.map((e) => [e.path, e] as const))("%s without its decryption key", async (_path, e) => {
    const report = await run(e, false);
    const stored = get(e.raw, "hash", "matches") === true;
    if (stored) {
      expect(report.outcome).toBe(str(e.raw, "expected", "outcome"));
      return;
    }
    expect(report.hash.status).toBe("not-checked");
    expect(report.hash.computed).toBeUndefined();
    expect(report.complete).toBe(false);
    expect(report.notChecked.map((n) => n.key)).toContain("verify.not-checked.encrypted-hash");
    expect(report.notChecked.map(questionInEnglish).join(" ")).toMatch(/encrypted/);
    expect(report.outcome).toBe("valid");
    expect(questionInEnglish(report.reason)).toMatch(/^Partially verified/);
  });
});

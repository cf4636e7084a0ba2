// verifyImage beyond the golden vectors: several trusted keys, KEYHASH-only pins, parseImageHeader for the
// upload engine, and the report's JSON form.
import { describe, expect, it } from "vitest";
import { questionInEnglish } from "../../support/in-english.js";
import { toHex } from "../../../src/core/bytes.js";
import {
  importTrustedKey,
  parseImageHeader,
  reportToJson,
  verifyImage,
} from "../../../src/core/mcuboot/index.js";
import { ecdsaDerToRaw } from "../../../src/core/mcuboot/ecdsa-signature.js";
import { vectorBytes, vectorText } from "./manifest.js";

const key = (path: string, name: string) => importTrustedKey(vectorText(path), { name });

describe("verifyImage", () => {
  it("picks the signer among several trusted keys by KEYHASH and names it", async () => {
    const keys = [
      await key("keys/ed25519-other.pub.pem", "old"),
      await key("keys/rsa-2048.pub.pem", "rsa"),
      await key("keys/ed25519.pub.pem", "production"),
    ];
    const report = await verifyImage(vectorBytes("images/signed/ed25519-1k.bin"), keys);
    expect(report).toMatchObject({ outcome: "valid", complete: true, signedBy: "production" });
    expect(report.signature).toMatchObject({ status: "verified", keyType: "ed25519", keyTlv: "KEYHASH" });
  });

  it("verifies with a KEYHASH pin when the image carries the full public key (PUBKEY)", async () => {
    const pin = await importTrustedKey(vectorBytes("keys/rsa-2048.pubhash.raw"), { name: "rsa-pin" });
    const report = await verifyImage(vectorBytes("images/signed/rsa-2048-1k-pubkey-full.bin"), [pin]);
    expect(report).toMatchObject({ outcome: "valid", signedBy: "rsa-pin" });
    expect(report.signature.keyTlv).toBe("PUBKEY");
  });

  it("refuses a KEYHASH-only pin when the image names its key only by KEYHASH", async () => {
    const pin = await importTrustedKey(vectorText("keys/ed25519.pubhash.c"), { name: "pin" });
    const report = await verifyImage(vectorBytes("images/signed/ed25519-1k.bin"), [pin]);
    expect(report.outcome).toBe("bad-signature");
    expect(report.reason).toEqual({ key: "verify.signature.pin-only", params: { key: "pin" } });
    expect(questionInEnglish(report.reason)).toMatch(/names pinned key "pin" by KEYHASH only/);
  });

  it("does not match a getpubhash (SHA-256) pin against a SHA-512 KEYHASH", async () => {
    const pin = await importTrustedKey(vectorText("keys/ed25519.pubhash.c"), { name: "pin" });
    const report = await verifyImage(vectorBytes("images/signed/ed25519-1k-sha512.bin"), [pin]);
    expect(report.outcome).toBe("bad-signature");
    expect(report.reason).toEqual({ key: "verify.signature.key-not-trusted", params: { keyTlv: "KEYHASH" } });
    expect(questionInEnglish(report.reason)).toMatch(/The KEYHASH TLV does not identify a trusted key/);
  });

  it("verifies a pure ed25519 image over the whole signed region", async () => {
    const report = await verifyImage(vectorBytes("images/signed/ed25519-1k-pure.bin"), [
      await key("keys/ed25519.pub.pem", "ed"),
    ]);
    expect(report.signature).toMatchObject({ status: "verified", mode: "pure" });
  });

  it("gives the JSON form with bytes as hex", async () => {
    const report = await verifyImage(vectorBytes("images/tlv/ed25519-all-protected.bin"), [
      await key("keys/ed25519.pub.pem", "ed"),
    ]);
    const json = reportToJson(report);
    expect(json).toMatchObject({ outcome: "valid", signedBy: "ed", imageHash: report.imageHashHex });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("warns about protected-only TLVs found outside the protected area", async () => {
    // Rewrite the unprotected KEYHASH TLV type into SEC_CNT: not covered by the signature.
    const bytes = vectorBytes("images/signed/ed25519-1k.bin").slice();
    bytes[1540 + 36] = 0x50;
    const report = await verifyImage(bytes, []);
    expect(report.warnings).toContainEqual({
      key: "verify.warning.unprotected-tlv",
      params: { tlv: "SEC_CNT", type: "0x50" },
    });
    expect(report.warnings.map(questionInEnglish).join(" ")).toMatch(/SEC_CNT .* unprotected area/);
  });
});

describe("parseImageHeader", () => {
  it("gives version and the image hash as the device reports it, without hashing", () => {
    const summary = parseImageHeader(vectorBytes("images/signed/ed25519-1k-seccnt-bootrec.bin"));
    expect(summary.version).toBe("1.2.3+4");
    expect(summary.hashAlgorithm).toBe("sha256");
    expect(summary.imageHashHex).toBe("0a603340dd5a818f0c6fd70d61a6e9f5d71db0f4af32994127d8c8c0b7aa5a30");
    expect(toHex(summary.imageHash)).toBe(summary.imageHashHex);
  });

  it("throws a typed error on a broken image", () => {
    expect(() => parseImageHeader(vectorBytes("tampered/ed25519-seccnt-hash-tlv-removed.bin"))).toThrow(
      expect.objectContaining({ code: "image-no-hash" }),
    );
  });
});

describe("ecdsaDerToRaw", () => {
  it("accepts zero padding after the DER (imgtool --pad-sig) and rejects anything else", () => {
    const der = Uint8Array.of(0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07);
    expect(toHex(ecdsaDerToRaw(der, 2)!)).toBe("00050007");
    expect(ecdsaDerToRaw(Uint8Array.of(...der, 0, 0), 2)).toBeDefined();
    expect(ecdsaDerToRaw(Uint8Array.of(...der, 1), 2)).toBeUndefined();
    expect(ecdsaDerToRaw(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x80), 2)).toBeUndefined();
  });
});

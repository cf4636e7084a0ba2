// The verification report beyond its outcome, field by field, for each path through the verifier: no trusted
// key, a trusted key, the wrong key, an encrypted body with and without its key, a damaged hash, warnings,
// and a malformed file. The vectors test checks outcomes and parsed structure; this checks what the report
// tells a technician (reason, what was not checked, the signature's details).
import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import {
  importDecryptionKey,
  importTrustedKey,
  verifyImage,
  type TrustedKey,
} from "../../../src/core/mcuboot/index.js";
import { verifierFor } from "../../../src/core/update/image-acceptance.js";
import { questionInEnglish as en } from "../../support/in-english.js";
import { vectorBytes, vectorText } from "./manifest.js";

const trusted = (file: string, name: string): Promise<TrustedKey> =>
  importTrustedKey(vectorText(`keys/${file}`), { name });

const SIGNED = "images/signed/ed25519-1k-pure-seccnt.bin";

describe("no trusted key", () => {
  test("a signed image: valid and complete on its hash, the signature named but not required", async () => {
    const bytes = vectorBytes("images/seccnt/ed25519-seccnt-auto.bin");
    const report = await verifyImage(bytes, []);
    expect(report.outcome).toBe("valid");
    expect(report.complete).toBe(true);
    expect(report.reason).toEqual({ key: "verify.valid-no-key", params: {} });
    expect(en(report.reason)).toBe("hash matches; no key is trusted so no signature is required");
    expect(report.notChecked).toEqual([
      { key: "verify.not-checked.signature-untrusted", params: { tlv: "ED25519" } },
    ]);
    expect(report.notChecked.map(en)).toEqual([
      "signature: the image carries ED25519 but no key is trusted, so it was not checked.",
    ]);
    const sigTlv = report.tlvs.find((t) => t.name === "ED25519");
    expect(report.signature).toEqual({
      status: "not-required",
      tlv: "ED25519",
      value: sigTlv?.value,
      keyName: undefined,
      keyType: undefined,
      keyTlv: undefined,
      mode: "digest",
      detail: { key: "verify.signature.no-trusted-key", params: {} },
    });
    expect(en(report.signature.detail)).toBe("no key is trusted");
    expect(report.signedBy).toBeUndefined();
    expect(report.hash.status).toBe("match");
    expect(report.hash.over).toBe("stored-bytes");
    expect(report.imageHashHex).toBe(toHex(report.hash.stored!));
    expect(report.warnings).toEqual([]);
  });

  test("a pure-signed image says so; an unsigned one names no signature", async () => {
    const pure = await verifyImage(vectorBytes(SIGNED), []);
    expect(pure.signature.mode).toBe("pure");
    const unsigned = await verifyImage(vectorBytes("images/unsigned/sha256-1k.bin"), []);
    expect(unsigned.outcome).toBe("valid");
    expect(unsigned.notChecked).toEqual([]);
    expect(unsigned.signature).toMatchObject({
      status: "not-required",
      tlv: undefined,
      value: undefined,
      mode: undefined,
    });
  });

  test("an encrypted body without its key: partly verified, and says what to give", async () => {
    const report = await verifyImage(vectorBytes("images/encrypted/ed25519-x25519-aes128.bin"), []);
    expect(report.outcome).toBe("valid");
    expect(report.complete).toBe(false);
    expect(report.reason.key).toBe("verify.partial-no-key");
    expect(en(report.reason)).toBe(
      "Partially verified: the hash of the encrypted body could not be checked and no key is trusted. Give the decryption key to verify fully.",
    );
    expect(report.hash).toMatchObject({ status: "not-checked", computed: undefined, over: undefined });
    expect(report.notChecked[0]).toEqual({
      key: "verify.not-checked.encrypted-hash",
      params: { encryption: expect.any(String) },
    });
    expect(en(report.notChecked[0])).toMatch(
      /^image hash: the body is encrypted \(.+\) and no given decryption key fits it/,
    );
  });
});

describe("with trusted keys", () => {
  test("signed by a trusted key: complete, signed by its name, the key and TLV named", async () => {
    const report = await verifyImage(vectorBytes("images/seccnt/ed25519-seccnt-auto.bin"), [
      await trusted("ecdsa-p256.pub.pem", "other"),
      await trusted("ed25519.pub.pem", "prod"),
    ]);
    expect(report.outcome).toBe("valid");
    expect(report.complete).toBe(true);
    expect(report.signedBy).toBe("prod");
    expect(report.reason).toEqual({ key: "verify.valid", params: { key: "prod", keyType: "ed25519" } });
    expect(en(report.reason)).toBe(
      'hash matches and the signature verifies with trusted key "prod" (ed25519)',
    );
    expect(report.notChecked).toEqual([]);
    expect(report.signature).toMatchObject({
      status: "verified",
      tlv: "ED25519",
      keyName: "prod",
      keyType: "ed25519",
      mode: "digest",
    });
  });

  test("signed by another key: bad signature, nobody named as signer", async () => {
    const report = await verifyImage(vectorBytes("images/seccnt/ed25519-seccnt-auto.bin"), [
      await trusted("ed25519-other.pub.pem", "other"),
    ]);
    expect(report.outcome).toBe("bad-signature");
    expect(report.signedBy).toBeUndefined();
    expect(report.signature.status).toBe("failed");
    expect(report.signature.keyName).toBeUndefined();
    expect(report.reason).toBe(report.signature.detail);
    expect(report.complete).toBe(true);
  });

  test("an encrypted body without its key: the signature over the stored hash, and what was not checked", async () => {
    const bytes = vectorBytes("images/encrypted/ed25519-x25519-aes128.bin");
    const report = await verifyImage(bytes, [await trusted("ed25519.pub.pem", "prod")]);
    expect(report.outcome).toBe("valid");
    expect(report.complete).toBe(false);
    expect(report.signedBy).toBe("prod");
    const stored = toHex(report.hash.stored!);
    expect(report.reason).toEqual({
      key: "verify.partial",
      params: {
        hash: "unchecked",
        signature: "verified",
        key: "prod",
        keyType: "ed25519",
        hashTlv: "SHA256",
        stored: stored.slice(0, 16),
      },
    });
    expect(en(report.reason)).toBe(
      `Partially verified: the hash of the encrypted body could not be checked; the signature verifies with trusted key "prod" (ed25519) (over the stored SHA256 value ${stored.slice(0, 16)}…). Give the decryption key to verify fully.`,
    );
    expect(report.decryptedWith).toBeUndefined();
  });

  test("an encrypted body with its key: hashed after decryption, complete, the key named", async () => {
    const bytes = vectorBytes("images/encrypted/ed25519-x25519-aes128.bin");
    const decryptionKeys = [await importDecryptionKey(vectorText("keys/enc-x25519.pem"), { name: "enc" })];
    const report = await verifyImage(bytes, [await trusted("ed25519.pub.pem", "prod")], { decryptionKeys });
    expect(report.outcome).toBe("valid");
    expect(report.complete).toBe(true);
    expect(report.hash).toMatchObject({ status: "match", over: "decrypted-body" });
    expect(report.decryptedWith).toBe("enc");
    expect(report.notChecked).toEqual([]);
  });
});

describe("what cannot be checked, and the key an image names", () => {
  test("an ECDSA image with an encrypted body and no decryption key: neither hash nor signature checked", async () => {
    const bytes = vectorBytes("images/encrypted/ecdsa-p256-ec256-aes128.bin");
    const report = await verifyImage(bytes, [await trusted("ecdsa-p256.pub.pem", "prod")]);
    expect(report.outcome).toBe("valid");
    expect(report.complete).toBe(false);
    expect(report.signedBy).toBeUndefined();
    expect(report.signature.status).toBe("not-checked");
    expect(report.signature.keyName).toBeUndefined();
    expect(en(report.reason)).toBe(
      "Partially verified: the hash of the encrypted body could not be checked; the signature could not be checked. Give the decryption key to verify fully.",
    );
    expect(report.notChecked).toHaveLength(2);
    expect(report.signature.detail).toEqual({
      key: "verify.signature.plaintext-unavailable",
      params: { tlv: "ECDSASIG", key: "prod" },
    });
    expect(en(report.notChecked[1])).toBe(`signature: ${en(report.signature.detail)}.`);
    expect(en(report.notChecked[1])).toBe(
      'signature: the ECDSASIG signature (key "prod") covers the plaintext image, which is not available: the body is encrypted and no decryption key was given.',
    );
  });

  test("an image that carries its full public key names PUBKEY", async () => {
    const report = await verifyImage(vectorBytes("images/signed/ed25519-1k-pubkey-full.bin"), [
      await trusted("ed25519.pub.pem", "prod"),
    ]);
    expect(report.signature).toMatchObject({ status: "verified", keyTlv: "PUBKEY", keyName: "prod" });
  });

  test("the CLI's verifier reports the version with its build number, and the exact hash", async () => {
    const keys = [await trusted("ed25519.pub.pem", "prod")];
    const verify = verifierFor(keys, false);
    const withBuild = await verify(vectorBytes("images/signed/ed25519-1k-pubkey-full.bin"));
    expect(withBuild).toMatchObject({ accepted: true, version: "1.2.3+4" });
    const noBuild = await verify(vectorBytes("images/version/ed25519-v1.2.bin"));
    expect(noBuild.version).toBe("1.2.0");
    const report = await verifyImage(vectorBytes("images/version/ed25519-v1.2.bin"), keys);
    expect(toHex(noBuild.hash)).toBe(report.imageHashHex);
    const garbage = await verify(new Uint8Array(64));
    expect(garbage).toMatchObject({ accepted: false, version: "unknown" });
    expect(garbage.hash).toHaveLength(0);
  });
});

describe("damaged and unusual images", () => {
  test("an encrypted body that decrypts but does not match: the reason says both ways were tried", async () => {
    const clean = vectorBytes("images/encrypted/ed25519-x25519-aes128.bin");
    const decryptionKeys = [await importDecryptionKey(vectorText("keys/enc-x25519.pem"), { name: "enc" })];
    const keys = [await trusted("ed25519.pub.pem", "prod")];
    const start = (await verifyImage(clean, keys, { decryptionKeys })).layout!.body.start;
    const bytes = clean.slice();
    bytes[start + 10]! ^= 0x40;
    const report = await verifyImage(bytes, keys, { decryptionKeys });
    expect(report.outcome).toBe("hash-mismatch");
    expect(report.reason).toEqual({
      key: "verify.hash-mismatch-decrypted",
      params: { hashTlv: "SHA256", algorithm: "sha256", key: "enc" },
    });
    expect(en(report.reason)).toBe(
      'The SHA256 TLV does not match the sha256 over the signed region, neither as stored nor after decrypting the body with "enc": the image is damaged or was altered after signing.',
    );
    expect(report.decryptedWith).toBe("enc");
  });

  test("a changed body: hash mismatch, the signature not checked, and why", async () => {
    const bytes = vectorBytes("images/seccnt/ed25519-seccnt-auto.bin").slice();
    bytes[0x300]! ^= 0x01;
    const report = await verifyImage(bytes, [await trusted("ed25519.pub.pem", "prod")]);
    expect(report.outcome).toBe("hash-mismatch");
    expect(report.reason).toEqual({
      key: "verify.hash-mismatch",
      params: { hashTlv: "SHA256", algorithm: "sha256" },
    });
    expect(en(report.reason)).toBe(
      "The SHA256 TLV does not match the sha256 over the signed region: the image is damaged or was altered after signing.",
    );
    expect(en(report.signature.detail)).toBe("not checked: the hash does not match");
    expect(report.signature.status).toBe("absent");
    expect(report.signedBy).toBeUndefined();
    expect(report.imageHash).toEqual(report.hash.stored);
  });

  test("a compressed body is verified as stored, with a warning about what MCUboot checks after decompressing", async () => {
    const report = await verifyImage(vectorBytes("images/compressed/ed25519-lzma2.bin"), []);
    expect(report.warnings).toContainEqual({ key: "verify.warning.compressed", params: {} });
    expect(report.warnings.map(en)).toContain(
      "The body is compressed: MCUboot checks DECOMP_SHA/DECOMP_SIGNATURE after decompressing; they are not checked here.",
    );
  });

  test("a TLV outside MCUboot's unprotected allow list is warned about", async () => {
    const report = await verifyImage(vectorBytes("images/tlv/ed25519-custom-tlvs.bin"), []);
    const unprotected = report.tlvs.filter(
      (t) =>
        t.area === "unprotected" && !["SHA256", "ED25519", "KEYHASH", "PUBKEY", "SIG_PURE"].includes(t.name),
    );
    expect(report.warnings.length).toBeGreaterThanOrEqual(unprotected.length);
    const tlvWarnings = report.warnings.filter((w) => w.key === "verify.warning.unprotected-tlv");
    expect(tlvWarnings.map((w) => w.params.tlv)).toEqual(unprotected.map((t) => t.name));
    for (const w of tlvWarnings.map(en)) {
      expect(w).toMatch(
        /^TLV \S+ \(0x[0-9a-f]+\) is in the unprotected area, so the signature does not cover it; MCUboot with its TLV allow list \(the Zephyr default\) rejects such images\.$/,
      );
    }
    const plain = await verifyImage(vectorBytes("images/seccnt/ed25519-seccnt-auto.bin"), []);
    expect(plain.warnings).toEqual([]);
  });

  test("a malformed file: the parser's code and message, nothing claimed", async () => {
    const bytes = vectorBytes("images/seccnt/ed25519-seccnt-auto.bin").subarray(0, 0x100);
    const report = await verifyImage(bytes, [await trusted("ed25519.pub.pem", "prod")]);
    expect(report.outcome).toBe("malformed");
    expect(report.errorCode).toMatch(/^image-/);
    // The reason is the parser's own error, with its parameters: what exactly is wrong with the file.
    expect(report.reason.key).toMatch(new RegExp(`^error\\.${report.errorCode}(\\.|$)`));
    expect(en(report.reason).length).toBeGreaterThan(20);
    expect(en(report.reason)).not.toMatch(/^error\./);
    expect(en(report.reason)).not.toBe("The image could not be read.");
    expect(report).toMatchObject({
      complete: true,
      notChecked: [],
      warnings: [],
      signedBy: undefined,
      imageHash: undefined,
      layout: undefined,
    });
    expect(report.hash).toEqual({
      algorithm: undefined,
      stored: undefined,
      computed: undefined,
      status: "absent",
      over: undefined,
    });
    expect(report.signature).toMatchObject({ status: "absent" });
    expect(en(report.signature.detail)).toBe("not checked");
  });
});

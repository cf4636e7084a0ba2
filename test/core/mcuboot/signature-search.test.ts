// Which signature a trusted key made, and when none did, the exact reason the report gives: the key TLV that
// names no trusted key, a PUBKEY that is no signing key, a key that cannot have signed this hash, a signature
// that does not verify. Reference images, and images built here with node:crypto where imgtool would not.
import { createHash, createPrivateKey, generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { importTrustedKey, verifyImage, type TrustedKey } from "../../../src/core/mcuboot/index.js";
import { BODY, buildImage, sha256, type Tlv } from "./build-image.js";
import { vectorBytes, vectorText } from "./manifest.js";

const trusted = (file: string, name = file): Promise<TrustedKey> =>
  importTrustedKey(vectorText(`keys/${file}.pub.pem`), { name });
const pin = (file: string, name = "pin"): Promise<TrustedKey> =>
  importTrustedKey(vectorBytes(`keys/${file}.pubhash.raw`), { name });

const ED25519 = createPrivateKey(vectorText("keys/ed25519.pem"));
const edSign = (digest: Uint8Array): Tlv => ({
  type: 0x24,
  value: new Uint8Array(sign(null, digest, ED25519)),
});
const tlvValue = (bytes: Uint8Array, at: number, length: number) => bytes.subarray(at + 4, at + 4 + length);

describe("no signature TLV for the trusted keys", () => {
  test.each([
    ["images/signed/ed25519-1k.bin", ["ecdsa-p256"], "ECDSASIG"],
    ["images/signed/ed25519-1k.bin", ["ecdsa-p256", "ecdsa-p384"], "ECDSASIG"],
    ["images/signed/ed25519-1k.bin", ["ecdsa-p256", "rsa-2048", "rsa-3072"], "ECDSASIG/RSA2048/RSA3072"],
    ["images/signed/ecdsa-p256-1k.bin", ["ed25519", "rsa-3072"], "ED25519/RSA3072"],
  ])("%s with %j: names the TLVs those keys sign with", async (path, files, tlv) => {
    const bytes = vectorBytes(path);
    const report = await verifyImage(bytes, await Promise.all(files.map((f) => trusted(f))));
    expect(report.outcome).toBe("bad-signature");
    expect(report.reason).toEqual({
      key: "verify.signature.no-signature-tlv",
      params: { tlv, keyCount: files.length },
    });
    // The signature the image does carry is still shown.
    const carried = report.tlvs.find(
      (t) => t.area === "unprotected" && t.name !== "SHA256" && t.name !== "KEYHASH",
    )!;
    expect(report.signature).toMatchObject({ status: "failed", tlv: carried.name, value: carried.value });
    expect(report.signature.keyName).toBeUndefined();
  });

  test("an unsigned image with a KEYHASH pin, alone or beside a key", async () => {
    const bytes = vectorBytes("images/unsigned/sha256-1k.bin");
    const alone = await verifyImage(bytes, [await pin("ed25519")]);
    expect(alone.reason).toEqual({
      key: "verify.signature.no-signature-tlv",
      params: { tlv: "signature", keyCount: 1 },
    });
    expect(alone.signature).toMatchObject({ status: "failed", tlv: undefined, value: undefined });
    const both = await verifyImage(bytes, [await trusted("ed25519"), await pin("ed25519")]);
    expect(both.reason.params).toEqual({ tlv: "ED25519/signature", keyCount: 2 });
  });
});

describe("the key TLV", () => {
  test("a KEYHASH of another key, trusted as a key or as a pin: key-not-trusted", async () => {
    const bytes = vectorBytes("images/signed/ed25519-1k.bin");
    for (const key of [await trusted("ed25519-other"), await pin("ed25519-other")]) {
      const report = await verifyImage(bytes, [key]);
      expect(report.outcome).toBe("bad-signature");
      expect(report.reason).toEqual({
        key: "verify.signature.key-not-trusted",
        params: { keyTlv: "KEYHASH" },
      });
      expect(report.signature).toMatchObject({ status: "failed", tlv: "ED25519", keyTlv: "KEYHASH" });
    }
  });

  test("a full PUBKEY whose hash is not the pin: key-not-trusted, the signature is not tried", async () => {
    const report = await verifyImage(vectorBytes("images/signed/rsa-2048-1k-pubkey-full.bin"), [
      await pin("rsa-2048-other"),
    ]);
    expect(report.reason).toEqual({ key: "verify.signature.key-not-trusted", params: { keyTlv: "PUBKEY" } });
    expect(report.signature).toMatchObject({ tlv: "RSA2048", keyTlv: "PUBKEY", keyType: undefined });
  });

  test("a KEYHASH pin that matches: pin-only, reported against the signature TLV", async () => {
    const bytes = vectorBytes("images/signed/ed25519-1k.bin");
    const report = await verifyImage(bytes, [await pin("ed25519", "production pin")]);
    expect(report.reason).toEqual({ key: "verify.signature.pin-only", params: { key: "production pin" } });
    expect(report.signature.tlv).toBe("ED25519");
    expect(toHex(report.signature.value!)).toBe(toHex(tlvValue(bytes, 1612, 64)));
  });

  test("no KEYHASH or PUBKEY before the signature: MCUboot cannot pick a key", async () => {
    const bytes = buildImage({ body: BODY, unprotected: (digest) => [edSign(digest)] });
    const report = await verifyImage(bytes, [await trusted("ed25519")]);
    expect(report.outcome).toBe("bad-signature");
    expect(report.reason).toEqual({ key: "verify.signature.no-key-tlv", params: { tlv: "ED25519" } });
    expect(report.signature).toMatchObject({ status: "failed", tlv: "ED25519", keyTlv: undefined });
  });
});

describe("a PUBKEY TLV matched by a pin", () => {
  const pubkeyImage = (pubkey: Uint8Array) =>
    buildImage({ body: BODY, unprotected: (digest) => [{ type: 0x02, value: pubkey }, edSign(digest)] });
  const pinOf = (pubkey: Uint8Array) => importTrustedKey(sha256(pubkey), { name: "pin" });

  test.each([
    ["an X25519 encryption key", () => vectorBytes("keys/enc-x25519.pub.raw")],
    ["bytes that are no key", () => new Uint8Array(40).fill(0x5c)],
    [
      "an RSA-1024 key",
      () =>
        new Uint8Array(
          generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({
            type: "pkcs1",
            format: "der",
          }),
        ),
    ],
  ])("holding %s: bad-pubkey", async (_, make) => {
    const pubkey = make();
    const report = await verifyImage(pubkeyImage(pubkey), [await pinOf(pubkey)]);
    expect(report.outcome).toBe("bad-signature");
    expect(report.reason).toEqual({ key: "verify.signature.bad-pubkey", params: { key: "pin" } });
  });

  test("holding the ed25519 key that signed: verified, the key type read from the PUBKEY", async () => {
    const pubkey = vectorBytes("keys/ed25519.pub.raw");
    const report = await verifyImage(pubkeyImage(pubkey), [await pinOf(pubkey)]);
    expect(report).toMatchObject({ outcome: "valid", complete: true, signedBy: "pin" });
    expect(report.signature).toMatchObject({ keyType: "ed25519", keyTlv: "PUBKEY" });
  });

  test("holding an RSA key beside an ed25519 signature: that key made no signature here", async () => {
    const pubkey = vectorBytes("keys/rsa-2048.pub.raw");
    const report = await verifyImage(pubkeyImage(pubkey), [await pinOf(pubkey)]);
    expect(report.outcome).toBe("bad-signature");
    expect(report.reason).toEqual({
      key: "verify.signature.no-signature-tlv",
      params: { tlv: "signature", keyCount: 1 },
    });
  });
});

describe("the signature itself", () => {
  test("an ed25519 key over a SHA-384 image: key-mismatch, MCUboot pairs ed25519 with SHA-256/512", async () => {
    const pub = vectorBytes("keys/ed25519.pub.raw");
    const bytes = buildImage({
      body: BODY,
      hash: "sha384",
      unprotected: (digest) => [
        { type: 0x01, value: new Uint8Array(createHash("sha384").update(pub).digest()) },
        edSign(digest),
      ],
    });
    const report = await verifyImage(bytes, [await trusted("ed25519", "ed")]);
    expect(report.outcome).toBe("bad-signature");
    expect(report.reason).toEqual({
      key: "verify.signature.key-mismatch",
      params: {
        key: "ed",
        mismatchKey: "verify.key-mismatch.hash",
        keyType: "ed25519",
        needed: "SHA256/SHA512",
      },
    });
    expect(report.signature).toMatchObject({ status: "failed", keyName: undefined, keyType: "ed25519" });
  });

  test("a verified signature says which key and type", async () => {
    const report = await verifyImage(vectorBytes("images/signed/ed25519-1k.bin"), [
      await trusted("ed25519-other"),
      await trusted("ed25519", "production"),
    ]);
    expect(report.signature.detail).toEqual({
      key: "verify.signature.verified",
      params: { key: "production", keyType: "ed25519" },
    });
    expect(report.reason).toEqual({ key: "verify.valid", params: { key: "production", keyType: "ed25519" } });
  });

  test("a flipped signature: bad, with the key and the digest's first 16 hex digits, over other keys' misses", async () => {
    const bytes = vectorBytes("tampered/ed25519-seccnt-sig-flip.bin");
    const report = await verifyImage(bytes, [
      await trusted("ed25519", "prod"),
      await trusted("ed25519-other"),
    ]);
    expect(report.outcome).toBe("bad-signature");
    const stored = toHex(tlvValue(bytes, 1552, 32));
    expect(report.reason).toEqual({
      key: "verify.signature.bad",
      params: { tlv: "ED25519", key: "prod", digest: stored.slice(0, 16) },
    });
    expect(report.signature).toMatchObject({ status: "failed", keyName: undefined, keyType: "ed25519" });
  });

  test("two failing signatures for the same key: the first is reported", async () => {
    const keyhash = { type: 0x01, value: sha256(vectorBytes("keys/ed25519.pub.raw")) };
    const first = new Uint8Array(64).fill(1);
    const bytes = buildImage({
      body: BODY,
      unprotected: () => [
        keyhash,
        { type: 0x24, value: first },
        { type: 0x24, value: new Uint8Array(64).fill(2) },
      ],
    });
    const report = await verifyImage(bytes, [await trusted("ed25519")]);
    expect(report.reason.key).toBe("verify.signature.bad");
    expect(toHex(report.signature.value!)).toBe(toHex(first));
  });

  test("a bad signature before a good one from the same key: the good one verifies", async () => {
    const keyhash = { type: 0x01, value: sha256(vectorBytes("keys/ed25519.pub.raw")) };
    const bytes = buildImage({
      body: BODY,
      unprotected: (digest) => [keyhash, { type: 0x24, value: new Uint8Array(64).fill(1) }, edSign(digest)],
    });
    const report = await verifyImage(bytes, [await trusted("ed25519")]);
    expect(report).toMatchObject({ outcome: "valid", complete: true, signedBy: "ed25519" });
  });
});

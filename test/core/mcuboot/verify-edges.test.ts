// verifyImage paths the golden vectors pass through without pinning the details: partial verdicts on
// encrypted images without their key (what was checked, in the reason's own parameters), ECDSA over a
// decrypted body, SIG_PURE values MCUboot does not take as "pure", and a report that stays what it was
// when the caller reuses its buffer.
import { createPrivateKey, sign } from "node:crypto";
import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import {
  importDecryptionKey,
  importTrustedKey,
  verifyImage,
  type TrustedKey,
} from "../../../src/core/mcuboot/index.js";
import { BODY, buildImage, sha256 } from "./build-image.js";
import { vectorBytes, vectorText } from "./manifest.js";

const trusted = (file: string, name = file): Promise<TrustedKey> =>
  importTrustedKey(vectorText(`keys/${file}.pub.pem`), { name });

describe("encrypted images without their decryption key", () => {
  test("ed25519 signs the digest: the signature verifies, the hash is unchecked, so partial", async () => {
    const bytes = vectorBytes("images/encrypted/ed25519-x25519-aes128.bin");
    const report = await verifyImage(bytes, [await trusted("ed25519", "prod")]);
    expect(report).toMatchObject({
      outcome: "valid",
      complete: false,
      signedBy: "prod",
      decryptedWith: undefined,
    });
    expect(report.reason).toEqual({
      key: "verify.partial",
      params: {
        hash: "unchecked",
        signature: "verified",
        key: "prod",
        keyType: "ed25519",
        hashTlv: "SHA256",
        stored: toHex(bytes.subarray(1544, 1544 + 8)),
      },
    });
    expect(report.signature).toMatchObject({ status: "verified", keyName: "prod", keyTlv: "KEYHASH" });
  });

  test("ECDSA signs the region itself: neither can be checked, and the report says both", async () => {
    const bytes = vectorBytes("images/encrypted/ecdsa-p256-ec256-aes128.bin");
    const report = await verifyImage(bytes, [await trusted("ecdsa-p256", "ec")]);
    expect(report).toMatchObject({ outcome: "valid", complete: false, signedBy: undefined });
    expect(report.reason).toMatchObject({
      key: "verify.partial",
      params: { hash: "unchecked", signature: "unchecked", key: "ec", keyType: "ecdsa-p256" },
    });
    expect(report.signature).toMatchObject({
      status: "not-checked",
      keyName: undefined,
      keyType: "ecdsa-p256",
    });
    expect(report.notChecked).toEqual([
      { key: "verify.not-checked.encrypted-hash", params: { encryption: "aes-128" } },
      {
        key: "verify.not-checked.signature",
        params: { detailKey: "verify.signature.plaintext-unavailable", tlv: "ECDSASIG", key: "ec" },
      },
    ]);
  });

  test("with the key, the ECDSA signature is checked over the decrypted region", async () => {
    const bytes = vectorBytes("images/encrypted/ecdsa-p256-ec256-aes128.bin");
    const key = await importDecryptionKey(vectorText("keys/enc-ec256.pem"), { name: "enc" });
    const report = await verifyImage(bytes, [await trusted("ecdsa-p256", "ec")], { decryptionKeys: [key] });
    expect(report).toMatchObject({ outcome: "valid", complete: true, signedBy: "ec", decryptedWith: "enc" });
    expect(report.reason).toEqual({ key: "verify.valid", params: { key: "ec", keyType: "ecdsa-p256" } });
    expect(report.hash.over).toBe("decrypted-body");
  });
});

describe("SIG_PURE", () => {
  const signer = createPrivateKey(vectorText("keys/ed25519.pem"));
  const keyhash = { type: 0x01, value: sha256(vectorBytes("keys/ed25519.pub.raw")) };

  test.each([
    ["value 0", Uint8Array.of(0)],
    ["two bytes", Uint8Array.of(1, 0)],
  ])(
    "with %s is not pure (MCUboot wants exactly one byte 1): the digest signature verifies",
    async (_, value) => {
      const bytes = buildImage({
        body: BODY,
        unprotected: (digest) => [
          { type: 0x25, value },
          keyhash,
          { type: 0x24, value: new Uint8Array(sign(null, digest, signer)) },
        ],
      });
      const report = await verifyImage(bytes, [await trusted("ed25519")]);
      expect(report).toMatchObject({ outcome: "valid", complete: true });
      expect(report.signature.mode).toBe("digest");
    },
  );
});

describe("the report", () => {
  test("keys are optional: no keys means the hash alone decides", async () => {
    const report = await verifyImage(vectorBytes("images/signed/ed25519-1k.bin"));
    expect(report).toMatchObject({ outcome: "valid", complete: true });
    expect(report.reason).toEqual({ key: "verify.valid-no-key", params: {} });
    expect(report.signature.status).toBe("not-required");
  });

  test("its image hash is a copy: reusing the input buffer does not change it", async () => {
    const bytes = vectorBytes("images/signed/ed25519-1k.bin");
    const expected = toHex(bytes.subarray(1544, 1576));
    const report = await verifyImage(bytes);
    bytes.fill(0);
    expect(toHex(report.imageHash!)).toBe(expected);
    expect(report.imageHashHex).toBe(expected);
  });
});

// Decrypting encrypted images beyond the golden vectors: AES key-wrap (ENCKW) images built here with
// node:crypto, the wrong key before the right one, damaged key-exchange TLVs and a header whose AES size
// does not fit the TLV. The plaintext is compared with the payload imgtool encrypted.
import { createCipheriv, createPrivateKey, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { decryptSignedRegion } from "../../../src/core/mcuboot/decrypt.js";
import { importDecryptionKey, type DecryptionKey } from "../../../src/core/mcuboot/decryption-key.js";
import { inspectImage } from "../../../src/core/mcuboot/image.js";
import { importTrustedKey, verifyImage } from "../../../src/core/mcuboot/index.js";
import { BODY, buildImage, sha256 } from "./build-image.js";
import { vectorBytes, vectorText } from "./manifest.js";

const X25519_IMAGE = "images/encrypted/ed25519-x25519-aes128.bin";
const RSA_IMAGE = "images/encrypted/ed25519-rsa2048-aes128.bin";
const EC256_IMAGE = "images/encrypted/ecdsa-p256-ec256-aes128.bin";
const PAYLOAD = vectorBytes("payloads/body-1k.bin");

const decryptionKey = (file: string, name = file): Promise<DecryptionKey> =>
  importDecryptionKey(vectorText(`keys/${file}.pem`), { name });
const trusted = (file: string) => importTrustedKey(vectorText(`keys/${file}.pub.pem`), { name: file });

/** Header flags sit at byte 16: say AES-256 where imgtool wrote AES-128 (a damaged or hand-edited header). */
function claimAes256(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  expect(out[16]).toBe(0x04);
  out[16] = 0x08;
  return out;
}

/** An ed25519-signed image whose body is AES-CTR encrypted under a key wrapped with `kek` (RFC 3394). */
function keyWrapImage(
  kek: Uint8Array,
  aesBits: 128 | 256,
  flags = aesBits === 128 ? 0x04 : 0x08,
): Uint8Array {
  const aesKey = randomBytes(aesBits / 8);
  const ctr = createCipheriv(`aes-${aesBits}-ctr`, aesKey, Buffer.alloc(16));
  const ciphertext = new Uint8Array(Buffer.concat([ctr.update(BODY), ctr.final()]));
  const wrap = createCipheriv(`id-aes${kek.length * 8}-wrap`, kek, Buffer.alloc(8, 0xa6));
  const wrapped = new Uint8Array(Buffer.concat([wrap.update(aesKey), wrap.final()]));
  const signer = createPrivateKey(vectorText("keys/ed25519.pem"));
  return buildImage({
    body: BODY,
    storedBody: ciphertext,
    flags,
    unprotected: (digest) => [
      { type: 0x01, value: sha256(vectorBytes("keys/ed25519.pub.raw")) },
      { type: 0x24, value: new Uint8Array(sign(null, digest, signer)) },
      { type: 0x31, value: wrapped },
    ],
  });
}

describe("AES key-wrap (ENCKW)", () => {
  const kek = new Uint8Array(16).map((_, i) => 0xa0 + i);

  test.each([128, 256] as const)(
    "an AES-%i body decrypts with the key-wrap key and verifies",
    async (bits) => {
      const bytes = keyWrapImage(kek, bits);
      const key = await importDecryptionKey(toHex(kek), { name: "kek" });
      const report = await verifyImage(bytes, [await trusted("ed25519")], { decryptionKeys: [key] });
      expect(report).toMatchObject({
        outcome: "valid",
        complete: true,
        decryptedWith: "kek",
        signedBy: "ed25519",
      });
      expect(report.hash).toMatchObject({ status: "match", over: "decrypted-body" });
      const decrypted = await decryptSignedRegion(inspectImage(bytes).image!, [key]);
      expect(toHex(decrypted!.region.subarray(32, 32 + BODY.length))).toBe(toHex(BODY));
    },
  );

  test("a wrapped AES-256 key in an image flagged AES-128: decrypt-bad-tlv, as MCUboot refuses the TLV size", async () => {
    const bytes = keyWrapImage(kek, 256, 0x04);
    const key = await importDecryptionKey(toHex(kek), { name: "kek" });
    await expect(decryptSignedRegion(inspectImage(bytes).image!, [key])).rejects.toMatchObject({
      code: "decrypt-bad-tlv",
      params: { tlvLength: 40, value: 128 },
    });
    const report = await verifyImage(bytes, [await trusted("ed25519")], { decryptionKeys: [key] });
    expect(report).toMatchObject({
      outcome: "malformed",
      errorCode: "decrypt-bad-tlv",
      decryptedWith: undefined,
    });
  });

  test("another key-wrap key cannot unwrap it: the hash is reported unchecked, nothing is guessed", async () => {
    const bytes = keyWrapImage(kek, 128);
    const wrong = await importDecryptionKey(new Uint8Array(16).fill(0x11), { name: "wrong" });
    const report = await verifyImage(bytes, [], { decryptionKeys: [wrong] });
    expect(report).toMatchObject({ outcome: "valid", complete: false, decryptedWith: undefined });
    expect(report.hash).toMatchObject({ status: "not-checked", computed: undefined, over: undefined });
    expect(report.notChecked).toEqual([
      { key: "verify.not-checked.encrypted-hash", params: { encryption: "aes-128" } },
      { key: "verify.not-checked.signature-untrusted", params: { tlv: "ED25519" } },
    ]);
  });
});

describe("choosing the key", () => {
  test("the X25519 key that fits is found after one that does not, and its name reported", async () => {
    const other = generateKeyPairSync("x25519").privateKey.export({ type: "pkcs8", format: "pem" });
    const keys = [
      await importDecryptionKey(other.toString(), { name: "old x25519" }),
      await decryptionKey("enc-rsa2048"),
      await decryptionKey("enc-x25519", "current"),
    ];
    const image = inspectImage(vectorBytes(X25519_IMAGE)).image!;
    const decrypted = await decryptSignedRegion(image, keys);
    expect(decrypted?.key.name).toBe("current");
    expect(toHex(decrypted!.region.subarray(512, 1536))).toBe(toHex(PAYLOAD));
    // Header and protected TLVs are copied as stored; the region ends where the signed region does.
    expect(decrypted!.region.length).toBe(image.layout.signedRegion.end);
    expect(toHex(decrypted!.region.subarray(0, 512))).toBe(toHex(image.bytes.subarray(0, 512)));
  });

  test("only a wrong X25519 key: no plaintext, and the report says the hash was not checked", async () => {
    const other = generateKeyPairSync("x25519").privateKey.export({ type: "pkcs8", format: "pem" });
    const key = await importDecryptionKey(other.toString(), { name: "old" });
    const image = inspectImage(vectorBytes(X25519_IMAGE)).image!;
    expect(await decryptSignedRegion(image, [key])).toBeUndefined();
    const report = await verifyImage(image.bytes, [], { decryptionKeys: [key] });
    expect(report.hash.status).toBe("not-checked");
    expect(report.decryptedWith).toBeUndefined();
  });

  test("an image that is not encrypted has nothing to decrypt", async () => {
    const image = inspectImage(vectorBytes("images/signed/ed25519-1k.bin")).image!;
    expect(await decryptSignedRegion(image, [await decryptionKey("enc-x25519")])).toBeUndefined();
  });
});

describe("damaged key exchange", () => {
  test("an X25519 TLV too short for the AES-256 the header claims: decrypt-bad-tlv, malformed", async () => {
    const bytes = claimAes256(vectorBytes(X25519_IMAGE));
    const key = await decryptionKey("enc-x25519");
    await expect(decryptSignedRegion(inspectImage(bytes).image!, [key])).rejects.toMatchObject({
      code: "decrypt-bad-tlv",
      params: { tlvLength: 80, value: 256 },
      hint: "decrypt-key",
    });
    const report = await verifyImage(bytes, [await trusted("ed25519")], { decryptionKeys: [key] });
    expect(report).toMatchObject({ outcome: "malformed", errorCode: "decrypt-bad-tlv", complete: true });
    expect(report.reason).toEqual({ key: "error.decrypt-bad-tlv", params: { tlvLength: 80, value: 256 } });
    expect(report.header?.encryption).toBe("aes-256");
  });

  test("the same image with only keys of another kind is not judged: its hash stays unchecked", async () => {
    const bytes = claimAes256(vectorBytes(X25519_IMAGE));
    const report = await verifyImage(bytes, [], { decryptionKeys: [await decryptionKey("enc-rsa2048")] });
    expect(report.outcome).toBe("valid");
    expect(report.hash.status).toBe("not-checked");
  });

  test("an RSA-wrapped AES-128 key in an image that claims AES-256 is not used", async () => {
    const bytes = claimAes256(vectorBytes(RSA_IMAGE));
    const report = await verifyImage(bytes, [], { decryptionKeys: [await decryptionKey("enc-rsa2048")] });
    expect(report.decryptedWith).toBeUndefined();
    expect(report.hash.status).toBe("not-checked");
    // Unchanged, the same key decrypts it.
    const good = await verifyImage(vectorBytes(RSA_IMAGE), [], {
      decryptionKeys: [await decryptionKey("enc-rsa2048")],
    });
    expect(good).toMatchObject({ decryptedWith: "enc-rsa2048", complete: true });
  });

  test("a P-256 ephemeral point that is not on the curve: not decrypted, no crash", async () => {
    const bytes = vectorBytes(EC256_IMAGE).slice();
    // ENCEC256 value at 1688 + 4: 0x04, X (32), Y (32); change Y.
    expect(bytes[1692]).toBe(0x04);
    bytes[1692 + 64] = bytes[1692 + 64]! ^ 0x01;
    const key = await decryptionKey("enc-ec256");
    expect(await decryptSignedRegion(inspectImage(bytes).image!, [key])).toBeUndefined();
    const report = await verifyImage(bytes, [await trusted("ecdsa-p256")], { decryptionKeys: [key] });
    expect(report).toMatchObject({ outcome: "valid", complete: false, decryptedWith: undefined });
    expect(report.hash.status).toBe("not-checked");
  });
});

// importDecryptionKey: which private keys decrypt MCUboot images (X25519, P-256, RSA-2048, raw AES key-wrap
// keys), which are refused and with what typed error, and that the private key never leaves WebCrypto.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { importDecryptionKey } from "../../../src/core/mcuboot/decryption-key.js";
import { vectorBytes, vectorText } from "./manifest.js";

const pkcs8 = (key: ReturnType<typeof generateKeyPairSync>["privateKey"]) =>
  new Uint8Array(key.export({ type: "pkcs8", format: "der" }));

async function refusal(input: Uint8Array | string): Promise<unknown> {
  return importDecryptionKey(input).then(
    () => expect.unreachable("the key was accepted"),
    (error: unknown) => error,
  );
}

describe("the keys imgtool encrypts for", () => {
  test.each([
    ["enc-x25519", "x25519", "X25519", ["deriveBits"]],
    ["enc-ec256", "ecdsa-p256", "ECDH", ["deriveBits"]],
    ["enc-rsa2048", "rsa-2048", "RSA-OAEP", ["decrypt"]],
  ] as const)(
    "%s: type %s, the matching public key, a private key that cannot be exported",
    async (file, type, alg, usages) => {
      const key = await importDecryptionKey(vectorText(`keys/${file}.pem`), { name: "field key" });
      expect(key).toMatchObject({ kind: "decryption-key", name: "field key", type });
      expect(toHex(key.publicKey!)).toBe(toHex(vectorBytes(`keys/${file}.pub.raw`)));
      expect(key.key.type).toBe("private");
      expect(key.key.extractable).toBe(false);
      expect(key.key.algorithm.name).toBe(alg);
      expect([...key.key.usages]).toEqual(usages);
    },
  );

  test("DER bytes without a name are called decryption-key; getpriv C arrays keep their identifier", async () => {
    const der = pkcs8(generateKeyPairSync("x25519").privateKey);
    expect((await importDecryptionKey(der)).name).toBe("decryption-key");
    const fromC = await importDecryptionKey(vectorText("keys/enc-ec256.priv.c"));
    expect(fromC.type).toBe("ecdsa-p256");
    expect(fromC.name).not.toBe("decryption-key");
  });
});

describe("raw AES key-wrap keys (ENCKW)", () => {
  test.each([16, 24, 32])("%i raw bytes or hex text are an AES-KW key with no public key", async (length) => {
    const raw = new Uint8Array(length).map((_, i) => i * 7 + 1);
    for (const input of [raw, toHex(raw)]) {
      const key = await importDecryptionKey(input, { name: "kek" });
      expect(key).toMatchObject({
        kind: "decryption-key",
        name: "kek",
        type: "aes-kw",
        publicKey: undefined,
      });
      expect(key.key.algorithm).toMatchObject({ name: "AES-KW", length: length * 8 });
      expect(key.key.extractable).toBe(false);
      expect([...key.key.usages]).toEqual(["unwrapKey"]);
    }
  });

  test("16 bytes inside a PEM are not taken for an AES key", async () => {
    const pem = `-----BEGIN PRIVATE KEY-----\n${Buffer.alloc(16, 3).toString("base64")}\n-----END PRIVATE KEY-----\n`;
    const error = await refusal(pem);
    expect(error).toMatchObject({ code: "key-not-private", params: { what: "no key this tool recognises" } });
  });
});

describe("refused keys", () => {
  test("a public key: key-not-private, naming its type", async () => {
    const error = await refusal(vectorText("keys/enc-x25519.pub.pem"));
    expect(error).toMatchObject({
      code: "key-not-private",
      params: { what: "only a public x25519 key" },
      hint: "key-not-private",
    });
  });

  test("bytes that are no key: key-not-private", async () => {
    const error = await refusal(new Uint8Array(20).fill(0xc8));
    expect(error).toMatchObject({
      code: "key-not-private",
      params: { what: "no key this tool recognises" },
      hint: "key-not-private",
    });
  });

  test("an RSA size MCUboot does not encrypt for: key-not-private, saying which", async () => {
    const der = pkcs8(generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey);
    const error = await refusal(der);
    expect(error).toMatchObject({
      code: "key-not-private",
      params: { what: "RSA-1024" },
      hint: "key-not-private",
    });
  });

  test.each([
    ["ed25519 signing key", () => pkcs8(generateKeyPairSync("ed25519").privateKey), "ed25519"],
    ["P-384 key", () => pkcs8(generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey), "ecdsa-p384"],
    ["RSA-3072 key", () => vectorText("keys/rsa-3072.pem"), "rsa-3072"],
  ] as const)("a private %s: key-unsupported (no MCUboot key exchange uses it)", async (_, make, type) => {
    const error = await refusal(make());
    expect(error).toMatchObject({ code: "key-unsupported", params: { type }, hint: "key-unsupported" });
  });

  test("a P-256 key whose private scalar is zero (a damaged file): key-bad-der from WebCrypto", async () => {
    const der = pkcs8(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey);
    // PKCS#8 > SEC1: version 1, then OCTET STRING(32) holding the scalar; the public point stays intact.
    const at = Buffer.from(der).indexOf(Buffer.from([0x02, 0x01, 0x01, 0x04, 0x20])) + 5;
    der.fill(0, at, at + 32);
    const error = await refusal(der);
    expect(error).toMatchObject({
      code: "key-bad-der",
      params: { type: "ecdsa-p256", name: "decryption-key" },
      hint: "key-bad-der",
    });
    expect((error as Error).cause).toBeDefined();
  });
});

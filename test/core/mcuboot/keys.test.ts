// Key import beyond the vectors: auto-detected formats, SEC1 and PKCS#1 private keys, KEYHASH pins in
// hex, and typed errors for what is not a usable key.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { importKey, importTrustedKey } from "../../../src/core/mcuboot/index.js";
import { vectorBytes, vectorText } from "./manifest.js";

describe("importKey", () => {
  it("derives the public key from SEC1 EC and PKCS#1 RSA private keys", async () => {
    const ec = generateKeyPairSync("ec", { namedCurve: "P-384" });
    const sec1 = ec.privateKey.export({ format: "pem", type: "sec1" }).toString();
    const spki = new Uint8Array(ec.publicKey.export({ format: "der", type: "spki" }));
    const fromSec1 = await importKey(sec1);
    expect(fromSec1).toMatchObject({
      kind: "public-key",
      type: "ecdsa-p384",
      fromPrivateKey: true,
      format: "pem",
    });
    expect(fromSec1.kind === "public-key" && toHex(fromSec1.publicKey)).toBe(toHex(spki));

    const rsa = generateKeyPairSync("rsa", { modulusLength: 3072 });
    const pkcs1 = rsa.privateKey.export({ format: "pem", type: "pkcs1" }).toString();
    const pub = new Uint8Array(rsa.publicKey.export({ format: "der", type: "pkcs1" }));
    const fromPkcs1 = await importKey(pkcs1);
    expect(fromPkcs1).toMatchObject({ kind: "public-key", type: "rsa-3072" });
    expect(fromPkcs1.kind === "public-key" && toHex(fromPkcs1.publicKey)).toBe(toHex(pub));
    const rsaPub = await importKey(rsa.publicKey.export({ format: "pem", type: "pkcs1" }).toString());
    expect(rsaPub.kind === "public-key" && toHex(rsaPub.publicKey)).toBe(toHex(pub));
  });

  it("derives P-256 public keys from PKCS#8 without an embedded public key (getpriv --minimal)", async () => {
    const key = await importKey(vectorBytes("keys/enc-ec256.priv-minimal.c"));
    expect(key.kind === "public-key" && toHex(key.publicKey)).toBe(
      toHex(vectorBytes("keys/enc-ec256.pub.raw")),
    );
  });

  it("reads a KEYHASH pin typed as hex, with the algorithm from its length", async () => {
    const hash =
      "bcdc127ae2691c3a91c1af499ae958995232165fc46b27d96edaa5cb89674e38781a4dd45ae915ca6db1ffec42b75941";
    const pin = await importTrustedKey(`  ${hash}\n`, { name: "p384-pin" });
    expect(pin).toMatchObject({ kind: "key-hash", algorithm: "sha384", name: "p384-pin", format: "hex" });
  });

  it("names keys after their C array, or 'key'", async () => {
    expect((await importKey(vectorText("keys/ed25519.pub.rs"))).name).toBe("ED25519_PUB_KEY");
    expect((await importKey(vectorText("keys/ed25519.pub.pem"))).name).toBe("key");
  });

  it.each([
    [
      "an unsupported curve",
      () =>
        generateKeyPairSync("ec", { namedCurve: "secp256k1" })
          .publicKey.export({ format: "pem", type: "spki" })
          .toString(),
      "key-unsupported",
    ],
    [
      "RSA-1024",
      () =>
        generateKeyPairSync("rsa", { modulusLength: 1024 })
          .publicKey.export({ format: "pem", type: "spki" })
          .toString(),
      "key-unsupported",
    ],
    [
      "an encrypted private key",
      () =>
        generateKeyPairSync("ed25519")
          .privateKey.export({ format: "pem", type: "pkcs8", cipher: "aes-128-cbc", passphrase: "x" })
          .toString(),
      "key-encrypted",
    ],
    ["bad base64", () => "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n", "key-bad-pem"],
    [
      "a PEM certificate-like blob",
      () => "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
      "key-bad-der",
    ],
    ["a C array with junk", () => "const unsigned char k[] = { 0x30, zz };", "key-unrecognised"],
    [
      "a C array with a wrong _len",
      () => "const unsigned char k[] = { 0x30, 0x00 };\nconst unsigned int k_len = 3;",
      "key-unrecognised",
    ],
    ["prose", () => "hello world", "key-unrecognised"],
    ["random bytes", () => Uint8Array.of(1, 2, 3, 4, 5), "key-unrecognised"],
  ])("refuses %s with a typed error", async (_what, make, code) => {
    await expect(importKey(make())).rejects.toMatchObject({ code });
  });
});

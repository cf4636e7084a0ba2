// One signature TLV against one key, with node:crypto (OpenSSL) making the keys and signatures: what MCUboot
// accepts verifies, anything else is false, and what cannot be checked from a digest alone is undefined.
import { constants, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { describe, expect, test } from "vitest";
import { questionInEnglish } from "../../support/in-english.js";
import { checkSignature, hashMismatch } from "../../../src/core/mcuboot/signature.js";
import type { SigningKeyType } from "../../../src/core/mcuboot/keys.js";

const region = new TextEncoder().encode("header, body and protected TLVs of an image");
const digest = new Uint8Array(32).fill(0x5a);
const der = (key: KeyObject, type: "spki" | "pkcs1") => new Uint8Array(key.export({ type, format: "der" }));

describe("hashMismatch: the hash each key type signs with, as MCUboot pairs them", () => {
  const cases: [SigningKeyType, string, boolean, string | undefined][] = [
    ["ed25519", "sha256", false, undefined],
    ["ed25519", "sha512", false, undefined],
    ["ed25519", "sha384", false, "a ed25519 key needs a SHA256/SHA512 image hash"],
    ["ed25519", "sha512", true, undefined],
    ["ed25519", "sha256", true, "a ed25519 key needs a SHA512 image hash"],
    ["ecdsa-p256", "sha256", false, undefined],
    ["ecdsa-p256", "sha384", false, "a ecdsa-p256 key needs a SHA256 image hash"],
    ["ecdsa-p384", "sha384", false, undefined],
    ["ecdsa-p384", "sha256", false, "a ecdsa-p384 key needs a SHA384 image hash"],
    ["rsa-2048", "sha256", false, undefined],
    ["rsa-3072", "sha512", false, "a rsa-3072 key needs a SHA256 image hash"],
    ["ecdsa-p256", "sha256", true, "SIG_PURE is only defined for ed25519, not ecdsa-p256"],
    ["rsa-2048", "sha256", true, "SIG_PURE is only defined for ed25519, not rsa-2048"],
  ];
  test.each(cases)("%s with %s (pure %s)", (type, hash, pure, expected) => {
    const mismatch = hashMismatch(type, hash as "sha256", pure);
    expect(mismatch === undefined ? undefined : questionInEnglish(mismatch)).toBe(expected);
  });
});

describe("ed25519", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const spki = der(publicKey, "spki");

  test("a signature over the digest verifies; over other bytes, or from another key, it does not", async () => {
    const good = new Uint8Array(sign(null, digest, privateKey));
    expect(await checkSignature("ed25519", spki, good, { digest, region }, false)).toBe(true);
    const other = new Uint8Array(digest).fill(0x5b);
    expect(await checkSignature("ed25519", spki, good, { digest: other, region }, false)).toBe(false);
    const stranger = der(generateKeyPairSync("ed25519").publicKey, "spki");
    expect(await checkSignature("ed25519", stranger, good, { digest, region }, false)).toBe(false);
  });

  test("pure: over the region itself, and unknown without it", async () => {
    const pure = new Uint8Array(sign(null, region, privateKey));
    expect(await checkSignature("ed25519", spki, pure, { digest, region }, true)).toBe(true);
    expect(await checkSignature("ed25519", spki, pure, { digest, region: undefined }, true)).toBeUndefined();
    expect(await checkSignature("ed25519", spki, pure, { digest, region }, false)).toBe(false);
  });

  test("a signature of the wrong length, a key that is not an ed25519 SPKI, or not a point: false", async () => {
    const good = new Uint8Array(sign(null, digest, privateKey));
    expect(await checkSignature("ed25519", spki, good.subarray(0, 63), { digest, region }, false)).toBe(
      false,
    );
    expect(
      await checkSignature("ed25519", spki.subarray(0, spki.length - 1), good, { digest, region }, false),
    ).toBe(false);
    const p256 = der(generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey, "spki");
    expect(await checkSignature("ed25519", p256, good, { digest, region }, false)).toBe(false);
    // A 32-byte value that is no curve point: noble throws, the check says false.
    const notAPoint = spki.slice();
    notAPoint.fill(0xff, notAPoint.length - 32);
    expect(await checkSignature("ed25519", notAPoint, good, { digest, region }, false)).toBe(false);
  });

  test("a non-canonical signature (S + L) is refused, as RFC 8032 strict verification does", async () => {
    const good = new Uint8Array(sign(null, digest, privateKey));
    // S is little-endian in the second half; add the group order L to it.
    const L = (1n << 252n) + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(good[i]!);
    let t = s + L;
    const bad = good.slice();
    for (let i = 32; i < 64; i++) {
      bad[i] = Number(t & 0xffn);
      t >>= 8n;
    }
    expect(await checkSignature("ed25519", spki, bad, { digest, region }, false)).toBe(false);
  });
});

describe("ECDSA", () => {
  test.each([
    ["ecdsa-p256", "P-256", "sha256"],
    ["ecdsa-p384", "P-384", "sha384"],
  ] as const)(
    "%s: a DER signature over the region verifies; other data, garbage or no region do not",
    async (type, curve, hash) => {
      const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: curve });
      const spki = der(publicKey, "spki");
      const signature = new Uint8Array(sign(hash, region, { key: privateKey, dsaEncoding: "der" }));
      expect(await checkSignature(type, spki, signature, { digest, region }, false)).toBe(true);
      expect(await checkSignature(type, spki, signature, { digest, region: region.subarray(1) }, false)).toBe(
        false,
      );
      expect(
        await checkSignature(type, spki, Uint8Array.of(0x30, 0x02, 0x01, 0x00), { digest, region }, false),
      ).toBe(false);
      expect(
        await checkSignature(type, spki, signature, { digest, region: undefined }, false),
      ).toBeUndefined();
      expect(await checkSignature(type, spki.subarray(3), signature, { digest, region }, false)).toBe(false);
    },
  );
});

describe("RSA-PSS", () => {
  test.each([
    ["rsa-2048", 2048],
    ["rsa-3072", 3072],
  ] as const)(
    "%s: PSS with SHA-256 and a 32-byte salt verifies; other lengths and data do not",
    async (type, bits) => {
      const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: bits });
      const pkcs1 = der(publicKey, "pkcs1");
      const signature = new Uint8Array(
        sign("sha256", region, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }),
      );
      expect(await checkSignature(type, pkcs1, signature, { digest, region }, false)).toBe(true);
      expect(
        await checkSignature(type, pkcs1, signature, { digest, region: region.subarray(2) }, false),
      ).toBe(false);
      expect(await checkSignature(type, pkcs1, signature.subarray(1), { digest, region }, false)).toBe(false);
      expect(
        await checkSignature(type, pkcs1, signature, { digest, region: undefined }, false),
      ).toBeUndefined();
      // A PKCS#1 v1.5 signature is not what MCUboot checks.
      const v15 = new Uint8Array(
        sign("sha256", region, { key: privateKey, padding: constants.RSA_PKCS1_PADDING }),
      );
      expect(await checkSignature(type, pkcs1, v15, { digest, region }, false)).toBe(false);
    },
  );
});

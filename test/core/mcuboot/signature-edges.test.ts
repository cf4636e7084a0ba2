// Signature encodings at their edges: ECDSA DER as MCUboot stores it (strict DER, zero padding allowed) with
// node:crypto signatures re-encoded, and ed25519 keys and signatures a strict RFC 8032 verifier refuses.
import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { ecdsaDerToRaw } from "../../../src/core/mcuboot/ecdsa-signature.js";
import { checkSignature } from "../../../src/core/mcuboot/signature.js";

const region = new TextEncoder().encode("header, body and protected TLVs");
const digest = new Uint8Array(32).fill(0x3c);

/** DER TLV with a short or one-byte long length (enough for signatures). */
function der(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  const len = body.length < 0x80 ? [body.length] : [0x81, body.length];
  return new Uint8Array([tag, ...len, ...body]);
}
const int = (bytes: Uint8Array) => der(0x02, bytes);
const seq = (...parts: Uint8Array[]) => der(0x30, ...parts);

/** r and s of a DER ECDSA signature, as their DER INTEGER contents. */
function parts(signature: Uint8Array): [Uint8Array, Uint8Array] {
  let at = signature[1]! & 0x80 ? 3 : 2;
  const rLen = signature[at + 1]!;
  const r = signature.subarray(at + 2, at + 2 + rLen);
  at += 2 + rLen;
  return [r, signature.subarray(at + 2, at + 2 + signature[at + 1]!)];
}

describe("ecdsaDerToRaw", () => {
  const one = Uint8Array.of(0x01);
  const big = new Uint8Array(33).fill(0x11); // 33 significant bytes: more than P-256's 32

  test.each([
    ["not DER at all", Uint8Array.of(0xff, 0x02)],
    ["a SET, not a SEQUENCE", der(0x31, int(one), int(one))],
    ["r negative", seq(int(Uint8Array.of(0x80)), int(one))],
    ["s negative", seq(int(one), int(Uint8Array.of(0x80)))],
    ["r wider than the curve", seq(int(big), int(one))],
    ["s wider than the curve", seq(int(one), int(big))],
    ["three integers", seq(int(one), int(one), int(one))],
    ["r non-minimal (a redundant leading zero)", seq(int(Uint8Array.of(0, 1)), int(one))],
  ])("%s: undefined", (_, signature) => {
    expect(ecdsaDerToRaw(signature, 32)).toBeUndefined();
  });

  test("r and s right-aligned in their halves, the sign byte of a high r dropped", () => {
    const r = new Uint8Array(32).fill(0xff);
    const raw = ecdsaDerToRaw(seq(int(Uint8Array.of(0, ...r)), int(Uint8Array.of(7))), 32)!;
    expect(toHex(raw)).toBe("ff".repeat(32) + "00".repeat(31) + "07");
  });
});

describe("ECDSA P-256 signatures from node:crypto, re-encoded", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const spki = new Uint8Array(publicKey.export({ type: "spki", format: "der" }));
  const signature = new Uint8Array(sign("sha256", region, { key: privateKey, dsaEncoding: "der" }));
  const check = (sig: Uint8Array) => checkSignature("ecdsa-p256", spki, sig, { digest, region }, false);

  test("as signed, and with zero padding (imgtool --pad-sig): verifies", async () => {
    expect(await check(signature)).toBe(true);
    expect(await check(Uint8Array.of(...signature, 0, 0, 0))).toBe(true);
  });

  test("with a trailing non-zero byte, or r with a redundant leading zero: refused", async () => {
    expect(await check(Uint8Array.of(...signature, 0, 1))).toBe(false);
    const [r, s] = parts(signature);
    expect(await check(seq(int(r), int(s)))).toBe(true);
    expect(await check(seq(int(Uint8Array.of(0, ...r)), int(s)))).toBe(false);
    expect(await check(seq(int(s), int(r)))).toBe(false);
  });
});

describe("ed25519 keys and signatures a strict verifier refuses", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const spki = new Uint8Array(publicKey.export({ type: "spki", format: "der" }));
  const good = new Uint8Array(sign(null, digest, privateKey));

  test("the identity as public key with an all-identity signature would verify anything: refused", async () => {
    const identity = new Uint8Array(32);
    identity[0] = 1;
    const weakSpki = spki.slice();
    weakSpki.set(identity, weakSpki.length - 32);
    const forged = new Uint8Array(64);
    forged.set(identity, 0);
    expect(await checkSignature("ed25519", weakSpki, forged, { digest, region }, false)).toBe(false);
  });

  test("a key whose BIT STRING is retagged as an OCTET STRING is no ed25519 SPKI", async () => {
    expect(await checkSignature("ed25519", spki, good, { digest, region }, false)).toBe(true);
    const retagged = spki.slice();
    const at = retagged.length - 35;
    expect(retagged[at]).toBe(0x03);
    retagged[at] = 0x04;
    expect(await checkSignature("ed25519", retagged, good, { digest, region }, false)).toBe(false);
  });

  test("pure mode without the region: a malformed key or signature is false, not 'unknown'", async () => {
    const data = { digest, region: undefined };
    const pureSig = new Uint8Array(sign(null, region, privateKey));
    expect(await checkSignature("ed25519", spki, pureSig, data, true)).toBeUndefined();
    expect(await checkSignature("ed25519", spki, pureSig.subarray(0, 63), data, true)).toBe(false);
    expect(await checkSignature("ed25519", spki.subarray(0, spki.length - 1), pureSig, data, true)).toBe(
      false,
    );
  });
});

// classifyDer against node:crypto (OpenSSL) as the oracle: every DER shape a key tool writes (SPKI, PKCS#1,
// PKCS#8, SEC1 with and without curve and public key) classifies to MCUboot's public key form, and each
// malformed or unsupported variant is refused (undefined) or named (unsupported), never thrown.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { DER, derChildren, derEncode, derOid, readDerExact } from "../../../src/core/mcuboot/der.js";
import { classifyDer, rsaTypeOf } from "../../../src/core/mcuboot/key-der.js";

const b = (...bytes: number[]): Uint8Array => Uint8Array.from(bytes);
const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, "hex"));
const seq = (...parts: Uint8Array[]): Uint8Array => derEncode(DER.SEQUENCE, ...parts);
const int = (...bytes: number[]): Uint8Array => derEncode(DER.INTEGER, b(...bytes));
const octets = (bytes: Uint8Array): Uint8Array => derEncode(DER.OCTET_STRING, bytes);
const bits = (bytes: Uint8Array, unused = 0): Uint8Array => derEncode(DER.BIT_STRING, b(unused), bytes);
const NEGATIVE = int(0x80);

function der(key: KeyObject, type: "spki" | "pkcs8" | "pkcs1" | "sec1"): Uint8Array {
  const out =
    key.type === "public"
      ? key.export({ format: "der", type: type as "spki" | "pkcs1" })
      : key.export({ format: "der", type: type as "pkcs8" | "pkcs1" | "sec1" });
  return new Uint8Array(out);
}
/** The children's raw encodings of a DER SEQUENCE. */
const children = (bytes: Uint8Array): Uint8Array[] =>
  derChildren(readDerExact(bytes)!)!.map((c) => c.raw.slice());

const ed = generateKeyPairSync("ed25519");
const x = generateKeyPairSync("x25519");
const p256 = generateKeyPairSync("ec", { namedCurve: "P-256" });
const p384 = generateKeyPairSync("ec", { namedCurve: "P-384" });
const rsa2048 = generateKeyPairSync("rsa", { modulusLength: 2048 });

describe("classifyDer: what real key tools write", () => {
  it.each([
    ["Ed25519", ed, "ed25519"],
    ["X25519", x, "x25519"],
    ["P-256", p256, "ecdsa-p256"],
    ["P-384", p384, "ecdsa-p384"],
  ] as const)("an %s SPKI is a public key in SPKI form", (_name, pair, type) => {
    const spki = der(pair.publicKey, "spki");
    expect(classifyDer(spki)).toEqual({ kind: "public", type, publicKey: spki });
  });

  it.each([
    [2048, "rsa-2048"],
    [3072, "rsa-3072"],
  ] as const)("an RSA-%i key, as SPKI or PKCS#1, is a public key in PKCS#1 form", (size, type) => {
    const pair = size === 2048 ? rsa2048 : generateKeyPairSync("rsa", { modulusLength: size });
    const pkcs1 = der(pair.publicKey, "pkcs1");
    expect(classifyDer(der(pair.publicKey, "spki"))).toEqual({ kind: "public", type, publicKey: pkcs1 });
    expect(classifyDer(pkcs1)).toEqual({ kind: "public", type, publicKey: pkcs1 });
  });

  it("reads an RSA private key (PKCS#1 and PKCS#8) into its parts, the public key in PKCS#1 form", () => {
    const jwk = rsa2048.privateKey.export({ format: "jwk" });
    const parts = (k: ReturnType<typeof classifyDer>) =>
      k?.kind === "private" && k.rsa
        ? Object.fromEntries(Object.entries(k.rsa).map(([n, v]) => [n, Buffer.from(v).toString("base64url")]))
        : undefined;
    for (const type of ["pkcs1", "pkcs8"] as const) {
      const key = classifyDer(der(rsa2048.privateKey, type));
      expect(key).toMatchObject({ kind: "private", type: "rsa-2048", secret: undefined, pkcs8: undefined });
      expect(key?.kind === "private" && toHex(key.publicKey!)).toBe(toHex(der(rsa2048.publicKey, "pkcs1")));
      expect(parts(key)).toEqual({ n: jwk.n, e: jwk.e, d: jwk.d, p: jwk.p, q: jwk.q });
    }
  });

  it.each([
    ["Ed25519", ed, "ed25519"],
    ["X25519", x, "x25519"],
  ] as const)("an %s PKCS#8 key carries its 32-byte secret and itself for import", (_name, pair, type) => {
    const pkcs8 = der(pair.privateKey, "pkcs8");
    const d = Buffer.from(pair.privateKey.export({ format: "jwk" }).d!, "base64url");
    expect(classifyDer(pkcs8)).toEqual({
      kind: "private",
      type,
      publicKey: undefined,
      pkcs8,
      secret: new Uint8Array(d),
      rsa: undefined,
    });
  });

  it.each([
    ["P-256", p256, "ecdsa-p256"],
    ["P-384", p384, "ecdsa-p384"],
  ] as const)("an %s private key (SEC1 or PKCS#8) gives its public key without crypto", (_n, pair, type) => {
    const spki = toHex(der(pair.publicKey, "spki"));
    const pkcs8 = der(pair.privateKey, "pkcs8");
    const fromPkcs8 = classifyDer(pkcs8);
    expect(fromPkcs8).toMatchObject({ kind: "private", type, pkcs8, secret: undefined, rsa: undefined });
    expect(fromPkcs8?.kind === "private" && toHex(fromPkcs8.publicKey!)).toBe(spki);
    const fromSec1 = classifyDer(der(pair.privateKey, "sec1"));
    expect(fromSec1).toMatchObject({ kind: "private", type });
    expect(fromSec1?.kind === "private" && toHex(fromSec1.publicKey!)).toBe(spki);
  });

  it("wraps a SEC1 key in PKCS#8 that OpenSSL imports as the same key, with or without its public key", () => {
    const [version, scalar, curve] = children(der(p384.privateKey, "sec1"));
    for (const sec1 of [der(p384.privateKey, "sec1"), seq(version!, scalar!, curve!)]) {
      const key = classifyDer(sec1);
      if (key?.kind !== "private" || !key.pkcs8) throw new Error("no PKCS#8");
      const imported = createPrivateKey({ key: Buffer.from(key.pkcs8), format: "der", type: "pkcs8" });
      expect(toHex(der(createPublicKey(imported), "spki"))).toBe(toHex(der(p384.publicKey, "spki")));
    }
    expect(classifyDer(seq(version!, scalar!, curve!))).toMatchObject({ publicKey: undefined });
  });

  it("takes the curve from a PKCS#8 wrapper whose SEC1 omits it (OpenSSL's default)", () => {
    const pkcs8 = der(p256.privateKey, "pkcs8");
    const inner = readDerExact(readDerExact(children(pkcs8)[2]!)!.value)!;
    expect(derChildren(inner)!.map((c) => c.tag)).not.toContain(0xa0);
    expect(classifyDer(pkcs8)).toMatchObject({ type: "ecdsa-p256" });
  });
});

describe("classifyDer: keys MCUboot cannot use are named", () => {
  const curve = "an EC key on a curve other than P-256 or P-384";
  it.each([
    [
      "secp256k1 SPKI",
      () => der(generateKeyPairSync("ec", { namedCurve: "secp256k1" }).publicKey, "spki"),
      curve,
    ],
    [
      "secp256k1 SEC1",
      () => der(generateKeyPairSync("ec", { namedCurve: "secp256k1" }).privateKey, "sec1"),
      curve,
    ],
    [
      "secp256k1 PKCS#8",
      () => der(generateKeyPairSync("ec", { namedCurve: "secp256k1" }).privateKey, "pkcs8"),
      curve,
    ],
    [
      "Ed448 SPKI",
      () => der(generateKeyPairSync("ed448").publicKey, "spki"),
      "a key with algorithm OID 1.3.101.113",
    ],
    [
      "Ed448 PKCS#8",
      () => der(generateKeyPairSync("ed448").privateKey, "pkcs8"),
      "a private key with algorithm OID 1.3.101.113",
    ],
    [
      "RSA-1024 SPKI",
      () => der(generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey, "spki"),
      "RSA-1024",
    ],
    [
      "RSA-1024 PKCS#1 private",
      () => der(generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey, "pkcs1"),
      "RSA-1024",
    ],
    ["an RSA key with a zero modulus", () => seq(int(0), int(1, 0, 1)), "RSA-0"],
  ])("%s", (_what, make, what) => {
    expect(classifyDer(make())).toEqual({ kind: "unsupported", what });
  });

  it.each([
    [b(0x01), "RSA-1"],
    [b(0x7f, ...new Uint8Array(255)), "RSA-2047"],
    [b(0x80, ...new Uint8Array(255)), "rsa-2048"],
    [b(0x01, ...new Uint8Array(256)), "RSA-2049"],
    [b(0x0f, ...new Uint8Array(383)), "RSA-3068"],
    [b(0xff, ...new Uint8Array(383)), "rsa-3072"],
  ])("counts the modulus bits from its first set bit (%#)", (modulus, expected) => {
    const type = rsaTypeOf(modulus);
    expect(typeof type === "string" ? type : type.what).toBe(expected);
  });
});

describe("classifyDer: malformed structures are not keys", () => {
  const edSpki = der(ed.publicKey, "spki");
  const [edAlg, edKey] = children(edSpki);
  const edPoint = readDerExact(edKey!)!.value.subarray(1);
  const rsaPkcs1 = der(rsa2048.publicKey, "pkcs1");
  const [n, e] = children(rsaPkcs1);
  const rsaAlg = children(der(rsa2048.publicKey, "spki"))[0]!;
  const rsaPriv = children(der(rsa2048.privateKey, "pkcs1"));
  const edPkcs8 = children(der(ed.privateKey, "pkcs8"));
  const ecSec1 = children(der(p256.privateKey, "sec1"));
  const ecPkcs8 = children(der(p256.privateKey, "pkcs8"));
  /** The same element with another tag byte. */
  const retagged = (raw: Uint8Array, tag: number) => Uint8Array.from([tag, ...raw.subarray(1)]);
  const withPart = (parts: Uint8Array[], at: number, part: Uint8Array) =>
    seq(...parts.map((p, i) => (i === at ? part : p)));

  it.each([
    ["an empty file", b()],
    ["a SET instead of a SEQUENCE", b(0x31, ...edSpki.subarray(1))],
    ["an empty SEQUENCE", seq()],
    ["a SEQUENCE whose children overrun it", b(0x30, 0x03, 0x02, 0x05, 0x00)],
    ["trailing bytes after the key", b(...edSpki, 0x00)],
    ["a lone INTEGER in a SEQUENCE", seq(int(0))],
    ["a SEQUENCE of NULLs", seq(derEncode(DER.NULL), derEncode(DER.NULL), derEncode(DER.NULL))],
    ["a PKCS#8 with a NULL for its version", seq(derEncode(DER.NULL), ...edPkcs8.slice(1))],
    // SPKI
    ["an SPKI without its key", seq(edAlg!)],
    ["an SPKI with an element after the key", seq(edAlg!, edKey!, derEncode(DER.NULL))],
    ["an SPKI whose key is an OCTET STRING", seq(edAlg!, octets(b(0, ...edPoint)))],
    ["an SPKI whose BIT STRING has a padding byte of 1", seq(edAlg!, bits(edPoint, 1))],
    ["an SPKI whose algorithm is not an OID", seq(seq(derEncode(DER.NULL)), edKey!)],
    ["an SPKI whose algorithm overruns", seq(b(0x30, 0x02, 0x06, 0x05), edKey!)],
    ["an Ed25519 SPKI with a 31-byte key", seq(edAlg!, bits(edPoint.subarray(1)))],
    ["an Ed25519 SPKI with NULL parameters", seq(seq(derOid("1.3.101.112"), derEncode(DER.NULL)), edKey!)],
    // RSA public
    ["an RSA SPKI whose key is not DER", seq(rsaAlg, bits(b(0x30, 0x05, 0x02)))],
    ["an RSA SPKI whose key is a SET", seq(rsaAlg, bits(derEncode(0x31, n!, e!)))],
    ["an RSA SPKI with three integers", seq(rsaAlg, bits(seq(n!, e!, int(3))))],
    ["an RSA SPKI whose integers overrun", seq(rsaAlg, bits(b(0x30, 0x03, 0x02, 0x05, 0x01)))],
    ["a PKCS#1 public key with a negative modulus", seq(NEGATIVE, e!)],
    ["a PKCS#1 public key with a negative exponent", seq(n!, NEGATIVE)],
    ["a PKCS#1 public key with a non-minimal exponent", seq(n!, int(0, 1, 0, 1))],
    // RSA private
    ["a PKCS#1 private key cut to four integers", seq(...rsaPriv.slice(0, 4))],
    ["a PKCS#1 private key of version 1", withPart(rsaPriv, 0, int(1))],
    ["a PKCS#1 private key with a negative version", withPart(rsaPriv, 0, NEGATIVE)],
    ...[1, 2, 3, 4, 5].map(
      (at) =>
        [`a PKCS#1 private key with a negative integer ${at}`, withPart(rsaPriv, at, NEGATIVE)] as const,
    ),
    // SEC1
    ["a SEC1 key of version 0", withPart(ecSec1, 0, int(0))],
    ["a SEC1 key with a negative version", withPart(ecSec1, 0, NEGATIVE)],
    // PKCS#8
    ["a PKCS#8 key held in a BIT STRING", withPart(edPkcs8, 2, retagged(edPkcs8[2]!, DER.BIT_STRING))],
    [
      "an EC PKCS#8 whose SEC1 is an OCTET STRING",
      withPart(ecPkcs8, 2, octets(retagged(readDerExact(ecPkcs8[2]!)!.value, DER.OCTET_STRING))),
    ],
    ["a PKCS#8 whose algorithm overruns", withPart(edPkcs8, 1, b(0x30, 0x02, 0x06, 0x05))],
    ["an Ed25519 PKCS#8 whose key is not DER", withPart(edPkcs8, 2, octets(b(0x04, 0x20)))],
    [
      "an Ed25519 PKCS#8 whose seed is a SEQUENCE",
      withPart(edPkcs8, 2, octets(seq(octets(new Uint8Array(30))))),
    ],
    ["an Ed25519 PKCS#8 with a 31-byte seed", withPart(edPkcs8, 2, octets(octets(new Uint8Array(31))))],
    ["an EC PKCS#8 whose SEC1 is not DER", withPart(ecPkcs8, 2, octets(b(0x30, 0x10, 0x02)))],
    ["an EC PKCS#8 whose SEC1 is one INTEGER", withPart(ecPkcs8, 2, octets(seq(int(1))))],
    ["an EC PKCS#8 whose SEC1 has no OCTET STRING", withPart(ecPkcs8, 2, octets(seq(int(1), int(5))))],
    ["an RSA PKCS#8 whose key is not DER", seq(int(0), rsaAlg, octets(b(0x30, 0x10, 0x02)))],
  ] as [string, Uint8Array][])("refuses %s", (_what, bytes) => {
    expect(classifyDer(bytes)).toBeUndefined();
  });

  it("ignores a SEC1 public key or curve field whose content does not parse", () => {
    const [version, scalar, curve] = ecSec1;
    const noPoint = classifyDer(seq(version!, scalar!, curve!, b(0xa1, 0x02, 0x03, 0x05)));
    expect(noPoint).toMatchObject({ kind: "private", type: "ecdsa-p256", publicKey: undefined });
    expect(classifyDer(seq(version!, scalar!, b(0xa0, 0x02, 0x06, 0x05)))).toEqual({
      kind: "unsupported",
      what: "an EC key on a curve other than P-256 or P-384",
    });
    const fromPkcs8 = classifyDer(
      hex("3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420" + "11".repeat(32)),
    );
    expect(fromPkcs8).toMatchObject({ kind: "private", type: "ecdsa-p256", publicKey: undefined });
  });
});

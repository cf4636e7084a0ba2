// importKey / importTrustedKey beyond the vectors: public keys derived through WebCrypto from minimal EC
// private keys (no public key inside), and the typed errors (code, variant, parameters) a technician sees.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { DER, derChildren, derEncode, readDerExact } from "../../../src/core/mcuboot/der.js";
import { importKey, importTrustedKey } from "../../../src/core/mcuboot/index.js";
import { vectorBytes } from "./manifest.js";

function pem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${Buffer.from(der).toString("base64")}\n-----END ${label}-----\n`;
}

/** A SEC1 key as `imgtool getpriv --minimal`-style tools write it: version, scalar, curve; no public key. */
function minimalSec1(sec1: Uint8Array, scalar?: Uint8Array): Uint8Array {
  const [version, d, curve] = derChildren(readDerExact(sec1)!)!;
  const secret = scalar ? derEncode(DER.OCTET_STRING, scalar) : d!.raw;
  return derEncode(DER.SEQUENCE, version!.raw, secret, curve!.raw);
}

async function refusal(input: Uint8Array | string): Promise<unknown> {
  const error = (await importKey(input).then(
    () => undefined,
    (e: unknown) => e,
  )) as { code: string; variant?: string; hint?: string; params: unknown } | undefined;
  if (!error) throw new Error("not refused");
  return { code: error.code, variant: error.variant, hint: error.hint, params: error.params };
}

describe("importKey: public keys derived with WebCrypto", () => {
  it.each([
    ["P-256", "ecdsa-p256"],
    ["P-384", "ecdsa-p384"],
  ] as const)("derives the %s public key from a SEC1 key without one", async (curve, type) => {
    const pair = generateKeyPairSync("ec", { namedCurve: curve });
    const sec1 = new Uint8Array(pair.privateKey.export({ format: "der", type: "sec1" }));
    const key = await importKey(pem("EC PRIVATE KEY", minimalSec1(sec1)), { name: "board" });
    expect(key).toMatchObject({
      kind: "public-key",
      name: "board",
      type,
      fromPrivateKey: true,
      format: "pem",
    });
    expect(key.kind === "public-key" && toHex(key.publicKey)).toBe(
      toHex(pair.publicKey.export({ format: "der", type: "spki" })),
    );
  });

  it.each([
    ["zero", new Uint8Array(32)],
    [
      "the group order",
      Uint8Array.from(
        Buffer.from(`${"ff".repeat(4)}00000000${"ff".repeat(8)}bce6faada7179e84f3b9cac2fc632551`, "hex"),
      ),
    ],
  ])("refuses a P-256 private key whose scalar is %s", async (_what, scalar) => {
    const sec1 = new Uint8Array(
      generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "der", type: "sec1" }),
    );
    expect(await refusal(pem("EC PRIVATE KEY", minimalSec1(sec1, scalar)))).toEqual({
      code: "key-bad-der",
      variant: "private-key-unreadable",
      hint: "key-bad-der.private-key-unreadable",
      params: { type: "ecdsa-p256" },
    });
  });
});

describe("importKey: typed refusals", () => {
  it("names a key MCUboot cannot use", async () => {
    const k1 = generateKeyPairSync("ec", { namedCurve: "secp256k1" }).publicKey.export({
      format: "pem",
      type: "spki",
    });
    expect(await refusal(k1.toString())).toEqual({
      code: "key-unsupported",
      variant: "unusable-kind",
      hint: "key-unsupported.unusable-kind",
      params: { what: "an EC key on a curve other than P-256 or P-384" },
    });
  });

  it("refuses a 32-byte PEM body that is no key structure, rather than taking it as a KEYHASH", async () => {
    expect(await refusal(pem("PUBLIC KEY", new Uint8Array(32).fill(0x41)))).toEqual({
      code: "key-bad-der",
      variant: "unknown-structure",
      hint: "key-structure",
      params: { size: 32, label: "PUBLIC KEY" },
    });
  });

  it("refuses bytes that are neither DER nor a KEYHASH length", async () => {
    expect(await refusal(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x80, 0xff))).toEqual({
      code: "key-unrecognised",
      variant: "not-der",
      hint: "key-structure",
      params: { size: 6, label: undefined },
    });
  });

  it("refuses an encryption-only X25519 key as a signing key, naming it", async () => {
    const error = await importTrustedKey(vectorBytes("keys/enc-x25519.pub.pem"), { name: "enc" }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: "key-not-signing",
      hint: "key-not-signing",
      params: { keyName: "enc" },
    });
  });
});

describe("KEYHASH pins", () => {
  it("keeps its own copy of a raw hash file's bytes", async () => {
    const file = vectorBytes("keys/ed25519.pubhash.raw").slice();
    const expected = toHex(file);
    const pin = await importKey(file);
    file.fill(0);
    expect(pin.kind === "key-hash" && toHex(pin.hash)).toBe(expected);
  });

  it("is trusted as a pin, with no key type attached", async () => {
    const pin = await importTrustedKey(vectorBytes("keys/ecdsa-p384.pubhash.raw"), { name: "pin" });
    expect(pin).toStrictEqual({
      kind: "key-hash",
      name: "pin",
      algorithm: "sha256",
      hash: vectorBytes("keys/ecdsa-p384.pubhash.raw"),
      format: "raw",
    });
  });
});

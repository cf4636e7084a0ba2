// JWK helpers: reading coordinates out of an exported JWK, and building the RSA private JWK WebCrypto needs
// from imgtool's minimal key (n, e, d, p, q), with node:crypto's own JWK export as the oracle.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { base64UrlToBytes, jwkMember } from "../../../src/core/mcuboot/jwk.js";
import { rsaPrivateJwk } from "../../../src/core/mcuboot/rsa-jwk.js";

const fromB64url = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "base64url"));
const big = (text: string): bigint => BigInt(`0x${toHex(fromB64url(text)) || "0"}`);

describe("jwkMember", () => {
  it("decodes the public coordinates of node's EC and X25519 JWKs", () => {
    const ec = generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey.export({ format: "jwk" });
    expect(toHex(jwkMember(ec, "x")!)).toBe(toHex(fromB64url(ec.x!)));
    expect(jwkMember(ec, "y")).toHaveLength(48);
    const x = generateKeyPairSync("x25519").publicKey.export({ format: "jwk" });
    expect(toHex(jwkMember(x, "x")!)).toBe(toHex(fromB64url(x.x!)));
  });

  it.each([
    ["null", null],
    ["a string", "x"],
    ["a number", 7],
    ["undefined", undefined],
    ["an object without the member", { kty: "EC" }],
    ["a number member", { x: 5 }],
    ["a member that is not base64url", { x: "a" }],
  ])("gives undefined for %s", (_what, jwk) => {
    expect(jwkMember(jwk, "x")).toBeUndefined();
  });
});

describe("base64UrlToBytes", () => {
  it.each([
    ["", ""],
    ["AQAB", "010001"],
    ["-_8", "fbff"],
    ["_w", "ff"],
    ["AAEC-w", "000102fb"],
  ])("%s is %s", (text, hex) => {
    expect(toHex(base64UrlToBytes(text)!)).toBe(hex);
  });
});

describe("rsaPrivateJwk", () => {
  it.each([1024, 2048, 3072])("matches node's JWK of an RSA-%i key, CRT values included", (size) => {
    const jwk = generateKeyPairSync("rsa", { modulusLength: size }).privateKey.export({ format: "jwk" });
    const built = rsaPrivateJwk({
      n: fromB64url(jwk.n!),
      e: fromB64url(jwk.e!),
      d: fromB64url(jwk.d!),
      p: fromB64url(jwk.p!),
      q: fromB64url(jwk.q!),
    });
    expect(built).toEqual({
      kty: "RSA",
      n: jwk.n,
      e: jwk.e,
      d: jwk.d,
      p: jwk.p,
      q: jwk.q,
      dp: jwk.dp,
      dq: jwk.dq,
      qi: jwk.qi,
      ext: false,
    });
  });

  it("writes CRT values whose top nibble is zero without a stray or missing digit", () => {
    // p = 1009, q = 1013, e = 17: dp, dq and qi are 9..10-bit numbers (three hex digits).
    const [p, q, e] = [1009n, 1013n, 17n];
    const phi = (p - 1n) * (q - 1n);
    let d = 1n;
    while ((d * e) % phi !== 1n) d++;
    const bytes = (n: bigint) => {
      const digits = n.toString(16);
      return Uint8Array.from(Buffer.from(digits.length % 2 ? `0${digits}` : digits, "hex"));
    };
    const built = rsaPrivateJwk({
      n: bytes(p * q),
      e: bytes(e),
      d: bytes(d),
      p: bytes(p),
      q: bytes(q),
    });
    const dp = big(String(built.dp));
    const dq = big(String(built.dq));
    const qi = big(String(built.qi));
    expect([dp, dq]).toEqual([d % (p - 1n), d % (q - 1n)]);
    expect((qi * q) % p).toBe(1n);
    expect(qi < p).toBe(true);
    for (const v of [built.dp, built.dq, built.qi]) expect(fromB64url(String(v))[0]).not.toBe(0);
  });
});

// Reads the public coordinates out of a JWK that WebCrypto exported (validated, never cast).

import { fromBase64 } from "../bytes.js";

export function base64UrlToBytes(text: string): Uint8Array | undefined {
  const std = text.replace(/-/g, "+").replace(/_/g, "/");
  return fromBase64(std + "=".repeat((4 - (std.length % 4)) % 4));
}

/** The named base64url member of an exported JWK, decoded; undefined when missing or malformed. */
export function jwkMember(jwk: unknown, name: string): Uint8Array | undefined {
  if (typeof jwk !== "object" || jwk === null || !(name in jwk)) return undefined;
  const value: unknown = Reflect.get(jwk, name);
  return typeof value === "string" ? base64UrlToBytes(value) : undefined;
}

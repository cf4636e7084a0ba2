// Signed firmware for the demo device: MCUboot images signed with ed25519 by a fixed demo key, so the whole
// flow — local signature check included — can be tried without hardware. The key is public on purpose (it is
// in this file); a real product never trusts it.

import { SimulatorError } from "./errors.js";
import * as ed from "@noble/ed25519";
import { buildImage, type BuildImageOptions } from "./mcuboot/image-builder.js";
import { findImageHash } from "./mcuboot/image-info.js";
import { sha256 } from "./sha256.js";

const TLV_KEYHASH = 0x01;
const TLV_ED25519 = 0x24;

/** SubjectPublicKeyInfo prefix of an ed25519 public key (RFC 8410). */
const ED25519_SPKI_PREFIX = Uint8Array.of(
  0x30,
  0x2a,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x03,
  0x21,
  0x00,
);

export const DEMO_KEY_NAME = "McuFlash demo key";

let seed: Promise<Uint8Array> | undefined;

function demoSeed(): Promise<Uint8Array> {
  seed ??= sha256(new TextEncoder().encode("McuFlash demo signing key - public, for the simulator only"));
  return seed;
}

/** The demo key's public key as SubjectPublicKeyInfo DER (what MCUboot embeds and KEYHASH hashes). */
export async function demoPublicKeySpki(): Promise<Uint8Array> {
  const pub = await ed.getPublicKeyAsync(await demoSeed());
  const out = new Uint8Array(ED25519_SPKI_PREFIX.length + pub.length);
  out.set(ED25519_SPKI_PREFIX);
  out.set(pub, ED25519_SPKI_PREFIX.length);
  return out;
}

/** The demo public key as PEM, ready to add to the trusted keys. */
export async function demoPublicKeyPem(): Promise<string> {
  const der = await demoPublicKeySpki();
  const b64 = btoa(String.fromCharCode(...der));
  return `-----BEGIN PUBLIC KEY-----\n${b64}\n-----END PUBLIC KEY-----\n`;
}

/** An MCUboot image signed by the demo key (ed25519 over the SHA-256 image hash, with a KEYHASH TLV). */
export async function buildDemoImage(options: BuildImageOptions = {}): Promise<Uint8Array> {
  // The signature TLVs are unprotected, so they do not change the hash: hash first, then sign it.
  const unsigned = await buildImage(options);
  const hash = findImageHash(unsigned);
  if (!hash) throw new SimulatorError("sim-demo-image", {}, { hint: "internal-error" });
  const signature = await ed.signAsync(hash, await demoSeed());
  const keyHash = await sha256(await demoPublicKeySpki());
  return buildImage({
    ...options,
    extraTlvs: [...(options.extraTlvs ?? []), [TLV_KEYHASH, keyHash], [TLV_ED25519, signature]],
  });
}

// The verifier adapter against the real core and the reference vectors: what the firmware panel shows,
// and that a stored key (public part only) verifies exactly like the key the user gave.

import { describe, expect, test } from "vitest";
import { checkFirmware, describeKey, reverify } from "../../src/app/services/verifier.js";
import { sendGate } from "../../src/app/firmware/send-gate.js";
import { readVectorBytes } from "../support/vectors.js";

const text = (...parts: string[]) => new TextDecoder().decode(readVectorBytes("mcuboot", ...parts));

describe("verifier adapter", () => {
  test("a signed image with its key trusted names the signer", async () => {
    const key = await describeKey(text("keys", "ed25519.pub.pem"), "Bench key");
    const check = await checkFirmware(
      readVectorBytes("mcuboot", "images", "signed", "ed25519-1k.bin"),
      "ed25519-1k.bin",
      [{ name: key.name, material: key.publicMaterial }],
    );
    expect(check.format).toBe("binary");
    expect(check.images).toHaveLength(1);
    const image = check.images[0]!;
    expect(image.outcome).toBe("valid");
    expect(image.signedBy).toBe("Bench key");
    expect(image.version).toMatch(/^\d+\.\d+\.\d+\+\d+$/);
    expect(image.imageHash).toMatch(/^[0-9a-f]{64}$/);
    expect(image.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sendGate(image, 1).kind).toBe("allowed");
  });

  test("without keys the same image is intact but untrusted", async () => {
    const check = await checkFirmware(
      readVectorBytes("mcuboot", "images", "signed", "ed25519-1k.bin"),
      "a.bin",
      [],
    );
    expect(check.images[0]?.signedBy).toBeUndefined();
    expect(sendGate(check.images[0]!, 0).kind).toBe("needs-override");
  });

  test("a tampered body is refused with its reason", async () => {
    const key = await describeKey(text("keys", "ed25519.pub.pem"), "k");
    const check = await checkFirmware(
      readVectorBytes("mcuboot", "tampered", "ed25519-seccnt-body-flip.bin"),
      "t.bin",
      [{ name: "k", material: key.publicMaterial }],
    );
    expect(check.images[0]?.outcome).toBe("hash-mismatch");
    expect(sendGate(check.images[0]!, 1).kind).toBe("refused");
  });

  test("an unreadable file throws a message for the user", async () => {
    await expect(checkFirmware(new Uint8Array(), "empty.bin", [])).rejects.toThrow(/empty/);
  });

  test.each([
    ["ed25519.pub.pem", "ed25519"],
    ["ed25519.pem", "ed25519"],
    ["ecdsa-p256.pub.c", "ecdsa-p256"],
    ["ecdsa-p384.pub.pem", "ecdsa-p384"],
    ["rsa-2048.pub.pem", "rsa-2048"],
    ["ed25519.pubhash.c", "key hash (sha256)"],
  ])("%s: what is stored re-imports to the same key", async (file, type) => {
    const given = await describeKey(text("keys", file), "k");
    expect(given.type).toBe(type);
    const stored = await describeKey(given.publicMaterial, "k");
    expect(stored.fingerprint).toBe(given.fingerprint);
    expect(stored.type).toBe(type);
  });

  test("a private key is reduced to its public part before it is stored", async () => {
    const fromPrivate = await describeKey(text("keys", "ed25519.pem"), "k");
    const fromPublic = await describeKey(text("keys", "ed25519.pub.pem"), "k");
    expect(fromPrivate.fromPrivateKey).toBe(true);
    expect(fromPrivate.publicMaterial).toEqual(fromPublic.publicMaterial);
  });

  test("the public key's fingerprint is its KEYHASH", async () => {
    const key = await describeKey(text("keys", "ed25519.pub.pem"), "k");
    const pin = await describeKey(readVectorBytes("mcuboot", "keys", "ed25519.pubhash.raw"), "k");
    expect(key.fingerprint).toBe(pin.fingerprint);
  });

  test("re-verification before sending returns the hash the device will report", async () => {
    const key = await describeKey(text("keys", "ed25519.pub.pem"), "k");
    const bytes = readVectorBytes("mcuboot", "images", "signed", "ed25519-1k.bin");
    const check = await checkFirmware(bytes, "a.bin", [{ name: "k", material: key.publicMaterial }]);
    const again = await reverify(bytes, [{ name: "k", material: key.publicMaterial }]);
    expect(again.signedBy).toBe("k");
    expect(again.hash && Buffer.from(again.hash).toString("hex")).toBe(check.images[0]?.imageHash);
  });
});

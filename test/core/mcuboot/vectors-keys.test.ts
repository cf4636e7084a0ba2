// Golden test: every key file in vectors/mcuboot/manifest.json imports (format detected from the bytes) to
// the public key MCUboot embeds, with the manifest's KEYHASHes for SHA-256/384/512.
import { describe, expect, it } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import {
  importDecryptionKey,
  importKey,
  importTrustedKey,
  keyHashHex,
} from "../../../src/core/mcuboot/index.js";
import { get, manifest, optStr, str, vectorBytes } from "./manifest.js";

const keys = manifest().filter((e) => e.kind === "key");

/** The public key bytes and hashes of each key, from its private-pem entry. */
function reference(keyName: string): { publicHex: string; hashes: unknown } {
  const priv = keys.find((k) => str(k.raw, "key_name") === keyName && str(k.raw, "form") === "private-pem");
  if (!priv) throw new Error(`no private-pem entry for ${keyName}`);
  return { publicHex: str(priv.raw, "public_key_bytes_hex"), hashes: get(priv.raw, "key_hashes") };
}

describe("MCUboot reference vectors: keys", () => {
  it("has every key file", () => expect(keys).toHaveLength(84));

  it.each(keys.map((e) => [e.path, e] as const))("%s", async (path, e) => {
    const form = str(e.raw, "form");
    const keyName = str(e.raw, "key_name");
    const role = str(e.raw, "role");
    const ref = reference(keyName);
    const imported = await importKey(vectorBytes(path), { name: keyName });
    expect(imported.name).toBe(keyName);
    if (form.startsWith("public-sha256")) {
      expect(imported.kind).toBe("key-hash");
      if (imported.kind !== "key-hash") return;
      expect(imported.algorithm).toBe("sha256");
      expect(toHex(imported.hash)).toBe(str(ref.hashes, "sha256"));
      if (optStr(e.raw, "value_hex")) expect(toHex(imported.hash)).toBe(optStr(e.raw, "value_hex"));
      return;
    }
    expect(imported.kind).toBe("public-key");
    if (imported.kind !== "public-key") return;
    expect(imported.type).toBe(str(e.raw, "key_type"));
    expect(imported.fromPrivateKey).toBe(form.startsWith("private"));
    expect(toHex(imported.publicKey)).toBe(ref.publicHex);
    if (optStr(e.raw, "value_hex")) expect(toHex(imported.publicKey)).toBe(optStr(e.raw, "value_hex"));
    for (const alg of ["sha256", "sha384", "sha512"] as const) {
      expect(await keyHashHex(imported.publicKey, alg)).toBe(str(ref.hashes, alg));
    }
    if (role === "encryption" && form.startsWith("private")) {
      const dec = await importDecryptionKey(vectorBytes(path), { name: keyName });
      expect(dec.publicKey && toHex(dec.publicKey)).toBe(ref.publicHex);
    } else if (imported.type === "x25519") {
      await expect(importTrustedKey(vectorBytes(path))).rejects.toMatchObject({ code: "key-not-signing" });
    } else {
      const trusted = await importTrustedKey(vectorBytes(path), { name: keyName });
      expect(trusted.kind).toBe("public-key");
    }
  });

  it("uses the C array's identifier as the default name", async () => {
    const key = await importKey(vectorBytes("keys/ecdsa-p256.pub.name-suffix-2.c"));
    expect(key.name).toBe("ecdsa_pub_key_2");
  });

  it("refuses a public key as a decryption key", async () => {
    await expect(importDecryptionKey(vectorBytes("keys/enc-x25519.pub.pem"))).rejects.toMatchObject({
      code: "key-not-private",
    });
  });
});

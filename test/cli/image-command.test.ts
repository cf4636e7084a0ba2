// `mcuflash image inspect`: exit codes, human and JSON output, against the MCUboot reference vectors; the
// verdict is core's send rule, the one `upload` applies.
import { readFile } from "node:fs/promises";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { runCli } from "../../src/cli/run-cli.js";
import { englishI18n } from "../../src/i18n/english.js";
import { vectorPath } from "../support/vectors.js";

const V = (p: string): string => vectorPath("mcuboot", p);

async function run(args: string[], files: Record<string, Uint8Array> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(
    ["image", ...args],
    {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      readFile: async (path) => files[path] ?? new Uint8Array(await readFile(path)),
      writeFile: async () => undefined,
      interactive: false,
      interrupt: new AbortController().signal,
      i18n: englishI18n(),
    },
    COMMANDS,
  );
  return { code, stdout, stderr };
}

function parseJson(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null) throw new Error("not an object");
  return Object.fromEntries(Object.entries(value));
}

describe("mcuflash image inspect", () => {
  it("accepts a valid image signed by the given key (exit 0) and prints a readable summary", async () => {
    const r = await run([
      "inspect",
      V("images/signed/ed25519-1k-seccnt-bootrec.bin"),
      "--key",
      V("keys/ed25519.pub.pem"),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1.2.3+4");
    expect(r.stdout).toContain("0a603340dd5a818f0c6fd70d61a6e9f5d71db0f4af32994127d8c8c0b7aa5a30");
    expect(r.stdout).toContain("signed by: ed25519.pub.pem");
    expect(r.stdout).toMatch(/outcome: valid/);
    expect(r.stdout).toMatch(/^OK:/m);
  });

  it("prints the JSON report with outcome, reason, header, tlvs, hash and signature as hex", async () => {
    const r = await run([
      "inspect",
      V("images/signed/ecdsa-p256-1k.bin"),
      "--key",
      V("keys/ecdsa-p256.pub.c"),
      "--json",
    ]);
    expect(r.code).toBe(0);
    const json = parseJson(r.stdout);
    expect(json.outcome).toBe("valid");
    // Machine-readable: the catalog key and its parameters, no words.
    expect(json.reason).toEqual({
      key: "verify.valid",
      params: { key: "ecdsa-p256.pub.c", keyType: "ecdsa-p256" },
    });
    expect(json.summary).toEqual({ key: "cli.inspect.would-send", params: {} });
    expect(json.header).toMatchObject({ version: "1.2.3+4", headerSize: 512, imageSize: 1024 });
    expect(json.tlvs).toEqual(expect.arrayContaining([expect.objectContaining({ name: "ECDSASIG" })]));
    expect(json.hash).toMatchObject({ algorithm: "sha256", status: "match" });
    expect(json.signature).toMatchObject({
      status: "verified",
      keyName: "ecdsa-p256.pub.c",
      tlv: "ECDSASIG",
    });
    const sig = json.signature;
    expect(
      typeof sig === "object" && sig !== null && /^[0-9a-f]+$/.test(String(Reflect.get(sig, "value"))),
    ).toBe(true);
    expect(json.signedBy).toBe("ecdsa-p256.pub.c");
  });

  it("exits 1 for a tampered image and says why", async () => {
    const r = await run([
      "inspect",
      V("tampered/ed25519-seccnt-body-flip.bin"),
      "--key",
      V("keys/ed25519.pub.pem"),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/outcome: hash-mismatch/);
    expect(r.stdout).toMatch(/^NOT OK:/m);
  });

  it("exits 1 when the image is signed by a key other than the given one", async () => {
    const r = await run([
      "inspect",
      V("images/signed/ed25519-1k.bin"),
      "--key",
      V("keys/ed25519-other.pub.pem"),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bad-signature/);
    expect(r.stdout).toContain("signed by: untrusted");
  });

  it("an intact image without keys is what upload refuses: exit 1, needs-override, passes with --allow-unsigned", async () => {
    const r = await run(["inspect", V("images/signed/ed25519-1k.bin")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("signed by: untrusted");
    expect(r.stdout).toMatch(/^NOT OK: .*no trusted key was given .*unless --allow-unsigned/m);
    const json = await run(["inspect", V("images/signed/ed25519-1k.bin"), "--json"]);
    expect(json.code).toBe(1);
    expect(parseJson(json.stdout)).toMatchObject({
      outcome: "valid",
      send: "needs-override",
      accepted: false,
    });
    const allowed = await run(["inspect", V("images/signed/ed25519-1k.bin"), "--allow-unsigned", "--json"]);
    expect(allowed.code).toBe(0);
    expect(parseJson(allowed.stdout)).toMatchObject({ send: "needs-override", accepted: true });
  });

  it("a damaged image is refused whatever the options", async () => {
    const r = await run([
      "inspect",
      V("tampered/ed25519-seccnt-body-flip.bin"),
      "--allow-unsigned",
      "--json",
    ]);
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout)).toMatchObject({ outcome: "hash-mismatch", send: "refused", accepted: false });
  });

  it("a trusted image reports send: trusted", async () => {
    const r = await run([
      "inspect",
      V("images/signed/ed25519-1k.bin"),
      "--key",
      V("keys/ed25519.pub.pem"),
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(parseJson(r.stdout)).toMatchObject({ send: "trusted", accepted: true });
  });

  it("exits 1 for a malformed file", async () => {
    const r = await run(["inspect", V("tampered/ed25519-seccnt-truncated-in-body.bin"), "--json"]);
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout)).toMatchObject({ outcome: "malformed", errorCode: "image-truncated" });
  });

  it("exits 1 for an encrypted image it cannot fully check, 0 with the decryption key", async () => {
    const args = [
      "inspect",
      V("images/encrypted/ed25519-x25519-aes128.bin"),
      "--key",
      V("keys/ed25519.pub.pem"),
    ];
    const partial = await run(args);
    expect(partial.code).toBe(1);
    expect(partial.stdout).toMatch(/not checked: image hash/);
    const full = await run([...args, "--decrypt-key", V("keys/enc-x25519.pem")]);
    expect(full.code).toBe(0);
  });

  it("reads Intel HEX and every image of a dfu_application.zip", async () => {
    const hex = await run(["inspect", V("images/hex/ed25519-1k.hex"), "--key", V("keys/ed25519.pub.pem")]);
    expect(hex.code).toBe(0);
    const zip = zipSync({
      "manifest.json": new TextEncoder().encode(
        JSON.stringify({
          "format-version": 1,
          files: [
            { type: "application", image_index: "0", file: "app.bin" },
            { type: "application", image_index: "1", file: "net.bin" },
          ],
        }),
      ),
      "app.bin": new Uint8Array(await readFile(V("images/signed/ed25519-1k.bin"))),
      "net.bin": new Uint8Array(await readFile(V("images/signed/ed25519-64k.bin"))),
    });
    const r = await run(["inspect", "dfu_application.zip", "--key", V("keys/ed25519.pub.pem"), "--json"], {
      "dfu_application.zip": zip,
    });
    expect(r.code).toBe(0);
    const json = parseJson(r.stdout);
    expect(json.format).toBe("dfu-zip");
    expect(json.outcome).toBe("valid");
    expect(json.images).toEqual([
      expect.objectContaining({ imageNumber: 0, name: "app.bin", outcome: "valid" }),
      expect.objectContaining({ imageNumber: 1, name: "net.bin", outcome: "valid" }),
    ]);
  });

  it.each([
    [[], "usage-missing-subcommand"],
    [["list"], "usage-unknown-subcommand"],
    [["inspect"], "usage-missing-argument"],
    [["inspect", "a.bin", "b.bin"], "usage-extra-argument"],
    [["inspect", "a.bin", "--key"], "usage-missing-value"],
    [["inspect", "a.bin", "--frobnicate"], "usage-unknown-option"],
  ])("exits 2 on a usage error: %j", async (args, code) => {
    const r = await run([...args, "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--help' for usage\.$/m);
    expect(JSON.parse(r.stdout)).toEqual({ error: { code, params: expect.any(Object) } });
  });

  it("prints its help with exit 0", async () => {
    const r = await run(["inspect", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: mcuflash image inspect FILE \[options\]/);
    expect(r.stdout).toContain("--allow-unsigned");
  });

  it("exits 1 with a clear message for an unreadable key or file", async () => {
    const badKey = await run(["inspect", V("images/signed/ed25519-1k.bin"), "--key", "k.pem", "--json"], {
      "k.pem": new TextEncoder().encode("not a key"),
    });
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toMatch(/^mcuflash image inspect: Key file k\.pem: .*neither PEM/);
    expect(JSON.parse(badKey.stdout)).toEqual({
      error: { code: "key-unrecognised", params: { path: "k.pem" } },
    });
    const missing = await run(["inspect", "/nonexistent/firmware.bin", "--json"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("firmware.bin");
    expect(JSON.parse(missing.stdout)).toEqual({
      error: {
        code: "local-file-unreadable",
        params: { path: "/nonexistent/firmware.bin", errno: "ENOENT" },
      },
    });
  });
});

// readKeyBlob: how a key file is written (PEM, imgtool getpub's C and Rust arrays, hex, raw bytes) is told
// apart from the bytes alone, with the typed error (code, variant, what it saw) for each thing that is not
// a key encoding.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { readKeyBlob } from "../../../src/core/mcuboot/key-text.js";
import { vectorBytes, vectorText } from "./manifest.js";

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const spkiHex = toHex(vectorBytes("keys/ed25519.pub.raw"));
const spkiBytes = [...vectorBytes("keys/ed25519.pub.raw")];
const cBytes = spkiBytes.map((x) => `0x${x.toString(16).padStart(2, "0")}`).join(", ");

function refusal(input: Uint8Array | string): unknown {
  try {
    readKeyBlob(input);
  } catch (error) {
    const e = error as { code: string; variant?: string; hint?: string; params: unknown };
    return { code: e.code, variant: e.variant, hint: e.hint, params: e.params };
  }
  throw new Error("not refused");
}

describe("readKeyBlob: PEM", () => {
  const pem = vectorText("keys/ed25519.pub.pem");

  it("reads PEM with LF or CRLF line ends, from text or bytes, amid surrounding text", () => {
    for (const text of [pem, pem.replace(/\n/g, "\r\n"), `Key for board 7:\n\n${pem}\n-- ops team\n`]) {
      for (const input of [text, ascii(text)]) {
        const blob = readKeyBlob(input);
        expect([toHex(blob.bytes), blob.format, blob.pemLabel, blob.identifier]).toEqual([
          spkiHex,
          "pem",
          "PUBLIC KEY",
          undefined,
        ]);
      }
    }
  });

  it.each([
    ["a PKCS#8 encrypted key", "pkcs8"],
    ["a legacy encrypted PKCS#1 key (Proc-Type header)", "pkcs1"],
  ] as const)("refuses %s as encrypted", (_what, type) => {
    const key = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({
      format: "pem",
      type,
      cipher: "aes-128-cbc",
      passphrase: "secret",
    });
    expect(refusal(key.toString())).toEqual({
      code: "key-encrypted",
      variant: undefined,
      hint: "key-encrypted",
      params: {},
    });
  });

  it("spots a Proc-Type header written without a space", () => {
    const text =
      "-----BEGIN EC PRIVATE KEY-----\nProc-Type:4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END EC PRIVATE KEY-----\n";
    expect(refusal(text)).toMatchObject({ code: "key-encrypted" });
  });

  it.each([
    ["bad base64", "!!!!"],
    ["an empty body", "\n"],
  ])("refuses a PEM block with %s, naming its label", (_what, body) => {
    expect(refusal(`-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`)).toEqual({
      code: "key-bad-pem",
      variant: undefined,
      hint: "key-bad-pem",
      params: { label: "PUBLIC KEY" },
    });
  });
});

describe("readKeyBlob: imgtool arrays", () => {
  it("reads getpub's C and Rust output with their identifiers", () => {
    const c = readKeyBlob(vectorBytes("keys/ed25519.pub.c"));
    expect([toHex(c.bytes), c.format, c.identifier, c.pemLabel]).toEqual([
      spkiHex,
      "c-array",
      "ed25519_pub_key",
      undefined,
    ]);
    const rust = readKeyBlob(vectorText("keys/ed25519.pub.rs"));
    expect([toHex(rust.bytes), rust.format, rust.identifier]).toEqual([
      spkiHex,
      "rust-array",
      "ED25519_PUB_KEY",
    ]);
  });

  it.each([
    ["a C array with spaces everywhere", `static const uint8_t key [ 44 ] = { ${cBytes} };`, "c-array"],
    ["a C array with no spaces", `uint8_t key[44]={${cBytes.replace(/ /g, "")}};`, "c-array"],
    ["a C array over several lines", `unsigned char key[]\n=\n{\n${cBytes}\n};`, "c-array"],
    ["a Rust array with spaces everywhere", `static key : & [ u8 ] = & [ ${cBytes} ];`, "rust-array"],
    ["a Rust array with no spaces", `static key:&[u8]=&[${cBytes.replace(/ /g, "")}];`, "rust-array"],
    [
      "one-digit hex bytes",
      `const unsigned char key[] = { ${spkiBytes.map((x) => `0x${x.toString(16)}`).join(",")} };`,
      "c-array",
    ],
  ])("reads %s", (_what, text, format) => {
    const blob = readKeyBlob(text);
    expect([toHex(blob.bytes), blob.format, blob.identifier]).toEqual([spkiHex, format, "key"]);
  });

  it.each([
    ["a three-digit token", "0x123"],
    ["a token with a prefix", "10x12"],
    ["a decimal token", "48"],
  ])("refuses %s, naming it", (_what, token) => {
    expect(refusal(`const unsigned char k[] = { 0x30, ${token}, 0x00 };`)).toEqual({
      code: "key-unrecognised",
      variant: undefined,
      hint: "key-unrecognised",
      params: { identifier: "k", token },
    });
  });

  it("refuses a C array whose _len disagrees with its bytes", () => {
    const text = "const unsigned char k[] = { 0x30, 0x00 };\nconst unsigned int k_len = 3;";
    expect(refusal(text)).toEqual({
      code: "key-unrecognised",
      variant: "array-length-mismatch",
      hint: "key-unrecognised.array-length-mismatch",
      params: { identifier: "k", bytesLength: 2, declared: "3" },
    });
    expect(
      readKeyBlob("const unsigned char k[] = { 0x30, 0x00 };\nconst unsigned int k_len = 2;").bytes,
    ).toEqual(Uint8Array.of(0x30, 0x00));
  });
});

describe("readKeyBlob: hex and raw", () => {
  it.each([
    ["plain", spkiHex],
    ["0x-prefixed amid blank lines", `\n  0x${spkiHex}\n`],
    ["0X-prefixed in capitals", `0X${spkiHex.toUpperCase()}`],
    ["colon-separated (openssl -text)", spkiBytes.map((x) => x.toString(16).padStart(2, "0")).join(":")],
    [
      "space, tab and CRLF separated",
      spkiBytes
        .map((x, i) => x.toString(16).padStart(2, "0") + (i % 16 === 15 ? "\r\n" : i % 8 === 7 ? "\t" : " "))
        .join(""),
    ],
  ])("reads hex written %s, from text and from a file", (_what, text) => {
    for (const input of [text, ascii(text)]) {
      const blob = readKeyBlob(input);
      expect([toHex(blob.bytes), blob.format]).toEqual([spkiHex, "hex"]);
    }
  });

  it("reads a binary DER file as raw bytes, even one with only ASCII-range bytes", () => {
    const der = vectorBytes("keys/ed25519.pub.raw");
    expect(readKeyBlob(der)).toEqual({
      bytes: der,
      format: "raw",
      pemLabel: undefined,
      identifier: undefined,
    });
    // X25519 SPKI of the base point u = 9: every byte below 0x80, NULs included.
    const asciiDer = Uint8Array.from(Buffer.from(`302a300506032b656e0321000900${"00".repeat(30)}`, "hex"));
    expect(readKeyBlob(asciiDer).format).toBe("raw");
    expect(readKeyBlob(Uint8Array.of(0x08, 0x41)).format).toBe("raw");
    expect(readKeyBlob(Uint8Array.of(0x41, 0x1f)).format).toBe("raw");
    expect(readKeyBlob(Uint8Array.of(0x0e, 0x41, 0x42)).format).toBe("raw");
    expect(readKeyBlob(Uint8Array.of(0xff, 0xfe, 0x41)).format).toBe("raw");
  });

  it.each([32, 48, 64])("takes a %i-byte file of printable bytes as a raw KEYHASH", (size) => {
    const bytes = ascii("KEYHASH!".repeat(8).slice(0, size));
    expect(readKeyBlob(bytes)).toMatchObject({ format: "raw", bytes });
  });

  it.each([
    ["prose", "hello world"],
    ["odd-length hex", "abc"],
    ["a lone colon", ":"],
    ["a bare 0x", "0x"],
    ["0x before every byte", "0x30 0x2a"],
    ["a 33-byte text file", ascii("KEYHASH!".repeat(5).slice(0, 33))],
    ["a 32-character string", "KEYHASH!".repeat(4)],
  ])("refuses %s as unknown text", (_what, input) => {
    expect(refusal(input)).toEqual({
      code: "key-unrecognised",
      variant: "unknown-text",
      hint: "key-unrecognised.unknown-text",
      params: {},
    });
  });

  it.each([
    ["an empty file", new Uint8Array(0)],
    ["a file of blank lines", ascii("\r\n\n  \t\n")],
    ["an empty string", ""],
  ])("says %s is empty", (_what, input) => {
    expect(refusal(input)).toEqual({
      code: "key-unrecognised",
      variant: "empty-file",
      hint: "key-unrecognised.empty-file",
      params: {},
    });
  });
});

// Recognises how a key file is written: PEM, imgtool's `getpub -e lang-c` / `lang-rust` arrays, hex text,
// or raw bytes (DER or a bare hash). Turns all of them into bytes plus what the wrapper said about them.

import { fromBase64, fromHex } from "../bytes.js";
import { KeyImportError } from "./errors.js";

export type KeyFormat = "pem" | "c-array" | "rust-array" | "hex" | "raw";

export interface KeyBlob {
  readonly bytes: Uint8Array;
  readonly format: KeyFormat;
  /** The PEM label ("PUBLIC KEY", "EC PRIVATE KEY", ...) when the input was PEM. */
  readonly pemLabel: string | undefined;
  /** The array's identifier in C/Rust output (e.g. "ed25519_pub_key"), a default key name. */
  readonly identifier: string | undefined;
}

const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

function asText(input: Uint8Array): string | undefined {
  // Binary DER starts with 0x30 and has control bytes; text key files never contain NUL or most C0 controls.
  for (const b of input) if (b < 0x09 || (b > 0x0d && b < 0x20)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(input);
  } catch {
    return undefined;
  }
}

function fromPem(text: string): KeyBlob | undefined {
  const match = PEM_RE.exec(text);
  if (!match) return undefined;
  const label = match[1] ?? "";
  const body = match[2] ?? "";
  if (/Proc-Type:\s*4,ENCRYPTED/.test(body) || label === "ENCRYPTED PRIVATE KEY") {
    throw new KeyImportError("key-encrypted", {}, { hint: "key-encrypted" });
  }
  const bytes = fromBase64(body.replace(/\s+/g, ""));
  if (!bytes || bytes.length === 0) {
    throw new KeyImportError("key-bad-pem", { label }, { hint: "key-bad-pem" });
  }
  return { bytes, format: "pem", pemLabel: label, identifier: undefined };
}

/** `const unsigned char NAME[] = { 0x30, ... };` or `static NAME: &[u8] = &[ 0x30, ... ];` */
function fromArray(text: string): KeyBlob | undefined {
  const c = /\b([A-Za-z_]\w*)\s*\[\s*\d*\s*\]\s*=\s*\{([^}]*)\}/.exec(text);
  const rust = c ? undefined : /\b([A-Za-z_]\w*)\s*:\s*&\s*\[\s*u8\s*\]\s*=\s*&\s*\[([^\]]*)\]/.exec(text);
  const match = c ?? rust;
  if (!match) return undefined;
  const identifier = match[1] ?? "";
  const tokens = (match[2] ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  const bytes = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? "";
    const m = /^0x([0-9a-fA-F]{1,2})$/.exec(token);
    if (!m) {
      throw new KeyImportError("key-unrecognised", { identifier, token }, { hint: "key-unrecognised" });
    }
    bytes[i] = parseInt(m[1] ?? "0", 16);
  }
  const declared = new RegExp(`\\b${identifier}_len\\s*=\\s*(\\d+)`).exec(text);
  if (declared && Number(declared[1]) !== bytes.length) {
    throw new KeyImportError(
      "key-unrecognised",
      { identifier, bytesLength: bytes.length, declared: declared[1] },
      { variant: "array-length-mismatch", hint: "key-unrecognised.array-length-mismatch" },
    );
  }
  return { bytes, format: c ? "c-array" : "rust-array", pemLabel: undefined, identifier };
}

function raw(bytes: Uint8Array): KeyBlob {
  return { bytes, format: "raw", pemLabel: undefined, identifier: undefined };
}

/** Key text in any of the written forms; `bytes` is the file when the text came from one. */
function fromText(text: string, bytes: Uint8Array | undefined): KeyBlob {
  const trimmed = text.trim();
  if (trimmed.length === 0) {
    throw new KeyImportError(
      "key-unrecognised",
      {},
      { variant: "empty-file", hint: "key-unrecognised.empty-file" },
    );
  }
  const pem = fromPem(text);
  if (pem) return pem;
  const array = fromArray(text);
  if (array) return array;
  // Hex as typed or pasted: optional 0x, bytes run together or split by spaces, newlines or colons.
  const hex = fromHex(trimmed.replace(/:/g, ""));
  if (hex && hex.length > 0) return { bytes: hex, format: "hex", pemLabel: undefined, identifier: undefined };
  // A raw KEYHASH file is any 32/48/64 bytes, and those can happen to be printable.
  if (bytes && [32, 48, 64].includes(bytes.length)) return raw(bytes);
  throw new KeyImportError(
    "key-unrecognised",
    {},
    { variant: "unknown-text", hint: "key-unrecognised.unknown-text" },
  );
}

/** Reads any supported key encoding into bytes; throws KeyImportError when none fits. */
export function readKeyBlob(input: Uint8Array | string): KeyBlob {
  if (typeof input === "string") return fromText(input, undefined);
  const text = asText(input);
  return text === undefined ? raw(input) : fromText(text, input);
}

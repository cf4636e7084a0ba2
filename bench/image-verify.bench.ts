// Image verification speed: parse + hash + signature check of 1 MiB and 8 MiB images for every signature
// type, next to a bare SHA-256 of the same bytes (the floor). Images are built and signed in memory with
// the reference vectors' throwaway private keys. Target: 1 MiB ed25519 in <= 10 ms, within ~2x of hashing.
import { readFileSync } from "node:fs";
import { fromBase64 } from "../src/core/bytes.js";
import { importTrustedKey, keyHash, verifyImage, type TrustedKey } from "../src/core/mcuboot/index.js";
import { derEncode, derUnsignedInteger } from "../src/core/mcuboot/der.js";
import { vectorPath } from "../test/support/vectors.js";

type Kind = "ed25519" | "ed25519-pure" | "ecdsa-p256" | "ecdsa-p384" | "rsa-2048" | "rsa-3072";
const KINDS: readonly Kind[] = [
  "ed25519",
  "ed25519-pure",
  "ecdsa-p256",
  "ecdsa-p384",
  "rsa-2048",
  "rsa-3072",
];
const HEADER_SIZE = 0x200;

interface Scheme {
  readonly keyFile: string;
  readonly hash: "SHA-256" | "SHA-384" | "SHA-512";
  readonly hashTlv: number;
  readonly sigTlv: number;
  readonly importAlg: AlgorithmIdentifier | EcKeyImportParams | RsaHashedImportParams;
  readonly signAlg: AlgorithmIdentifier | EcdsaParams | RsaPssParams;
}

const SCHEMES: Record<Kind, Scheme> = {
  ed25519: {
    keyFile: "ed25519",
    hash: "SHA-256",
    hashTlv: 0x10,
    sigTlv: 0x24,
    importAlg: { name: "Ed25519" },
    signAlg: { name: "Ed25519" },
  },
  "ed25519-pure": {
    keyFile: "ed25519",
    hash: "SHA-512",
    hashTlv: 0x12,
    sigTlv: 0x24,
    importAlg: { name: "Ed25519" },
    signAlg: { name: "Ed25519" },
  },
  "ecdsa-p256": {
    keyFile: "ecdsa-p256",
    hash: "SHA-256",
    hashTlv: 0x10,
    sigTlv: 0x22,
    importAlg: { name: "ECDSA", namedCurve: "P-256" },
    signAlg: { name: "ECDSA", hash: "SHA-256" },
  },
  "ecdsa-p384": {
    keyFile: "ecdsa-p384",
    hash: "SHA-384",
    hashTlv: 0x11,
    sigTlv: 0x22,
    importAlg: { name: "ECDSA", namedCurve: "P-384" },
    signAlg: { name: "ECDSA", hash: "SHA-384" },
  },
  "rsa-2048": {
    keyFile: "rsa-2048",
    hash: "SHA-256",
    hashTlv: 0x10,
    sigTlv: 0x20,
    importAlg: { name: "RSA-PSS", hash: "SHA-256" },
    signAlg: { name: "RSA-PSS", saltLength: 32 },
  },
  "rsa-3072": {
    keyFile: "rsa-3072",
    hash: "SHA-256",
    hashTlv: 0x10,
    sigTlv: 0x23,
    importAlg: { name: "RSA-PSS", hash: "SHA-256" },
    signAlg: { name: "RSA-PSS", saltLength: 32 },
  },
};

function pemBody(path: string): Uint8Array<ArrayBuffer> {
  const text = readFileSync(path, "utf8")
    .replace(/-----[^-]+-----/g, "")
    .replace(/\s+/g, "");
  const bytes = fromBase64(text);
  if (!bytes) throw new Error(`${path} is not PEM`);
  return bytes.slice();
}

function tlv(type: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + value.length);
  new DataView(out.buffer).setUint16(0, type, true);
  new DataView(out.buffer).setUint16(2, value.length, true);
  out.set(value, 4);
  return out;
}

function ecdsaDer(raw: Uint8Array<ArrayBuffer>): Uint8Array {
  const half = raw.length / 2;
  return derEncode(0x30, derUnsignedInteger(raw.subarray(0, half)), derUnsignedInteger(raw.subarray(half)));
}

/** A signed image with a pseudo-random body of `bodySize` bytes, and the key that trusts it. */
async function buildImage(
  kind: Kind,
  bodySize: number,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; key: TrustedKey }> {
  const s = SCHEMES[kind];
  const key = await importTrustedKey(
    readFileSync(vectorPath("mcuboot", "keys", `${s.keyFile}.pub.pem`), "utf8"),
    { name: s.keyFile },
  );
  if (key.kind !== "public-key") throw new Error("expected a public key");
  const signer = await crypto.subtle.importKey(
    "pkcs8",
    pemBody(vectorPath("mcuboot", "keys", `${s.keyFile}.pem`)),
    s.importAlg,
    false,
    ["sign"],
  );
  const region = new Uint8Array(HEADER_SIZE + bodySize).fill(0xff, 32, HEADER_SIZE);
  const header = new DataView(region.buffer);
  header.setUint32(0, 0x96f3b83d, true);
  header.setUint16(8, HEADER_SIZE, true);
  header.setUint32(12, bodySize, true);
  region.set([1, 2, 3, 0, 4, 0, 0, 0], 20); // version 1.2.3+4
  for (let at = HEADER_SIZE; at < region.length; at += 65536)
    crypto.getRandomValues(region.subarray(at, Math.min(at + 65536, region.length)));
  const digest = new Uint8Array(await crypto.subtle.digest(s.hash, region));
  const alg = s.hash === "SHA-256" ? "sha256" : s.hash === "SHA-384" ? "sha384" : "sha512";
  const pure = kind === "ed25519-pure";
  const message = kind === "ed25519" ? digest : region;
  const rawSignature = new Uint8Array(await crypto.subtle.sign(s.signAlg, signer, message));
  const signature = kind.startsWith("ecdsa") ? ecdsaDer(rawSignature) : rawSignature;
  const tlvs = [
    tlv(s.hashTlv, digest),
    ...(pure ? [tlv(0x25, Uint8Array.of(1))] : []),
    tlv(0x01, await keyHash(key.publicKey, alg)),
    tlv(s.sigTlv, signature),
  ];
  const tlvLength = 4 + tlvs.reduce((n, t) => n + t.length, 0);
  const bytes = new Uint8Array(region.length + tlvLength);
  bytes.set(region);
  const info = new DataView(bytes.buffer, region.length, 4);
  info.setUint16(0, 0x6907, true);
  info.setUint16(2, tlvLength, true);
  let at = region.length + 4;
  for (const t of tlvs) {
    bytes.set(t, at);
    at += t.length;
  }
  return { bytes, key };
}

async function median(runs: number, task: () => Promise<unknown>): Promise<number> {
  await task(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

export async function run(): Promise<string[]> {
  const lines: string[] = [];
  for (const size of [1, 8]) {
    const bodySize = size * 1024 * 1024;
    for (const kind of KINDS) {
      const { bytes, key } = await buildImage(kind, bodySize);
      const runs = size === 1 ? 15 : 7;
      const verify = await median(runs, async () => {
        const report = await verifyImage(bytes, [key]);
        if (report.outcome !== "valid" || !report.complete) throw new Error(`${kind}: ${report.reason}`);
      });
      const floor = await median(runs, () => crypto.subtle.digest("SHA-256", bytes));
      lines.push(
        `image verify ${kind.padEnd(12)} ${String(size).padStart(2)} MiB: median ${verify.toFixed(2).padStart(7)} ms` +
          ` | bare SHA-256 ${floor.toFixed(2).padStart(6)} ms | ratio ${(verify / floor).toFixed(2)}x`,
      );
    }
  }
  return lines;
}

// Fuzz: key files in every format McuFlash reads (PEM, DER, imgtool's C and Rust arrays, hex, raw KEYHASH),
// generated from keys that node:crypto makes and checked against node:crypto's own export of the public key:
// the oracle is OpenSSL, not the parser under test. Then near-valid files (a byte changed, cut short, grown)
// must come back as a key or a KeyImportError, never another exception. `npm run fuzz` runs the full count.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { McuFlashError } from "../../../src/core/errors.js";
import { importKey } from "../../../src/core/mcuboot/index.js";
import { fuzzRuns } from "../../support/campaign-size.js";

type KeyType = "ed25519" | "x25519" | "ecdsa-p256" | "ecdsa-p384" | "rsa-2048" | "rsa-3072";

interface KeyPair {
  readonly type: KeyType;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** What MCUboot embeds: SPKI DER, or PKCS#1 for RSA (as imgtool getpub writes it). */
function mcubootPublic(pair: KeyPair): Uint8Array {
  const isRsa = pair.type.startsWith("rsa");
  return new Uint8Array(pair.publicKey.export({ type: isRsa ? "pkcs1" : "spki", format: "der" }));
}

// Curve keys from fast-check's seed bytes (PKCS#8 of a raw 32-byte secret), so a failing case shrinks to a key.
const PKCS8_PREFIX: Record<"ed25519" | "x25519", string> = {
  ed25519: "302e020100300506032b657004220420",
  x25519: "302e020100300506032b656e04220420",
};
function curveKey(type: "ed25519" | "x25519", seed: Uint8Array): KeyPair {
  const der = Buffer.concat([Buffer.from(PKCS8_PREFIX[type], "hex"), Buffer.from(seed)]);
  const privateKey = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  return { type, privateKey, publicKey: createPublicKey(privateKey) };
}

// ECDSA and RSA keys cannot be made from a seed with node:crypto; a small pool made once is enough variety.
const POOL: readonly KeyPair[] = [
  ...[1, 2, 3].map(() => ({
    type: "ecdsa-p256" as const,
    ...generateKeyPairSync("ec", { namedCurve: "P-256" }),
  })),
  ...[1, 2].map(() => ({
    type: "ecdsa-p384" as const,
    ...generateKeyPairSync("ec", { namedCurve: "P-384" }),
  })),
  { type: "rsa-2048", ...generateKeyPairSync("rsa", { modulusLength: 2048 }) },
  { type: "rsa-3072", ...generateKeyPairSync("rsa", { modulusLength: 3072 }) },
];

const keyPair: fc.Arbitrary<KeyPair> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("ed25519" as const, "x25519" as const),
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
    )
    .map(([type, seed]) => curveKey(type, seed)),
  fc.constantFrom(...POOL),
);

type Encoding =
  | "spki-pem"
  | "spki-der"
  | "pkcs8-pem"
  | "pkcs8-der"
  | "sec1-pem"
  | "pkcs1-pem"
  | "c-array"
  | "rust-array"
  | "hex";

interface Layout {
  readonly lineWidth: number;
  readonly crlf: boolean;
  readonly before: string;
  readonly after: string;
  readonly perLine: number;
  readonly identifier: string;
}

const layout: fc.Arbitrary<Layout> = fc.record({
  lineWidth: fc.constantFrom(64, 76, 40),
  crlf: fc.boolean(),
  before: fc.constantFrom("", "\n", "# key for the pump\n", "   "),
  after: fc.constantFrom("", "\n", "\n\n", "trailing notes\n"),
  perLine: fc.integer({ min: 1, max: 16 }),
  identifier: fc.stringMatching(/^[a-z_][a-z0-9_]{0,15}$/),
});

function pem(label: string, der: Uint8Array, l: Layout): string {
  const b64 = Buffer.from(der).toString("base64");
  const lines = b64.match(new RegExp(`.{1,${l.lineWidth}}`, "g")) ?? [];
  const nl = l.crlf ? "\r\n" : "\n";
  return `${l.before}-----BEGIN ${label}-----${nl}${lines.join(nl)}${nl}-----END ${label}-----${nl}${l.after}`;
}

function byteList(der: Uint8Array, l: Layout): string {
  const items = Array.from(der, (b) => `0x${b.toString(16).padStart(2, "0")}`);
  const rows: string[] = [];
  for (let i = 0; i < items.length; i += l.perLine)
    rows.push(`    ${items.slice(i, i + l.perLine).join(", ")},`);
  return rows.join("\n");
}

function encode(pair: KeyPair, encoding: Encoding, l: Layout): Uint8Array | string | undefined {
  const isRsa = pair.type.startsWith("rsa");
  const isEc = pair.type.startsWith("ecdsa");
  const spki = new Uint8Array(pair.publicKey.export({ type: "spki", format: "der" }));
  const pub = mcubootPublic(pair);
  switch (encoding) {
    case "spki-pem":
      return pem("PUBLIC KEY", spki, l);
    case "spki-der":
      return spki;
    case "pkcs8-pem":
      return pem("PRIVATE KEY", new Uint8Array(pair.privateKey.export({ type: "pkcs8", format: "der" })), l);
    case "pkcs8-der":
      return new Uint8Array(pair.privateKey.export({ type: "pkcs8", format: "der" }));
    case "sec1-pem":
      return isEc
        ? pem("EC PRIVATE KEY", new Uint8Array(pair.privateKey.export({ type: "sec1", format: "der" })), l)
        : undefined;
    case "pkcs1-pem":
      return isRsa
        ? pem("RSA PRIVATE KEY", new Uint8Array(pair.privateKey.export({ type: "pkcs1", format: "der" })), l)
        : undefined;
    case "c-array":
      // imgtool getpub -e lang-c
      return `${l.before}const unsigned char ${l.identifier}[] = {\n${byteList(pub, l)}\n};\nconst unsigned int ${l.identifier}_len = ${pub.length};\n${l.after}`;
    case "rust-array":
      return `${l.before}static ${l.identifier.toUpperCase()}: &[u8] = &[\n${byteList(pub, l)}\n];\n${l.after}`;
    case "hex":
      return Buffer.from(pub).toString("hex");
  }
}

const encoding = fc.constantFrom<Encoding>(
  "spki-pem",
  "spki-der",
  "pkcs8-pem",
  "pkcs8-der",
  "sec1-pem",
  "pkcs1-pem",
  "c-array",
  "rust-array",
  "hex",
);

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("key files against node:crypto", () => {
  it("every encoding of every key type imports to the public key node:crypto exports", async () => {
    await fc.assert(
      fc.asyncProperty(keyPair, encoding, layout, async (pair, how, l) => {
        const input = encode(pair, how, l);
        fc.pre(input !== undefined);
        const key = await importKey(input);
        expect(key.kind).toBe("public-key");
        if (key.kind !== "public-key") return;
        expect(key.type).toBe(pair.type);
        expect(hex(key.publicKey)).toBe(hex(mcubootPublic(pair)));
        expect(key.fromPrivateKey).toBe(how.startsWith("pkcs8") || how === "sec1-pem" || how === "pkcs1-pem");
        if (how === "c-array" || how === "rust-array") {
          expect(key.name).toBe(how === "c-array" ? l.identifier : l.identifier.toUpperCase());
        }
      }),
      { numRuns: fuzzRuns(5_000, 60) },
    );
  });

  it("a KEYHASH (imgtool getpubhash) in hex, as a C array or raw is a pin on that hash", async () => {
    const algorithm = fc.constantFrom(["sha256", 32], ["sha384", 48], ["sha512", 64]) as fc.Arbitrary<
      [string, number]
    >;
    await fc.assert(
      fc.asyncProperty(
        keyPair,
        algorithm,
        fc.constantFrom("hex", "c", "raw"),
        layout,
        async (pair, [alg], how, l) => {
          const digest = new Uint8Array(createHash(alg).update(mcubootPublic(pair)).digest());
          const input =
            how === "hex"
              ? hex(digest)
              : how === "c"
                ? `const unsigned char ${l.identifier}[] = {\n${byteList(digest, l)}\n};\n`
                : digest;
          const key = await importKey(input);
          expect(key).toMatchObject({ kind: "key-hash", algorithm: alg });
          if (key.kind === "key-hash") expect(hex(key.hash)).toBe(hex(digest));
        },
      ),
      { numRuns: fuzzRuns(2_000, 30) },
    );
  });
});

type Damage =
  | { kind: "flip"; at: number; xor: number }
  | { kind: "cut"; keep: number }
  | { kind: "grow"; extra: Uint8Array }
  | { kind: "swap-label"; label: string };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("cut" as const), keep: fc.nat() }),
  fc.record({ kind: fc.constant("grow" as const), extra: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({
    kind: fc.constant("swap-label" as const),
    label: fc.constantFrom(
      "PUBLIC KEY",
      "PRIVATE KEY",
      "EC PRIVATE KEY",
      "RSA PUBLIC KEY",
      "CERTIFICATE",
      "X",
    ),
  }),
);

function applyDamage(input: Uint8Array | string, d: Damage): Uint8Array | string {
  if (typeof input === "string") {
    if (d.kind === "swap-label") return input.replace(/(BEGIN|END) [A-Z ]+-----/g, `$1 ${d.label}-----`);
    if (d.kind === "cut") return input.slice(0, d.keep % (input.length + 1));
    if (d.kind === "grow") return input + Buffer.from(d.extra).toString("latin1");
    const at = d.at % Math.max(1, input.length);
    return (
      input.slice(0, at) + String.fromCharCode((input.charCodeAt(at) ^ d.xor) & 0x7f) + input.slice(at + 1)
    );
  }
  const bytes = input.slice();
  if (d.kind === "cut") return bytes.subarray(0, d.keep % (bytes.length + 1));
  if (d.kind === "grow") return new Uint8Array([...bytes, ...d.extra]);
  if (d.kind === "flip" && bytes.length > 0) bytes[d.at % bytes.length]! ^= d.xor;
  return bytes;
}

describe("near-valid key files", () => {
  it("come back as a key or a typed KeyImportError, never another exception", async () => {
    await fc.assert(
      fc.asyncProperty(keyPair, encoding, layout, damage, async (pair, how, l, d) => {
        const input = encode(pair, how, l);
        fc.pre(input !== undefined);
        const damaged = applyDamage(input, d);
        try {
          const key = await importKey(damaged);
          expect(["public-key", "key-hash"]).toContain(key.kind);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(McuFlashError);
          expect((error as McuFlashError).code).toMatch(/^key-/);
          expect((error as McuFlashError).message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: fuzzRuns(20_000, 150) },
    );
  });
});

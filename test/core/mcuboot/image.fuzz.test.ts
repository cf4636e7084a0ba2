// Fuzz: mutated MCUboot images (bytes flipped, header and TLV fields rewritten, truncated, extended) never
// make the parser or verifier throw anything but a typed McuFlashError, and the verdict is always one of
// the four outcomes. `npm run fuzz` runs 100,000 cases; `npm test` a seeded sample.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { englishI18n } from "../../../src/i18n/english.js";
import { McuFlashError } from "../../../src/core/errors.js";
import {
  VERIFICATION_OUTCOMES,
  importDecryptionKey,
  importTrustedKey,
  parseImage,
  parseImageHeader,
  readPackage,
  verifyImage,
  type DecryptionKey,
  type TrustedKey,
} from "../../../src/core/mcuboot/index.js";
import { fuzzRuns } from "../../support/campaign-size.js";
import { vectorBytes, vectorText } from "./manifest.js";

const BASES = [
  "images/seccnt/ed25519-seccnt-auto.bin",
  "images/signed/ecdsa-p256-1k-seccnt-bootrec.bin",
  "images/signed/ed25519-1k-pure-seccnt.bin",
  "images/tlv/ed25519-all-protected.bin",
  "images/encrypted/ed25519-x25519-aes128.bin",
  "images/quirks/ed25519-big-endian.bin",
  "images/compressed/ed25519-lzma2.bin",
  "images/signed/ed25519-1k-pubkey-full.bin",
].map((p) => vectorBytes(p));

type Mutation =
  | { kind: "flip"; at: number; xor: number }
  | { kind: "u16"; at: number; value: number }
  | { kind: "u32"; at: number; value: number }
  | { kind: "truncate"; keep: number }
  | { kind: "append"; bytes: Uint8Array };

// Offsets weighted toward the header fields and the TLV area, where the structure lives.
const offset = fc.oneof(
  fc.integer({ min: 0, max: 31 }),
  fc.integer({ min: 0, max: 4000 }),
  fc.integer({ min: -300, max: -1 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: offset, xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant("u16" as const),
    at: offset,
    value: fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0, 4, 0x6907, 0x6908, 0xffff)),
  }),
  fc.record({
    kind: fc.constant("u32" as const),
    at: fc.integer({ min: 0, max: 28 }),
    value: fc.oneof(fc.nat(), fc.constantFrom(0, 0xffffffff, 0x96f3b83d)),
  }),
  fc.record({ kind: fc.constant("truncate" as const), keep: fc.integer({ min: 0, max: 4000 }) }),
  fc.record({ kind: fc.constant("append" as const), bytes: fc.uint8Array({ maxLength: 64 }) }),
);

function apply(base: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = base.slice();
  for (const m of mutations) {
    const at = (o: number): number => (o < 0 ? bytes.length + o : o);
    if (m.kind === "flip") {
      const i = at(m.at);
      if (i >= 0 && i < bytes.length) bytes[i] = bytes[i]! ^ m.xor;
    } else if (m.kind === "u16" || m.kind === "u32") {
      const i = at(m.at);
      const size = m.kind === "u16" ? 2 : 4;
      if (i >= 0 && i + size <= bytes.length) {
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        if (m.kind === "u16") view.setUint16(i, m.value, true);
        else view.setUint32(i, m.value, true);
      }
    } else if (m.kind === "truncate") {
      bytes = bytes.slice(0, m.keep);
    } else {
      const grown = new Uint8Array(bytes.length + m.bytes.length);
      grown.set(bytes);
      grown.set(m.bytes, bytes.length);
      bytes = grown;
    }
  }
  return bytes;
}

function expectTyped(error: unknown): void {
  if (!(error instanceof McuFlashError)) throw error;
  expect(typeof error.code).toBe("string");
}

describe("MCUboot image fuzzing", () => {
  let keys: TrustedKey[] = [];
  let decryptionKeys: DecryptionKey[] = [];
  beforeAll(async () => {
    keys = [
      await importTrustedKey(vectorText("keys/ed25519.pub.pem"), { name: "ed25519" }),
      await importTrustedKey(vectorText("keys/ecdsa-p256.pub.pem"), { name: "p256" }),
    ];
    decryptionKeys = [await importDecryptionKey(vectorText("keys/enc-x25519.pem"))];
  });

  it("never throws anything but typed errors on mutated images", async () => {
    const runs = fuzzRuns(100_000, 2_000);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: BASES.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (which, mutations) => {
          const bytes = apply(BASES[which]!, mutations);
          const report = await verifyImage(bytes, keys, { decryptionKeys });
          expect(VERIFICATION_OUTCOMES).toContain(report.outcome);
          // Every reason has words: the verifier's own or the parser error's (code and variant).
          expect(englishI18n().messages[report.reason.key], report.reason.key).toBeDefined();
          for (const read of [() => parseImage(bytes), () => parseImageHeader(bytes)]) {
            try {
              read();
            } catch (error) {
              expectTyped(error);
              expect(report.outcome).toBe("malformed");
            }
          }
          await readPackage(bytes).catch(expectTyped);
        },
      ),
      { seed: 0x6d637562, numRuns: runs },
    );
  });

  it("never throws anything but typed errors on arbitrary bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 256 }), async (bytes) => {
        const report = await verifyImage(bytes, keys);
        expect(report.outcome).toBe("malformed");
        await readPackage(bytes).catch(expectTyped);
      }),
      { seed: 7, numRuns: fuzzRuns(20_000, 500) },
    );
  });
});

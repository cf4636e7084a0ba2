// Fuzz: nRF Connect SDK dfu_application.zip packages built with fflate from generated manifests and images
// (random bytes almost never form a zip): every valid package reads back to the images and declared fields
// written, in image-number order; a manifest mutated in one way is refused with the code that mutation calls
// for; and a zip with bytes changed reads or fails with a typed PackageError, never another exception.
// `npm run fuzz` runs the full count; `npm test` a sample.
import fc from "fast-check";
import { zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { McuFlashError } from "../../../src/core/errors.js";
import { readPackage } from "../../../src/core/mcuboot/index.js";
import { fuzzRuns } from "../../support/campaign-size.js";
import { inEnglish } from "../../support/in-english.js";

interface Entry {
  readonly file: string;
  readonly imageIndex: number | undefined;
  readonly bytes: Uint8Array;
  readonly type: string | undefined;
  readonly board: string | undefined;
  readonly version: string | undefined;
  readonly size: number | undefined;
  readonly indexAsString: boolean;
}

const fileName = fc.stringMatching(/^[a-z][a-z0-9_]{0,20}\.bin$/);
// Image bytes that do not look like Intel HEX (a first non-blank ':'), as a signed .bin never does.
const imageBytes = fc
  .uint8Array({ minLength: 1, maxLength: 2048 })
  .filter((b) => ![0x3a, 0x20, 0x09, 0x0a, 0x0d].includes(b[0]!));

const entries: fc.Arbitrary<Entry[]> = fc
  .uniqueArray(
    fc.record({
      file: fileName,
      imageIndex: fc.nat(3),
      bytes: imageBytes,
      type: fc.option(fc.constantFrom("application", "network", "wifi"), { nil: undefined }),
      board: fc.option(fc.constantFrom("nrf5340dk/nrf5340/cpuapp", "nrf52840dk/nrf52840"), {
        nil: undefined,
      }),
      version: fc.option(fc.constantFrom("1.2.3+4", "0.0.1", "2.0.0"), { nil: undefined }),
      declareSize: fc.boolean(),
      indexAsString: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3, selector: (e) => e.imageIndex },
  )
  .filter((list) => new Set(list.map((e) => e.file)).size === list.length)
  .chain((list) =>
    // A single entry may leave image_index out (it is then image 0).
    fc.boolean().map((omit) =>
      list.map((e) => ({
        file: e.file,
        imageIndex: omit && list.length === 1 ? undefined : e.imageIndex,
        bytes: e.bytes,
        type: e.type,
        board: e.board,
        version: e.version,
        size: e.declareSize ? e.bytes.length : undefined,
        indexAsString: e.indexAsString,
      })),
    ),
  );

function manifestOf(list: readonly Entry[]): Record<string, unknown> {
  return {
    "format-version": 0,
    time: 1_700_000_000,
    files: list.map((e) => ({
      file: e.file,
      ...(e.imageIndex === undefined
        ? {}
        : { image_index: e.indexAsString ? String(e.imageIndex) : e.imageIndex }),
      ...(e.type ? { type: e.type } : {}),
      ...(e.board ? { board: e.board } : {}),
      ...(e.version ? { version_MCUBOOT: e.version } : {}),
      ...(e.size !== undefined ? { size: e.size } : {}),
    })),
  };
}

const enc = new TextEncoder();

function zipOf(manifest: unknown, list: readonly Entry[], level: 0 | 6, extra: boolean): Uint8Array {
  const files: Zippable = {
    "manifest.json": enc.encode(typeof manifest === "string" ? manifest : JSON.stringify(manifest)),
  };
  for (const e of list) files[e.file] = e.bytes;
  if (extra) files["README.txt"] = enc.encode("not an image");
  return zipSync(files, { level });
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("dfu_application.zip round trip", () => {
  it("reads back every image and declared field, in image-number order", async () => {
    await fc.assert(
      fc.asyncProperty(
        entries,
        fc.constantFrom(0 as const, 6 as const),
        fc.boolean(),
        async (list, level, extra) => {
          const pkg = await readPackage(zipOf(manifestOf(list), list, level, extra), "dfu_application.zip");
          expect(pkg.format).toBe("dfu-zip");
          const expected = [...list].sort((a, b) => (a.imageIndex ?? 0) - (b.imageIndex ?? 0));
          expect(pkg.images.map((i) => i.name)).toEqual(expected.map((e) => e.file));
          pkg.images.forEach((image, n) => {
            const e = expected[n]!;
            expect(image.imageNumber).toBe(e.imageIndex ?? 0);
            expect(image.format).toBe("binary");
            expect(hex(image.bytes)).toBe(hex(e.bytes));
            expect(image.type).toBe(e.type);
            expect(image.board).toBe(e.board);
            expect(image.declaredVersion).toBe(e.version);
            expect(image.declaredSize).toBe(e.size);
          });
        },
      ),
      { numRuns: fuzzRuns(5_000, 60) },
    );
  });
});

type ManifestMutation =
  | "no-files"
  | "empty-files"
  | "entry-not-object"
  | "entry-without-file"
  | "index-not-number"
  | "index-negative"
  | "missing-index-of-several"
  | "file-not-in-zip"
  | "not-json"
  | "no-manifest";

const EXPECTED_CODE: Record<ManifestMutation, string> = {
  "no-files": "package-bad-manifest",
  "empty-files": "package-bad-manifest",
  "entry-not-object": "package-bad-manifest",
  "entry-without-file": "package-bad-manifest",
  "index-not-number": "package-bad-manifest",
  "index-negative": "package-bad-manifest",
  "missing-index-of-several": "package-bad-manifest",
  "file-not-in-zip": "package-missing-file",
  "not-json": "package-bad-manifest",
  "no-manifest": "package-bad-manifest",
};

function mutate(
  list: Entry[],
  mutation: ManifestMutation,
  which: number,
): { manifest: unknown; list: Entry[]; withManifest: boolean } {
  const manifest = manifestOf(list) as { files: Record<string, unknown>[] } & Record<string, unknown>;
  const at = which % manifest.files.length;
  const entry = manifest.files[at]!;
  switch (mutation) {
    case "no-files":
      delete (manifest as Record<string, unknown>).files;
      break;
    case "empty-files":
      manifest.files = [];
      break;
    case "entry-not-object":
      (manifest.files as unknown[])[at] = "app.bin";
      break;
    case "entry-without-file":
      delete entry.file;
      break;
    case "index-not-number":
      entry.image_index = "net";
      break;
    case "index-negative":
      entry.image_index = -1;
      break;
    case "missing-index-of-several":
      if (manifest.files.length < 2) manifest.files.push({ file: "other.bin", image_index: 9 });
      delete entry.image_index;
      break;
    case "file-not-in-zip":
      return { manifest, list: list.filter((_, i) => i !== at), withManifest: true };
    case "not-json":
      return { manifest: JSON.stringify(manifest).slice(0, -1 - (which % 5)), list, withManifest: true };
    case "no-manifest":
      return { manifest, list, withManifest: false };
  }
  return { manifest, list, withManifest: true };
}

describe("dfu_application.zip with a mutated manifest", () => {
  it("is refused with the code the mutation calls for and a message that says what is wrong", async () => {
    const mutation = fc.constantFrom(...(Object.keys(EXPECTED_CODE) as ManifestMutation[]));
    await fc.assert(
      fc.asyncProperty(entries, mutation, fc.nat(), async (list, m, which) => {
        const mutated = mutate(list, m, which);
        const zip = mutated.withManifest
          ? zipOf(mutated.manifest, mutated.list, 6, false)
          : zipSync(Object.fromEntries(list.map((e) => [e.file, e.bytes])));
        const error = await readPackage(zip).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, `mutation ${m}`).toBeInstanceOf(McuFlashError);
        expect((error as McuFlashError).code).toBe(EXPECTED_CODE[m]);
        expect(inEnglish(error)).toMatch(/manifest\.json|zip/);
      }),
      { numRuns: fuzzRuns(5_000, 80) },
    );
  });
});

describe("dfu_application.zip with bytes changed", () => {
  it("reads or fails with a typed PackageError, never another exception", async () => {
    const damage = fc.array(fc.record({ at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }), {
      minLength: 1,
      maxLength: 4,
    });
    await fc.assert(
      fc.asyncProperty(
        entries,
        fc.constantFrom(0 as const, 6 as const),
        damage,
        fc.nat(),
        async (list, level, flips, cut) => {
          const zip = zipOf(manifestOf(list), list, level, false).slice();
          for (const f of flips) zip[f.at % zip.length]! ^= f.xor;
          const input = cut % 4 === 0 ? zip.subarray(0, cut % zip.length) : zip;
          try {
            const pkg = await readPackage(input);
            expect(pkg.images.length).toBeGreaterThan(0);
          } catch (error) {
            expect(error, String(error)).toBeInstanceOf(McuFlashError);
            expect((error as McuFlashError).code).toMatch(/^package-/);
          }
        },
      ),
      { numRuns: fuzzRuns(20_000, 150) },
    );
  });
});

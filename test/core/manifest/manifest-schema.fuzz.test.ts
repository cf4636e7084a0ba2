// Fuzz: vendor manifests generated from the published docs/manifest.schema.json (test/support/manifest/
// schema-arbitrary.ts), so every field the schema documents is exercised with values the schema allows. The
// file is generated from the parser's own valibot schema; this checks the conversion lost nothing vendors
// rely on, both ways, and that every refusal is worded from the catalogs in each language.
// Valid documents parse, and the parsed manifest says what the document said (URLs resolved against the
// manifest's address, hashes lower-cased, releases newest first, policy defaults). Near-valid documents,
// broken one schema rule at a time, are refused with an issue that names the broken field.
// `npm run fuzz` runs the full count; `npm test` a sample.
import { readFileSync } from "node:fs";
import { setupI18n, type I18n } from "@lingui/core";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { issueMessage, ManifestError, parseManifest } from "../../../src/core/manifest/index.js";
import { describeError, say } from "../../../src/i18n/describe-error.js";
import { LOCALES } from "../../../src/i18n/locales.js";
import { readCatalog } from "../../i18n/catalog-check.js";
import { fuzzRuns } from "../../support/campaign-size.js";
import { BASE } from "../../support/manifest/fixtures.js";
import { breakages, schemaArbitrary, type Schema } from "../../support/manifest/schema-arbitrary.js";

const SCHEMA = JSON.parse(
  readFileSync(new URL("../../../docs/manifest.schema.json", import.meta.url), "utf8"),
) as Schema;

interface Version {
  readonly text: string;
  readonly parts: readonly [number, number, number, number];
}

const version: fc.Arbitrary<Version> = fc
  .tuple(
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 65535 }),
    fc.option(fc.tuple(fc.constantFrom("+", "."), fc.integer({ min: 0, max: 0xffffffff })), {
      nil: undefined,
    }),
  )
  .map(([a, b, c, build]) => ({
    text: `${a}.${b}.${c}${build ? `${build[0]}${build[1]}` : ""}`,
    parts: [a, b, c, build?.[1] ?? 0] as const,
  }));

const PEM =
  "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";

const OVERRIDES: Record<string, fc.Arbitrary<unknown>> = {
  // Rules beyond the schema's reach: MCUboot's version limits, regular expressions that compile, URLs that
  // resolve to https.
  version: version.map((v) => v.text),
  pattern: fc.constantFrom("^nrf52", "Zephyr", ".*", "^acme-[0-9]+$", "cpuapp|cpunet"),
  url: fc.constantFrom(
    "fw/app.bin",
    "https://cdn.example.com/fw/app-1.bin",
    "../other/app.bin",
    "app.bin?v=2",
  ),
  key: fc.oneof(
    fc.record({ name: fc.string({ maxLength: 100 }), pem: fc.constant(PEM) }, { requiredKeys: ["pem"] }),
    fc.record(
      {
        name: fc.string({ maxLength: 100 }),
        url: fc.constantFrom("keys/prod.pem", "https://k.example/p.pem"),
      },
      { requiredKeys: ["url"] },
    ),
  ),
};

type Doc = Record<string, unknown> & { releases: Record<string, unknown>[] };

function versionKey(text: string): string {
  const [a, b, c, d] = text.trim().split(/[.+]/).map(Number);
  return `${a}.${b}.${c}+${d ?? 0}`;
}

/** What the schema cannot say: distinct versions and image numbers, masks as long as their prefix. */
function repair(raw: unknown): Doc {
  const doc = raw as Doc;
  const seen = new Set<string>();
  doc.releases = doc.releases.filter((r) => {
    const key = versionKey(String(r.version));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  for (const release of doc.releases) {
    const numbers = new Set<number>();
    release.images = (release.images as Record<string, unknown>[]).filter((image) => {
      const n = typeof image.image === "number" ? image.image : 0;
      if (numbers.has(n)) return false;
      numbers.add(n);
      return true;
    });
  }
  const bluetooth = (doc.match as { bluetooth?: Record<string, unknown>[] } | undefined)?.bluetooth ?? [];
  for (const rule of bluetooth) {
    const data = rule.serviceData as Record<string, string> | undefined;
    if (data?.mask !== undefined) data.mask = "f".repeat(data.dataPrefix?.length ?? 0) || "ff";
    if (data?.mask !== undefined && data.dataPrefix === undefined) data.dataPrefix = "00";
  }
  return doc;
}

const documents = schemaArbitrary(SCHEMA, OVERRIDES).map(repair);

const LANGUAGES: readonly I18n[] = LOCALES.map((locale) => {
  const i18n = setupI18n({ locale, messages: { [locale]: { ...readCatalog(locale, "errors") } } });
  i18n.setMessagesCompiler(compileMessage);
  return i18n;
});

/** Words from the catalogs only: no key shown as itself, no placeholder left, none of valibot's English. */
function expectWorded(text: string, context: string): void {
  expect(text, context).not.toMatch(
    /manifest-(issue|type)\.|error\.manifest|\{\w+\}|Invalid |Expected |Received /,
  );
}

function compare(a: string, b: string): number {
  const x = versionKey(a).split(/[.+]/).map(Number);
  const y = versionKey(b).split(/[.+]/).map(Number);
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

describe("manifests generated from the schema", () => {
  it("valid documents parse to what they say", () => {
    fc.assert(
      fc.property(documents, (doc) => {
        let manifest;
        try {
          manifest = parseManifest(doc, BASE);
        } catch (error) {
          const issues = error instanceof ManifestError ? JSON.stringify(error.issues) : String(error);
          throw new Error(`a schema-valid manifest was refused: ${issues}`, { cause: error });
        }
        expect(manifest.product).toBe(String(doc.product).trim());
        expect(manifest.keys).toHaveLength((doc.keys as unknown[]).length);
        const update = (doc.update ?? {}) as Record<string, unknown>;
        expect(manifest.update).toEqual({
          mode: update.mode ?? "test-and-confirm",
          noDowngrade: update.noDowngrade ?? true,
          upgradeOnly: update.upgradeOnly ?? false,
        });
        const expected = [...doc.releases].sort((a, b) => compare(String(b.version), String(a.version)));
        expect(manifest.releases.map((r) => r.version)).toEqual(
          expected.map((r) => String(r.version).trim()),
        );
        manifest.releases.forEach((release, i) => {
          const images = expected[i]!.images as Record<string, unknown>[];
          expect(release.images).toHaveLength(images.length);
          release.images.forEach((image, j) => {
            const source = images[j]!;
            expect(image.image).toBe(source.image ?? 0);
            expect(image.url).toBe(new URL(String(source.url), BASE).href);
            expect(image.sha256).toBe(String(source.sha256).toLowerCase());
            expect(image.size).toBe(source.size);
            expect(image.version).toBe(String(source.version ?? expected[i]!.version).trim());
          });
        });
      }),
      { numRuns: fuzzRuns(5_000, 60) },
    );
  });

  it("a document broken in one schema rule is refused, naming the field", () => {
    const broken = documents.chain((doc) => {
      const ways = breakages(SCHEMA, doc);
      return fc.constantFrom(...ways).map((way) => ({ doc, way }));
    });
    fc.assert(
      fc.property(broken, ({ doc, way }) => {
        let error: unknown;
        try {
          parseManifest(way.apply(doc), BASE);
        } catch (e) {
          error = e;
        }
        expect(error, `${way.describe} at ${way.path} was accepted`).toBeInstanceOf(ManifestError);
        const issues = (error as ManifestError).issues;
        expect(
          issues.map((i) => i.path),
          `${way.describe} at ${way.path}`,
        ).toContain(way.path);
        for (const i18n of LANGUAGES) {
          const { message } = describeError(i18n, error);
          expect(message, i18n.locale).toContain(`${issues[0]!.path}`);
          expectWorded(message, `${i18n.locale}: ${message}`);
          for (const issue of issues)
            expectWorded(say(i18n, issueMessage(issue)), `${i18n.locale} ${issue.code}`);
        }
      }),
      { numRuns: fuzzRuns(20_000, 150) },
    );
  });
});

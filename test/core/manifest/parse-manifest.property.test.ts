// Garbage in, one typed error out: parseManifest never throws anything but ManifestError (and the text
// variant only ManifestFlowError), and a mutated field is named by an issue at (or around) its path.

import fc from "fast-check";
import { beforeAll, expect, test } from "vitest";
import {
  ManifestError,
  ManifestFlowError,
  parseManifest,
  parseManifestText,
} from "../../../src/core/manifest/index.js";
import { BASE, demoFile, manifestJson } from "../../support/manifest/fixtures.js";

let valid: Record<string, unknown>;

beforeAll(async () => {
  valid = await manifestJson([
    { version: "1.1.0", file: await demoFile("1.1.0") },
    { version: "1.2.0", file: await demoFile("1.2.0", 4) },
  ]);
});

type Step = string | number;

/** Every path in a JSON value (objects and arrays included), as steps. */
function paths(value: unknown, prefix: Step[] = []): Step[][] {
  const out: Step[][] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (typeof value === "object" && value !== null)
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function text(path: readonly Step[]): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

function replaced(root: unknown, path: readonly Step[], value: unknown, remove: boolean): unknown {
  const copy: unknown = structuredClone(root);
  let node: unknown = copy;
  for (const step of path.slice(0, -1)) node = Reflect.get(node as object, step);
  const last = path.at(-1)!;
  if (remove && !Array.isArray(node)) Reflect.deleteProperty(node as object, last);
  else Reflect.set(node as object, last, value);
  return copy;
}

function expectOnlyTyped(run: () => unknown, type: abstract new (...args: never[]) => Error): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
  }
}

test("arbitrary values are refused with ManifestError only", () => {
  fc.assert(
    fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (value) => {
      expectOnlyTyped(() => parseManifest(value, BASE), ManifestError);
    }),
    { numRuns: 500 },
  );
});

test("arbitrary text is refused with ManifestFlowError only", () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
      expectOnlyTyped(() => parseManifestText(text, BASE), ManifestFlowError);
    }),
    { numRuns: 500 },
  );
});

test("a mutated field is either accepted or named by an issue near its path", () => {
  const all = paths(valid);
  fc.assert(
    fc.property(
      fc.constantFrom(...all),
      fc.jsonValue({ maxDepth: 2 }),
      fc.boolean(),
      (path, value, remove) => {
        const mutated = replaced(valid, path, value, remove);
        try {
          parseManifest(mutated, BASE);
        } catch (error) {
          if (!(error instanceof ManifestError)) throw error;
          const at = text(path);
          const near = error.issues.some(
            (i) =>
              i.path.startsWith(at) ||
              at.startsWith(i.path) ||
              i.path === "(manifest)" ||
              i.code === "duplicate-image" ||
              i.code === "duplicate-version",
          );
          expect(near, `${at}: ${JSON.stringify(error.issues)}`).toBe(true);
        }
      },
    ),
    { numRuns: 1000 },
  );
});

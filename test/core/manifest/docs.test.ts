// docs/manifest.md and docs/manifest.schema.json stay true to the parser: the documented example parses, and
// every object in the schema lists exactly the fields the parser knows there.

import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { ManifestError, parseManifest } from "../../../src/core/manifest/index.js";

const ROOT = new URL("../../../", import.meta.url);
const BASE = "https://vendor.example/fw/manifest.json";
const markdown = readFileSync(new URL("docs/manifest.md", ROOT), "utf8");
const schema: unknown = JSON.parse(readFileSync(new URL("docs/manifest.schema.json", ROOT), "utf8"));

function example(): Record<string, unknown> {
  const block = /```json\n([\s\S]*?)\n```/.exec(markdown)?.[1];
  if (!block) throw new Error("docs/manifest.md has no json example");
  const value: unknown = JSON.parse(block);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not an object");
  return { ...value };
}

/** Follows a path of keys and indexes through JSON. */
function at(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>(
    (node, step) => (typeof node === "object" && node !== null ? Reflect.get(node, step) : undefined),
    value,
  );
}

function schemaProperties(pointer: readonly string[]): string[] {
  const node = at(schema, pointer);
  const properties = at(node, ["properties"]);
  if (typeof properties !== "object" || properties === null)
    throw new Error(`no properties at ${pointer.join("/")}`);
  return Object.keys(properties).sort();
}

/** The fields the parser knows at `path`, read from its "unknown field" issue. */
function parserFields(path: readonly (string | number)[], label: string): string[] {
  const manifest = example();
  const target = path.length === 0 ? manifest : at(manifest, path);
  if (typeof target !== "object" || target === null) throw new Error(`no object at ${label}`);
  Reflect.set(target, "zzzUnknown", 1);
  try {
    parseManifest(manifest, BASE);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    const issue = error.issues.find((i) => i.path.endsWith("zzzUnknown"));
    const known = issue?.code === "unknown-field" ? issue.params.known : undefined;
    if (typeof known === "string") return known.split(", ").sort();
  }
  throw new Error(`the parser accepted an unknown field at ${label}`);
}

describe("docs/manifest.md", () => {
  test("the example manifest is valid", () => {
    const manifest = parseManifest(example(), BASE);
    expect(manifest.product).toBe("Acme Sensor");
    expect(manifest.releases.map((r) => r.version)).toEqual(["2.0.0", "1.1.0"]);
    expect(manifest.releases[1]?.images[0]?.url).toBe(
      "https://vendor.example/fw/firmware/acme-1.1.0.signed.bin",
    );
  });
});

describe("docs/manifest.schema.json", () => {
  test.each([
    ["(manifest)", [], []],
    ["keys[0]", ["keys", 0], ["$defs", "key"]],
    ["match", ["match"], ["$defs", "match"]],
    ["match.bluetooth[0]", ["match", "bluetooth", 0], ["$defs", "bluetoothRule"]],
    [
      "match.bluetooth[1].serviceData",
      ["match", "bluetooth", 1, "serviceData"],
      ["$defs", "bluetoothRule", "properties", "serviceData"],
    ],
    ["match.serial[0]", ["match", "serial", 0], ["$defs", "serialRule"]],
    ["match.device", ["match", "device"], ["$defs", "match", "properties", "device"]],
    ["update", ["update"], ["$defs", "update"]],
    ["releases[0]", ["releases", 0], ["$defs", "release"]],
    ["releases[1].requires", ["releases", 1, "requires"], ["$defs", "release", "properties", "requires"]],
    ["releases[0].images[0]", ["releases", 0, "images", 0], ["$defs", "image"]],
  ] as const)("%s lists the fields the parser knows", (label, path, pointer) => {
    expect(schemaProperties(pointer)).toEqual(parserFields(path, label));
  });
});

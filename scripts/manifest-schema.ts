// Generates docs/manifest.schema.json from the manifest's one schema (src/core/manifest/manifest-schema.ts).
// `npm run schema` writes it; test/core/manifest/schema-file.test.ts fails when the committed file differs.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { toJsonSchema } from "@valibot/to-json-schema";
import { format, resolveConfig } from "prettier";
import { MANIFEST_DEFINITIONS, manifestSchema } from "../src/core/manifest/manifest-schema.js";

export const SCHEMA_FILE = fileURLToPath(new URL("../docs/manifest.schema.json", import.meta.url));

/** The published JSON Schema, as an object. */
export function manifestJsonSchema(): Record<string, unknown> {
  const generated = toJsonSchema(manifestSchema, {
    target: "draft-2020-12",
    // An object is a pipeline (a not-an-array guard, then the object): its output says what it is.
    typeMode: "output",
    definitions: MANIFEST_DEFINITIONS,
    // Checks say what JSON Schema cannot (version limits, compiling patterns); the docs word them instead.
    ignoreActions: ["check", "raw_check", "forward"],
  });
  const { $schema, title, description, ...rest } = generated;
  return { $schema, $id: "https://mcuflash.dev/manifest.schema.json", title, description, ...rest };
}

/** The file's text, formatted as the repository's prettier formats JSON. */
export async function manifestSchemaText(): Promise<string> {
  const options = await resolveConfig(SCHEMA_FILE);
  return format(JSON.stringify(manifestJsonSchema()), { ...options, parser: "json" });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, await manifestSchemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}

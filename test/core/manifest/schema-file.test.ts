// docs/manifest.schema.json is generated from the schema the parser validates with
// (src/core/manifest/manifest-schema.ts) by scripts/manifest-schema.ts: the published file and the parser
// cannot drift apart.

import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { manifestSchemaText, SCHEMA_FILE } from "../../../scripts/manifest-schema.js";

test("the committed docs/manifest.schema.json is what `npm run schema` generates", async () => {
  const committed = readFileSync(SCHEMA_FILE, "utf8");
  expect(
    committed,
    "docs/manifest.schema.json differs from src/core/manifest/manifest-schema.ts: run `npm run schema` and commit the file",
  ).toBe(await manifestSchemaText());
});

test("the generated schema documents every definition the fuzz tests draw from", async () => {
  const schema = JSON.parse(await manifestSchemaText()) as { $id: string; title: string; $defs: object };
  expect(schema.$id).toBe("https://mcuflash.dev/manifest.schema.json");
  expect(schema.title).toBe("McuFlash vendor install manifest");
  expect(Object.keys(schema.$defs).sort()).toEqual(
    [
      "bluetoothRule",
      "hexBytes",
      "image",
      "key",
      "match",
      "pattern",
      "release",
      "serialRule",
      "update",
      "url",
      "usbId",
      "version",
    ].sort(),
  );
});

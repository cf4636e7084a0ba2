// The element's language chunks keep only the app.json keys EMBED_APP_KEYS allows (vite.embed.config.ts): any
// other app key the code it bundles asks for would show on a vendor's page as the key itself.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { EMBED_APP_KEYS } from "../../vite.embed.config.js";
// @ts-expect-error -- plain JavaScript build script without declarations
import { EMBED_APP_KEYS as PACKAGE_EMBED_APP_KEYS } from "../../scripts/package-build.mjs";

const SRC = new URL("../../src/", import.meta.url).pathname;
// Everything the element's bundle can reach: all of src but the app and the CLI.
const BUNDLED = /^(core|web|transports|sim|embed|i18n)\//;

test("every app key the element's code asks for is kept in its language chunks", () => {
  const asked = new Set<string>();
  for (const file of readdirSync(SRC, { recursive: true, encoding: "utf8" })) {
    if (!/\.ts$/.test(file) || !BUNDLED.test(file)) continue;
    for (const m of readFileSync(join(SRC, file), "utf8").matchAll(/"(app\.[a-z0-9.-]+)"/g))
      asked.add(m[1] ?? "");
  }
  expect(asked.size).toBeGreaterThan(0);
  expect([...asked].filter((key) => !EMBED_APP_KEYS.test(key))).toEqual([]);
});

test("the npm package's self-contained element keeps the same app words", () => {
  expect(String(PACKAGE_EMBED_APP_KEYS)).toBe(String(EMBED_APP_KEYS));
});

// The layer rules of eslint.config.js (DESIGN.md "Layers"): for every layer, an import from each layer above
// it is an error, an import from below is fine, and browser layers may not use Node built-ins.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: new URL("../..", import.meta.url).pathname });

async function restrictedImports(file: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import "${specifier}";\n`, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

// file in the layer → imports that must fail, imports that must pass
const CASES: ReadonlyArray<readonly [string, readonly string[], readonly string[]]> = [
  [
    "src/core/smp/x.ts",
    [
      "../../transports/node/index.js",
      "../../sim/index.js",
      "../../web/format.js",
      "../../cli/main.js",
      "node:fs",
    ],
    ["../framing/index.js", "cbor-x"],
  ],
  [
    "src/transports/node/x.ts",
    ["../../sim/index.js", "../../web/index.js", "../../app/main.js", "../../cli/main.js"],
    ["../../core/transport.js", "node:dgram"],
  ],
  [
    "src/sim/x.ts",
    ["../transports/node/index.js", "../web/format.js", "../embed/index.js", "../cli/main.js"],
    ["../core/smp/index.js"],
  ],
  [
    "src/web/x.ts",
    ["../app/shared/panel.js", "../embed/index.js", "../cli/format.js", "node:fs", "react"],
    ["../core/manifest/index.js", "../transports/web-serial/index.js", "../sim/index.js"],
  ],
  [
    "src/embed/x.ts",
    ["../app/install/install-flow.js", "../cli/main.js", "node:path", "react"],
    ["../web/format.js", "../core/manifest/index.js", "../transports/web-bluetooth/index.js"],
  ],
  [
    "src/app/x/y.ts",
    ["../../embed/index.js", "../../cli/main.js", "node:fs"],
    ["../../web/format.js", "react"],
  ],
  [
    "src/cli/x.ts",
    ["../web/format.js", "../app/main.js", "../embed/index.js", "react"],
    ["../core/smp/index.js", "../transports/node/index.js", "../sim/node/index.js", "node:fs"],
  ],
];

describe("layer import rules", () => {
  for (const [file, refused, allowed] of CASES) {
    const layer = file.split("/")[1];
    it(`${layer}/ imports nothing above it`, async () => {
      for (const specifier of refused) {
        expect(await restrictedImports(file, specifier), `${file} importing ${specifier}`).not.toEqual([]);
      }
      for (const specifier of allowed) {
        expect(await restrictedImports(file, specifier), `${file} importing ${specifier}`).toEqual([]);
      }
    });
  }
});

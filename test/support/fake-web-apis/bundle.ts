// Bundles a test module for the browser (one IIFE that sets a global) with Vite's build API, in memory, so the
// page runs the real transports and core code exactly as the app would bundle them. Builds are cached per entry
// for the test process.

import { build } from "vite";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const cache = new Map<string, Promise<string>>();

/** The code of `entry` (a path relative to this folder) as an IIFE that assigns its exports to `globalName`. */
export function bundleForBrowser(entry: string, globalName: string): Promise<string> {
  const key = `${entry}|${globalName}`;
  let code = cache.get(key);
  if (code === undefined) {
    code = bundle(fileURLToPath(new URL(entry, import.meta.url)), globalName);
    cache.set(key, code);
  }
  return code;
}

async function bundle(entry: string, globalName: string): Promise<string> {
  const output = await build({
    configFile: false,
    root: ROOT,
    logLevel: "silent",
    publicDir: false,
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      write: false,
      minify: false,
      sourcemap: false,
      target: "es2022",
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry, name: globalName, formats: ["iife"], fileName: () => "bundle.js" },
    },
  });
  for (const result of Array.isArray(output) ? output : [output]) {
    if (!("output" in result)) continue;
    for (const chunk of result.output) {
      // Playwright runs init scripts inside a function, where the IIFE's `var` would stay local.
      if (chunk.type === "chunk" && chunk.isEntry)
        return `${chunk.code}\nglobalThis.${globalName} = ${globalName};\n`;
    }
  }
  throw new Error(`Vite produced no bundle for ${entry}`);
}

#!/usr/bin/env node
// The `mcuflash` command. It runs lib/cli.js: the TypeScript CLI bundled into plain JavaScript by
// scripts/package-build.mjs (before `npm pack`), so an installed package starts without compiling anything.
// In a repository checkout (src/ beside bin/), the bundle is first brought up to date with the sources: esbuild
// rebuilds it when a file under src/ is newer, so `npx mcuflash` always runs the code you see.
import { existsSync } from "node:fs";
import module from "node:module";

// Node >= 22.1 can keep V8's compiled code of the bundle on disk (in the OS temp dir): later starts skip
// compiling it. Older Node has no such function and compiles as before.
module.enableCompileCache?.();

if (existsSync(new URL("../src/cli/main.ts", import.meta.url))) {
  const { ensureCliBundle } = await import("../scripts/cli-bundle.mjs");
  await ensureCliBundle();
}
await import("../lib/cli.js");

// Keeps lib/cli.js (the bundled `mcuflash` command) current in a repository checkout: bin/mcuflash.js calls
// ensureCliBundle() before running it. Rebuilding takes esbuild a fraction of a second; checking costs a stat
// of each file under src/. Concurrent runs each write their own file and rename it into place.

import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { LIB, ROOT, buildCliInPlace } from "./package-build.mjs";

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

export async function ensureCliBundle() {
  const bundle = `${LIB}/cli.js`;
  const sources = Math.max(newestMtime(`${ROOT}src`), mtimeOf(`${ROOT}package.json`));
  if (mtimeOf(bundle) >= sources) return;
  await buildCliInPlace();
}

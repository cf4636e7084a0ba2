// Builds the npm package `mcuflash` from src/ into lib/ (the app's own build is Vite's, into dist/):
//   lib/core.js, web.js, node.js, sim.js, sim-node.js, install.js  ES modules, one per entry point, sharing chunks
//                                               (so one McuFlashError class across them); dependencies stay imports
//   lib/mcuflash-install.js                     the <mcuflash-install> element as one self-contained script
//   lib/cli.js, lib/cli-words/                  the `mcuflash` command, bundled into plain JavaScript, and its
//                                               catalogs, one chunk per language
//   lib/types/                                  .d.ts for every entry point (tsc, tsconfig.lib.json)
// esbuild does the bundling: it is already in the tree (Vite and tsx depend on it), builds all of this in well
// under a second (so bin/mcuflash.js can rebuild a stale CLI bundle in a checkout on the fly), and its
// splitting keeps shared code in shared chunks. Declarations come from tsc, which already checks the code.

import { spawnSync } from "node:child_process";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import { build } from "esbuild";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const LIB = `${ROOT}lib`;

/** Entry points of the package: `mcuflash/<name>` → lib/<name>.js (see package.json "exports"). */
export const LIBRARY_ENTRIES = {
  core: "src/core/index.ts",
  web: "src/web/index.ts",
  node: "src/transports/node/index.ts",
  sim: "src/sim/index.ts",
  "sim-node": "src/sim/node/index.ts",
  install: "src/embed/index.ts",
};

// Message catalogs (src/i18n/locales/**.json, ICU MessageFormat) compiled to Lingui's runtime form, as
// vite-catalogs.ts does for the app: the package never ships the MessageFormat parser to a browser.
const compiledCatalogs = {
  name: "mcuflash-compiled-catalogs",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]i18n[\\/]locales[\\/][a-z]+[\\/][a-z]+\.json$/ }, async (args) => {
      const messages = JSON.parse(await readFile(args.path, "utf8"));
      const compiled = Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, compileMessage(v)]));
      return { contents: JSON.stringify(compiled), loader: "json" };
    });
  },
};

const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  format: "esm",
  target: "es2022",
  logLevel: "warning",
  legalComments: "none",
  plugins: [compiledCatalogs],
};

// cbor-x probes for eval at load time (`new Function('')`), which a strict CSP on a vendor's page reports as a
// violation. Renamed to an undefined name, the probe fails quietly and the decoder takes its eval-free path
// (the same rewrite vite.config.ts applies to the app).
const cborWithoutEval = {
  name: "cbor-x-without-eval",
  setup(b) {
    b.onLoad({ filter: /[\\/]cbor-x[\\/]decode\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, "utf8")).replaceAll("new Function(", "BlockedFunction("),
      loader: "js",
    }));
  },
};

/** The per-layer ES modules. Dependencies (cbor-x, @noble/ed25519, fflate, serialport) stay imports. */
export function buildLibrary() {
  return build({
    ...COMMON,
    entryPoints: LIBRARY_ENTRIES,
    outdir: LIB,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    platform: "neutral",
    packages: "external",
    external: ["node:*"],
  });
}

// Of app.json the element words only the link names and their support lines; the same rule as
// vite.embed.config.ts (test/i18n/embed-words.test.ts checks both).
export const EMBED_APP_KEYS = /^app\.capabilities\./;

const elementAppWords = {
  name: "mcuflash-element-app-words",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]i18n[\\/]locales[\\/][a-z]+[\\/]app\.json$/ }, async (args) => {
      const messages = JSON.parse(await readFile(args.path, "utf8"));
      const kept = Object.entries(messages).filter(([key]) => EMBED_APP_KEYS.test(key));
      return {
        contents: JSON.stringify(Object.fromEntries(kept.map(([k, v]) => [k, compileMessage(v)]))),
        loader: "json",
      };
    });
  },
};

/**
 * The element for a plain HTML page: everything inlined (the demo device and the three languages' words too),
 * no imports, minified.
 */
export function buildInstallScript() {
  return build({
    ...COMMON,
    entryPoints: { "mcuflash-install": "src/embed/index.ts" },
    outdir: LIB,
    format: "iife",
    platform: "browser",
    minify: true,
    plugins: [cborWithoutEval, elementAppWords, compiledCatalogs],
  });
}

// cbor-x's Node entry loads the optional native cbor-extract at start-up (tens of milliseconds); the CLI
// decodes small SMP messages and takes cbor-x's plain JavaScript build, bundled in.
const cborPlainJs = {
  name: "cbor-x-plain-js",
  setup(b) {
    b.onResolve({ filter: /^cbor-x$/ }, () => ({ path: `${ROOT}node_modules/cbor-x/index.js` }));
  },
};

/**
 * The `mcuflash` command as one file that Node runs directly, plus one small chunk per language's catalogs
 * (lib/cli-words/), of which it loads only the user's. The pure JavaScript dependencies are bundled in (one
 * file to read at start-up instead of a few dozen); serialport (native) and node-pty (optional, native) stay
 * imports, loaded only by the commands that open a port or a PTY. Returns the files in memory.
 */
export async function buildCli() {
  const result = await build({
    ...COMMON,
    entryPoints: { cli: "src/cli/main.ts" },
    outdir: LIB,
    splitting: true,
    chunkNames: "cli-words/[name]-[hash]",
    write: false,
    platform: "node",
    external: ["serialport", "node-pty"],
    plugins: [cborPlainJs],
    // Less for V8 to parse at every start (477 -> 340 KB); names are kept, so a stack trace still reads.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  return result.outputFiles;
}

/** Declarations for every entry point, from the same sources (tsconfig.lib.json). */
export function buildTypes() {
  const tsc = spawnSync(
    process.execPath,
    [`${ROOT}node_modules/typescript/bin/tsc`, "-p", "tsconfig.lib.json"],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
  if (tsc.status !== 0) throw new Error("tsc could not write the package's declarations");
}

/** Writes each file of the CLI to a temporary file and renames it into place, the language chunks first and
 * lib/cli.js last, so a concurrent `mcuflash` (a test running the bin while `npm pack` rebuilds) never reads
 * half a file or a cli.js whose chunks are not there yet. */
export async function buildCliInPlace() {
  const files = await buildCli();
  const ordered = [...files].sort(
    (a, b) => Number(a.path.endsWith("/cli.js")) - Number(b.path.endsWith("/cli.js")),
  );
  for (const file of ordered) {
    await mkdir(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }
}

export async function buildPackage() {
  // Clear what an earlier build left (old chunk names), but not the CLI bundle, which is replaced atomically.
  const previous = await readdir(LIB).catch(() => []);
  await Promise.all(
    previous
      .filter((name) => name !== "cli.js" && name !== "cli-words")
      .map((name) => rm(`${LIB}/${name}`, { recursive: true, force: true })),
  );
  await Promise.all([buildLibrary(), buildInstallScript(), buildCliInPlace()]);
  buildTypes();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildPackage();
  console.error("mcuflash: package built into lib/");
}

// Builds what the install tests serve: the install harness (install-harness.ts: React, the install screen,
// core and the simulator as one script plus its CSS) and the embed bundle (vite.embed.config.ts).

import react from "@vitejs/plugin-react";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Rollup } from "vite";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const EMBED_DIR = join(ROOT, "dist", "embed");

/** Builds the harness into a temp dir holding index.html, install-harness.js and install-harness.css. */
export async function buildInstallHarness(): Promise<string> {
  // Vitest sets NODE_ENV=test, which makes Vite and the React plugin emit development JSX calls.
  const savedEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  const output = await build({
    configFile: false,
    logLevel: "warn",
    mode: "production",
    root: ROOT,
    plugins: [react()],
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      write: false,
      target: "es2022",
      minify: false,
      cssCodeSplit: false,
      lib: {
        entry: fileURLToPath(new URL("./install-harness.ts", import.meta.url)),
        formats: ["iife"],
        name: "InstallHarness",
      },
    },
  }).finally(() => {
    process.env.NODE_ENV = savedEnv;
  });
  const results: Rollup.RollupOutput[] = Array.isArray(output) ? output : "output" in output ? [output] : [];
  let script = "";
  let css = "";
  for (const result of results) {
    for (const item of result.output) {
      if (item.type === "chunk") script += item.code;
      else if (item.fileName.endsWith(".css"))
        css += typeof item.source === "string" ? item.source : new TextDecoder().decode(item.source);
    }
  }
  if (script === "") throw new Error("the install harness build produced no script");
  const dir = mkdtempSync(join(tmpdir(), "mcuflash-install-harness-"));
  writeFileSync(join(dir, "install-harness.js"), script);
  writeFileSync(join(dir, "install-harness.css"), css);
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
<title>McuFlash — install</title><link rel="icon" href="data:," /><link rel="stylesheet" href="install-harness.css" /></head>
<body><div id="root"></div><script src="install-harness.js"></script></body></html>`,
  );
  return dir;
}

/** Builds the embed bundle exactly as `npx vite build -c vite.embed.config.ts` does (it takes a second). */
export async function buildEmbed(): Promise<string> {
  await build({ configFile: join(ROOT, "vite.embed.config.ts"), logLevel: "warn", mode: "production" });
  if (!existsSync(join(EMBED_DIR, "mcuflash-install.js")))
    throw new Error("the embed build produced no script");
  return EMBED_DIR;
}

// Bundles tools-harness.tsx (React, the Tools panel, core and the simulator) into one script and its CSS,
// with Vite in library mode, for injection into the served app.

import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { build, type Rollup } from "vite";

export interface HarnessBundle {
  readonly script: string;
  readonly css: string;
}

export async function buildToolsHarness(): Promise<HarnessBundle> {
  // Vitest sets NODE_ENV=test, which makes Vite and the React plugin emit development JSX calls.
  const savedEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  const output = await build({
    configFile: false,
    logLevel: "warn",
    mode: "production",
    root: fileURLToPath(new URL("../../../", import.meta.url)),
    plugins: [react()],
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      write: false,
      target: "es2022",
      minify: false,
      cssCodeSplit: false,
      lib: {
        entry: fileURLToPath(new URL("./tools-harness.tsx", import.meta.url)),
        formats: ["iife"],
        name: "ToolsHarness",
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
  if (script === "") throw new Error("the tools harness build produced no script");
  return { script, css };
}

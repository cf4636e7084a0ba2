// Builds the <mcuflash-install> bundle the embed tests serve, exactly as `npx vite build -c
// vite.embed.config.ts` does (it takes a second).

import { existsSync } from "node:fs";
import { join } from "node:path";
import { build } from "vite";
import { ROOT } from "./launch.js";

export const EMBED_DIR = join(ROOT, "dist", "embed");

export async function buildEmbed(): Promise<string> {
  await build({ configFile: join(ROOT, "vite.embed.config.ts"), logLevel: "warn", mode: "production" });
  if (!existsSync(join(EMBED_DIR, "mcuflash-install.js")))
    throw new Error("the embed build produced no script");
  return EMBED_DIR;
}

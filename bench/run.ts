// `npm run bench`: runs every bench/*.bench.ts module's exported `run()` in turn and prints its lines.
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);

for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort()) {
  if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
  const mod: unknown = await import(pathToFileURL(join(dir, file)).href);
  const run: unknown = typeof mod === "object" && mod !== null ? Reflect.get(mod, "run") : undefined;
  if (typeof run !== "function") {
    console.log(`${file}: no exported run(), skipped`);
    continue;
  }
  console.log(`== ${file} ==`);
  const lines: unknown = await run();
  for (const line of Array.isArray(lines) ? lines : []) console.log(String(line));
}

import { defineConfig } from "vitest/config";

// `npm run fuzz`: the long fuzz campaigns (FUZZ_RUNS sets the count).
export default defineConfig({
  test: { include: ["test/**/*.fuzz.test.ts"], testTimeout: 3_600_000, env: { MCUFLASH_FUZZ_FULL: "1" } },
});

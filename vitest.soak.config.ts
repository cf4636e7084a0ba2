import { defineConfig } from "vitest/config";

// `npm run soak`: all seeded fault-injection runs.
export default defineConfig({
  test: { include: ["test/**/*.soak.test.ts"], testTimeout: 3_600_000, env: { MCUFLASH_SOAK_FULL: "1" } },
});

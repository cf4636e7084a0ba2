import { defineConfig } from "vitest/config";

// Browser end-to-end tests: Playwright drives Debian's Chromium against a production build.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});

import { defineConfig } from "vitest/config";

// Browser end-to-end tests: Playwright drives Debian's Chromium against a production build.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    // A poll waits for the page to reach a state; on a loaded 2-core machine one second (Vitest's default)
    // is too short for a React render after a simulated device answers. Polls still fail on a wrong state.
    expect: { poll: { timeout: 15_000 } },
  },
});

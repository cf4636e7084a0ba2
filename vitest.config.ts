import { defineConfig } from "vitest/config";

// The always-on suite. Fuzz (*.fuzz.test.ts) and soak (*.soak.test.ts) files run here with a small sample;
// `npm run fuzz` / `npm run soak` run them in full (see test/support/campaign-size.ts).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    setupFiles: ["test/support/english-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});

import { defineConfig } from "vitest/config";

// The tests StrykerJS runs against each mutant of src/core/mcuboot and src/core/update (`npm run mutation`):
// the core and app unit tests, without the soak runs (seeded real-time fault injection, too slow per mutant).
export default defineConfig({
  test: {
    include: ["test/core/**/*.test.ts", "test/app/**/*.test.ts"],
    exclude: ["test/**/*.soak.test.ts", "node_modules/**"],
    testTimeout: 30_000,
  },
});

import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

// The tests StrykerJS runs against each mutant of src/core/mcuboot and src/core/update (`npm run mutation`):
// the core and app unit tests, without the soak runs (seeded real-time fault injection, too slow per mutant),
// fuzz properties at a token sample (test/support/campaign-size.ts), with the always-on suite's setup (app
// words in English) and timeouts. The Vitest runner narrows each run to the test files that import the
// mutated files (`vitest.related`), so scope a run with `--mutate`.
export default defineConfig({
  test: {
    ...base.test,
    include: ["test/core/**/*.test.ts", "test/app/**/*.test.ts"],
    exclude: ["test/**/*.soak.test.ts", "node_modules/**"],
    env: { MCUFLASH_MUTATION: "1" },
  },
});

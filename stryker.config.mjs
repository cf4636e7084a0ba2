// @ts-check
// `npm run mutation`: StrykerJS mutates the verifier, image parsers and update engine and runs the core and app
// unit tests against each mutant (not part of `npm test`; minutes to hours). Incremental: only mutants in
// changed code or covered by changed tests run again (reports/stryker-incremental.json). The machine is
// shared, so one or two test processes; scope a run with `npm run mutation -- --mutate src/core/update/x.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: ["src/core/mcuboot/**/*.ts", "src/core/update/**/*.ts", "!src/core/**/index.ts"],
  coverageAnalysis: "perTest",
  // Static mutants (run only while a module loads) would need every test file reloaded per mutant: half the
  // run time for a tenth of the mutants, so they are skipped. Module-level tables that a test also reaches
  // (reported with `static: true`) still run, against their covering tests without a reload: a survivor there
  // may be false, so check it by hand before writing a test for it.
  ignoreStatic: true,
  concurrency: 2,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 90, low: 85, break: null },
  timeoutMS: 10_000,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};

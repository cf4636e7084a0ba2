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
  // Static mutants (module-level tables: SMP rc codes, TLV kinds, OIDs) can only be tested by reloading every
  // covering test file: 10 % of the mutants, half the run time. They are reported as ignored; the vector tests
  // read those tables on every run.
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

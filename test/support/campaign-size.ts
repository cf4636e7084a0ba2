// How many cases a fuzz or soak campaign runs: a small always-on sample in `npm test`, the full count under
// `npm run fuzz` / `npm run soak` (their configs set MCUFLASH_FUZZ_FULL / MCUFLASH_SOAK_FULL).
// Under `npm run mutation` every mutant reruns the tests that cover it, so a fuzz property runs a token sample
// there (vitest.mutation.config.ts sets MCUFLASH_MUTATION): its job is to catch a mutant that throws an untyped
// error, which the first few dozen cases do; the deterministic tests kill the rest.
const MUTATION_SAMPLE = 40;

export function fuzzRuns(full: number, sample: number): number {
  if (process.env.MCUFLASH_FUZZ_FULL === "1") return Number(process.env.FUZZ_RUNS ?? full);
  return process.env.MCUFLASH_MUTATION === "1" ? Math.min(sample, MUTATION_SAMPLE) : sample;
}

export function soakRuns(full: number, sample: number): number {
  return process.env.MCUFLASH_SOAK_FULL === "1" ? Number(process.env.SOAK_RUNS ?? full) : sample;
}

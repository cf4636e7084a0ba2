// How many cases a fuzz or soak campaign runs: a small always-on sample in `npm test`, the full count under
// `npm run fuzz` / `npm run soak` (their configs set MCUFLASH_FUZZ_FULL / MCUFLASH_SOAK_FULL).
export function fuzzRuns(full: number, sample: number): number {
  return process.env.MCUFLASH_FUZZ_FULL === "1" ? Number(process.env.FUZZ_RUNS ?? full) : sample;
}

export function soakRuns(full: number, sample: number): number {
  return process.env.MCUFLASH_SOAK_FULL === "1" ? Number(process.env.SOAK_RUNS ?? full) : sample;
}

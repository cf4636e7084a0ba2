// The CLI as a user times it: whole processes. Start-up of `mcuflash --version` and `mcuflash image inspect`
// from the bundled CLI (lib/cli.js, what the installed package runs; target <= 0.3 s median) next to the tsx
// start it replaced (TypeScript compiled at every start), and a whole `mcuflash upload` to the simulated device
// over a PTY (the simulator, also a separate process, models flash erase/write times and the swap on reset).
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { vectorPath } from "../test/support/vectors.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BUNDLE = join(ROOT, "lib/cli.js");
const TSX_START = ["--import", "tsx", join(ROOT, "src/cli/main.ts")];
const IMAGE = vectorPath("mcuboot/images/signed/ed25519-300k.bin");
const KEY = vectorPath("mcuboot/keys/ed25519.pub.pem");
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 3);
const exec = promisify(execFile);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of one whole `node ARGS` process, in seconds. */
async function timeProcess(args: readonly string[]): Promise<number> {
  const start = performance.now();
  await exec(process.execPath, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  return (performance.now() - start) / 1000;
}

async function medianOf(args: readonly string[], runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeProcess(args));
  return median(times);
}

async function startPtySim(): Promise<{ pty: string; stop: () => void }> {
  const child = spawn(process.execPath, [BUNDLE, "sim", "--pty", "--json"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0]!);
    });
    child.once("exit", (code) =>
      reject(new Error(`mcuflash sim --pty exited with ${code} (is node-pty built?)`)),
    );
  });
  const { pty } = JSON.parse(line) as { pty: string };
  return { pty, stop: () => child.kill("SIGINT") };
}

async function uploadFigures(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "mcuflash-bench-"));
  const sim = await startPtySim();
  try {
    const whole: number[] = [];
    const uploadPhase: number[] = [];
    let bytes = 0;
    for (let i = 0; i < UPLOADS; i++) {
      // A new version each time, so every run uploads (the same image again would be skipped).
      const image = join(dir, `app-${i}.bin`);
      await exec(process.execPath, [
        BUNDLE,
        "demo-image",
        image,
        "--version",
        `2.${i}.0`,
        "--size",
        "153600",
      ]);
      const start = performance.now();
      const { stdout } = await exec(
        process.execPath,
        [BUNDLE, "--port", sim.pty, "upload", image, "--key", join(dir, `app-${i}.pub.pem`), "--json"],
        { maxBuffer: 16 * 1024 * 1024 },
      );
      whole.push((performance.now() - start) / 1000);
      const outcome = JSON.parse(stdout) as { result: string; uploadMs: number; uploadedBytes: number };
      if (outcome.result !== "running-new") throw new Error(`upload ended with ${outcome.result}`);
      uploadPhase.push(outcome.uploadMs / 1000);
      bytes = outcome.uploadedBytes;
    }
    return [
      `upload ${(bytes / 1024).toFixed(0)} KiB over a PTY, whole process (verify, upload, test, reset, confirm): ` +
        `median ${median(whole).toFixed(2)} s of which the upload phase ${median(uploadPhase).toFixed(2)} s ` +
        `(${UPLOADS} runs)`,
    ];
  } finally {
    sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<string[]> {
  const { ensureCliBundle } = (await import(join(ROOT, "scripts/cli-bundle.mjs"))) as {
    ensureCliBundle: () => Promise<void>;
  };
  await ensureCliBundle();
  const lines: string[] = [`whole-process medians of ${RUNS} runs (Node's own start-up first: the floor)`];
  const bare = await medianOf(["-e", "0"], RUNS);
  lines.push(`node -e 0      ${bare.toFixed(3)} s`);
  for (const [name, args] of [
    ["--version", ["--version"]],
    ["image inspect", ["image", "inspect", IMAGE, "--key", KEY]],
  ] as const) {
    const bundled = await medianOf([BUNDLE, ...args], RUNS);
    const tsx = await medianOf([...TSX_START, ...args], Math.min(RUNS, 5));
    lines.push(
      `${name.padEnd(14)} bundled ${bundled.toFixed(3)} s (target <= 0.300; ${(bundled - bare).toFixed(3)} s over node)` +
        `   tsx start ${tsx.toFixed(3)} s   ${(tsx / bundled).toFixed(1)}x faster`,
    );
  }
  lines.push(...(await uploadFigures()));
  return lines;
}

// The README's promise, run as a user would: `mcuflash sim --pty` (or --udp) in one process, and the CLI
// talking to it from another: echo, list, and a whole signed update.
import { spawn, type ChildProcess, execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";

const BIN = join(import.meta.dirname, "../../bin/mcuflash.js");
const run = promisify(execFile);
const children: ChildProcess[] = [];
/** The CLI keeps sessions and learnt link pacing under XDG_STATE_HOME: a scratch one, not the user's. */
const STATE = mkdtempSync(join(tmpdir(), "mcuflash-state-"));
const ENV = { ...process.env, XDG_STATE_HOME: STATE };

afterAll(() => {
  for (const child of children) child.kill("SIGINT");
});

async function startSim(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [BIN, "sim", ...args, "--json"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0]!);
    });
    child.once("exit", (code) => reject(new Error(`sim exited with ${code}`)));
  });
  const parsed: unknown = JSON.parse(line);
  if (typeof parsed !== "object" || parsed === null) throw new Error(line);
  const value: unknown = Reflect.get(parsed, "pty") ?? Reflect.get(parsed, "udp");
  if (typeof value !== "string") throw new Error(line);
  return value;
}

async function cli(...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await run(process.execPath, [BIN, ...args], { timeout: 60_000, env: ENV });
    return { stdout, code: 0 };
  } catch (error) {
    const e = error as { stdout?: string; code?: number };
    return { stdout: e.stdout ?? "", code: e.code ?? -1 };
  }
}

describe.each([
  ["--pty", [] as string[], "--port"],
  ["--udp", ["127.0.0.1:0"], "--udp"],
])("mcuflash sim %s", (front, extra, option) => {
  test("echo, list and a signed update from another process", async () => {
    const address = await startSim([front, ...extra]);
    expect(await cli(option, address, "echo", "hello")).toEqual({ stdout: "hello\n", code: 0 });
    const list = JSON.parse((await cli(option, address, "list", "--json")).stdout) as { images: unknown[] };
    expect(list.images[0]).toMatchObject({
      image: 0,
      slot: 0,
      version: "1.0.0",
      active: true,
      confirmed: true,
    });

    const dir = mkdtempSync(join(tmpdir(), "mcuflash-"));
    const image = join(dir, "app.bin");
    expect((await cli("demo-image", image, "--version", "1.4.0", "--size", "20000")).code).toBe(0);
    const unsigned = await cli(option, address, "upload", image, "--json");
    expect(unsigned.code).toBe(1);
    expect(JSON.parse(unsigned.stdout)).toMatchObject({ error: { code: "image-refused" } });

    const update = await cli(option, address, "upload", image, "--key", join(dir, "app.pub.pem"), "--json");
    expect(update.code).toBe(0);
    const outcome = JSON.parse(update.stdout) as { result: string; imageVersion: string; imageHash: string };
    expect(outcome).toMatchObject({ result: "running-new", imageVersion: "1.4.0" });
    const after = JSON.parse((await cli(option, address, "list", "--json")).stdout) as {
      images: { active: boolean; confirmed: boolean; hash: string }[];
    };
    expect(after.images.find((s) => s.active)).toMatchObject({ hash: outcome.imageHash, confirmed: true });
  }, 90_000);
});

test("the bin prints package.json's version and a verb's help (the import attribute works where the CLI runs)", async () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")) as {
    version: string;
  };
  expect(await cli("--version")).toEqual({ stdout: `mcuflash ${pkg.version}\n`, code: 0 });
  const help = await cli("reset", "--help");
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^usage: mcuflash reset \[options\]\n[\s\S]*--bootloader/);
}, 60_000);

test("a stock console over a PTY (two line buffers): uploads from another process learn its pacing and keep it", async () => {
  const pty = await startSim(["--pty", "--line-buffers", "2"]);
  const dir = mkdtempSync(join(tmpdir(), "mcuflash-"));
  for (const version of ["1.5.0", "1.6.0"]) {
    const image = join(dir, `app-${version}.bin`);
    expect((await cli("demo-image", image, "--version", version, "--size", "30000")).code).toBe(0);
    const update = await cli(
      "--port",
      pty,
      "upload",
      image,
      "--key",
      `${image.slice(0, -4)}.pub.pem`,
      "--mode",
      "upload-only",
      "--json",
    );
    expect(update.code).toBe(0);
    expect(JSON.parse(update.stdout)).toMatchObject({ result: "uploaded", imageVersion: version });
    const profiles = JSON.parse(
      readFileSync(join(STATE, "mcuflash", "link-profiles.json"), "utf8"),
    ) as Record<string, { windowLimit: number }>;
    expect(profiles[pty]?.windowLimit).toBeGreaterThanOrEqual(1);
  }
}, 90_000);

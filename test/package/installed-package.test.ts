// The published package as a user gets it: `npm pack`, then `npm install` of the tarball into a scratch folder
// outside the repository, and from there the bin (`npx mcuflash`), an update of the simulated device over a
// PTY run by the same installed package, and the entry points from plain Node ESM and from TypeScript.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { vectorPath } from "../support/vectors.js";

const ROOT = join(import.meta.dirname, "../..");
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  dependencies: Record<string, string>;
};
const run = promisify(execFile);
const IMAGE = vectorPath("mcuboot/images/signed/ed25519-1000003.bin");
const KEY = vectorPath("mcuboot/keys/ed25519.pub.pem");

let scratch = "";
let packed: { files: { path: string }[]; size: number; unpackedSize: number };
const children: ChildProcess[] = [];

interface Result {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** Runs a command in the scratch folder, as a user would from a shell there. */
async function inScratch(command: string, args: readonly string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: scratch, timeout: 120_000 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? "", stderr: e.stderr ?? "", code: typeof e.code === "number" ? e.code : -1 };
  }
}

/** Copies docs/examples/NAME from the installed package into the scratch folder (a user's own project). */
function copyExample(name: string): string {
  cpSync(join(scratch, "node_modules/mcuflash/docs/examples", name), join(scratch, name));
  return join(scratch, name);
}

/** The installed bin, as `npx mcuflash` finds it. */
function mcuflash(...args: string[]): Promise<Result> {
  return inScratch("npx", ["--no-install", "mcuflash", ...args]);
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "mcuflash-installed-"));
  // `npm pack` runs the prepack script (the package build) first, as `npm publish` would.
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", scratch], {
    cwd: ROOT,
    timeout: 300_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  packed = (JSON.parse(stdout) as (typeof packed & { filename: string })[])[0]!;
  const tarball = readdirSync(scratch).find((f) => f.endsWith(".tgz"))!;
  writeFileSync(
    join(scratch, "package.json"),
    JSON.stringify({
      name: "scratch",
      private: true,
      type: "module",
      allowScripts: { "@serialport/bindings-cpp": true },
    }),
  );
  await run("npm", ["install", `./${tarball}`, "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: scratch,
    timeout: 300_000,
  });
}, 600_000);

afterAll(() => {
  for (const child of children) child.kill("SIGINT");
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  test("holds the build, the bin, the docs and the licence, not the repository", () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(["package.json", "LICENSE", "bin/mcuflash.js", "lib/cli.js", "lib/core.js"]),
    );
    expect(paths).toEqual(expect.arrayContaining(["lib/mcuflash-install.js", "lib/types/core/index.d.ts"]));
    expect(
      paths.filter(
        (p) => /^(src|test|bench|scripts|public)\//.test(p) || (p.endsWith(".ts") && !p.endsWith(".d.ts")),
      ),
    ).toEqual([]);
  });

  test("installs only the runtime dependencies", () => {
    expect(Object.keys(PACKAGE.dependencies).sort()).toEqual([
      "@lingui/core",
      "@noble/ed25519",
      "cbor-x",
      "fflate",
      "serialport",
      "valibot",
    ]);
    const installed = readdirSync(join(scratch, "node_modules"));
    for (const absent of ["react", "react-dom", "workbox-window", "tsx", "node-pty", "vite", "typescript"]) {
      expect(installed, absent).not.toContain(absent);
    }
  });
});

describe("the installed bin", () => {
  test("--version is package.json's", async () => {
    const result = await mcuflash("--version");
    expect(result).toMatchObject({ code: 0, stdout: `mcuflash ${PACKAGE.version}\n` });
  });

  test("image inspect verifies a vector image against its key", async () => {
    const result = await mcuflash("image", "inspect", IMAGE, "--key", KEY, "--json");
    expect(result.code).toBe(0);
    expect(JSON.stringify(JSON.parse(result.stdout))).toContain(
      "b063eb937e0ed04adf05d43be728e9f8990ccb9f39845a812624e272e5e84dad",
    );
  });

  test("sim --pty without node-pty says how to get it, and the rest of the CLI still works", async () => {
    const result = await mcuflash("sim", "--pty", "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: "sim-pty-unavailable" } });
    expect(result.stderr).toContain("npm install node-pty");
  });

  test("uploads to the simulated device over a PTY, both run from the installed package", async () => {
    // Stands in for `npm install node-pty` (which compiles it on Linux): the repository's built copy.
    cpSync(join(ROOT, "node_modules/node-pty"), join(scratch, "node_modules/node-pty"), { recursive: true });
    const sim = spawn(join(scratch, "node_modules/.bin/mcuflash"), ["sim", "--pty", "--json"], {
      cwd: scratch,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(sim);
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      sim.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("\n")) resolve(out.split("\n")[0]!);
      });
      sim.once("exit", (code) => reject(new Error(`sim exited with ${code}`)));
    });
    const { pty } = JSON.parse(line) as { pty: string };
    expect(pty).toMatch(/^\/dev\/pts\/\d+$/);

    const image = join(scratch, "app.bin");
    expect((await mcuflash("demo-image", image, "--version", "1.5.0", "--size", "40000")).code).toBe(0);
    const update = await mcuflash(
      "--port",
      pty,
      "upload",
      image,
      "--key",
      join(scratch, "app.pub.pem"),
      "--json",
    );
    expect(update.code, update.stderr).toBe(0);
    expect(JSON.parse(update.stdout)).toMatchObject({ result: "running-new", imageVersion: "1.5.0" });

    // docs/examples/node-upload.mjs, as shipped: the same update from a user's script through the entry points.
    const example = copyExample("node-upload.mjs");
    expect(
      (await mcuflash("demo-image", join(scratch, "next.bin"), "--version", "1.6.0", "--size", "30000")).code,
    ).toBe(0);
    const script = await inScratch(process.execPath, [example, pty, "next.bin", "next.pub.pem"]);
    expect(script.code, script.stderr).toBe(0);
    expect(script.stdout).toMatch(/of 30\d{3} bytes/);
    expect(script.stdout).toContain("running-new: 1.6.0 (was 1.5.0)");
  }, 180_000);
});

describe("the entry points", () => {
  test("plain Node ESM imports mcuflash/core, node, sim and sim/node, sharing one error class", async () => {
    const script = `
      import { readFile } from "node:fs/promises";
      import { McuFlashError, importTrustedKey, verifyImage, SmpClient, osEcho } from "mcuflash/core";
      import { UdpTransport, openNodeSerial } from "mcuflash/node";
      import { SimulatedDevice, SimulatorError, createMemoryTransportFactory } from "mcuflash/sim";
      import { listSlots } from "./list-slots.js";
      import { startUdpFront } from "mcuflash/sim/node";
      const key = await importTrustedKey(await readFile(${JSON.stringify(KEY)}, "utf8"), { name: "vector" });
      const report = await verifyImage(new Uint8Array(await readFile(${JSON.stringify(IMAGE)})), [key]);
      const device = await SimulatedDevice.create({ transport: "udp" });
      const front = await startUdpFront(device, "127.0.0.1", 0);
      const transport = await UdpTransport.open({ host: front.host, port: front.port });
      const client = new SmpClient(transport);
      const echo = await client.request(osEcho, { d: "over UDP" });
      client.dispose(); await transport.close(); await front.close();
      const slots = await listSlots(createMemoryTransportFactory(await SimulatedDevice.create({ transport: "ble" })));
      console.log(JSON.stringify({
        outcome: report.outcome,
        shared: new SimulatorError("x", "y") instanceof McuFlashError,
        functions: [openNodeSerial, SimulatedDevice].every((f) => typeof f === "function"),
        echo: echo.r,
        slots: slots.map((s) => [s.slot, s.version, s.active, s.confirmed]),
      }));
    `;
    copyExample("list-slots.js");
    writeFileSync(join(scratch, "use-core.mjs"), script);
    const result = await inScratch(process.execPath, ["use-core.mjs"]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      outcome: "valid",
      shared: true,
      functions: true,
      echo: "over UDP",
      slots: [[0, "1.0.0", true, true]],
    });
  });

  test("TypeScript finds the declarations of every entry point (NodeNext), and the web example type-checks", async () => {
    writeFileSync(
      join(scratch, "use-types.ts"),
      `import { verifyImage, type VerificationReport } from "mcuflash/core";
       import { requestWebSerialLink, detectLinkSupport } from "mcuflash/web";
       import { openNodeSerial } from "mcuflash/node";
       import { SimulatedDevice } from "mcuflash/sim";
       import { startPtyFront } from "mcuflash/sim/node";
       import { McuflashInstallElement } from "mcuflash/install";
       const report: Promise<VerificationReport> = verifyImage(new Uint8Array(0));
       export const used = [report, requestWebSerialLink, detectLinkSupport, openNodeSerial, SimulatedDevice, startPtyFront, McuflashInstallElement];
       // @ts-expect-error: the declarations are checked, not just found
       verifyImage("not bytes");
      `,
    );
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    const args = [
      "--noEmit",
      "--strict",
      "--module",
      "nodenext",
      "--moduleResolution",
      "nodenext",
      "--target",
      "es2022",
    ];
    const result = await inScratch(process.execPath, [
      tsc,
      ...args,
      "--lib",
      "es2022,dom",
      "--types",
      "node",
      "--typeRoots",
      join(ROOT, "node_modules/@types"),
      "--skipLibCheck",
      "--allowJs",
      "--checkJs",
      "use-types.ts",
      // The documented browser example, type-checked against the installed declarations.
      copyExample("web-serial-slots.js"),
      copyExample("list-slots.js"),
    ]);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TOOLS_COMMANDS } from "../../src/cli/commands/tools-index.js";
import { runCli } from "../../src/cli/run-cli.js";
import { memoryIo } from "../support/cli/fake-io-with-files.js";
import { type UdpSim, startUdpSim } from "../support/sim/udp-device.js";

const data = Uint8Array.from({ length: 5_000 }, (_, i) => (i * 7) & 0xff);
let sim: UdpSim;

beforeAll(async () => {
  delete process.env.MCUFLASH_PORT;
  sim = await startUdpSim({ fs: { files: { "/lfs1/log.txt": new TextEncoder().encode("hello log\n") } } });
});
afterAll(() => sim.close());

const run = (argv: string[], io = memoryIo()) => runCli(["--udp", sim.address, ...argv], io, TOOLS_COMMANDS);

describe("mcuflash fs", () => {
  test("upload LOCAL REMOTE writes the file and reports it; --json has the numbers", async () => {
    const io = memoryIo({ files: { "fw.bin": data } });
    expect(await run(["fs", "upload", "fw.bin", "/lfs1/fw.bin"], io)).toBe(0);
    expect(io.out()).toMatch(/^Uploaded fw\.bin to \/lfs1\/fw\.bin: 4\.9 KiB in /);
    expect(sim.device.files().get("/lfs1/fw.bin")).toEqual(data);
    const json = memoryIo({ files: { "fw.bin": data } });
    expect(await run(["fs", "upload", "fw.bin", "/lfs1/fw.bin", "--json", "--verify"], json)).toBe(0);
    expect(json.json()).toMatchObject({
      remote: "/lfs1/fw.bin",
      bytes: 5_000,
      resumedFrom: 0,
      verified: true,
      hashType: "sha256",
    });
  });

  test("upload --resume continues a partial file", async () => {
    await runCli(
      ["--udp", sim.address, "fs", "upload", "part", "/lfs1/part.bin"],
      memoryIo({ files: { part: data.slice(0, 2_000) } }),
      TOOLS_COMMANDS,
    );
    const io = memoryIo({ files: { "fw.bin": data } });
    expect(await run(["fs", "upload", "fw.bin", "/lfs1/part.bin", "--resume", "--json"], io)).toBe(0);
    expect(io.json()).toMatchObject({ resumedFrom: 2_000, bytes: 5_000 });
    expect(sim.device.files().get("/lfs1/part.bin")).toEqual(data);
  });

  test("progress is drawn on an interactive stderr and cleared", async () => {
    const io = memoryIo({ interactive: true, files: { "fw.bin": data } });
    expect(await run(["fs", "upload", "fw.bin", "/lfs1/p.bin"], io)).toBe(0);
    expect(io.err()).toContain("100.0%");
    expect(io.err().endsWith("\r\x1b[K")).toBe(true);
  });

  test("download REMOTE LOCAL saves the file", async () => {
    const io = memoryIo();
    expect(await run(["fs", "download", "/lfs1/log.txt", "log.txt", "--json"], io)).toBe(0);
    expect(new TextDecoder().decode(io.files.get("log.txt"))).toBe("hello log\n");
    expect(io.json()).toMatchObject({ remote: "/lfs1/log.txt", local: "log.txt", bytes: 10 });
  });

  test("stat, hash and types", async () => {
    const stat = memoryIo();
    expect(await run(["fs", "stat", "/lfs1/log.txt"], stat)).toBe(0);
    expect(stat.out()).toBe("/lfs1/log.txt  10 bytes\n");
    const crc = memoryIo();
    expect(await run(["fs", "hash", "/lfs1/log.txt", "--json"], crc)).toBe(0);
    expect(crc.json()).toMatchObject({
      type: "crc32",
      length: 10,
      hash: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
    const sha = memoryIo();
    expect(await run(["fs", "hash", "/lfs1/log.txt", "--type", "sha256"], sha)).toBe(0);
    expect(sha.out()).toMatch(/^sha256 {2}[0-9a-f]{64} {2}\/lfs1\/log\.txt \(10 bytes\)\n$/);
    const types = memoryIo();
    expect(await run(["fs", "types"], types)).toBe(0);
    expect(types.out()).toMatch(/crc32 +number +4\nsha256 +bytes +32/);
    const close = memoryIo();
    expect(await run(["fs", "close", "--json"], close)).toBe(0);
    expect(close.json()).toEqual({ closed: true });
  });

  test("a missing device file is exit 1 with the device's reason", async () => {
    const io = memoryIo();
    expect(await run(["fs", "stat", "/lfs1/nope", "--json"], io)).toBe(1);
    expect(io.err()).toMatch(/no such file/);
    // Language-neutral: the command, the group and the code, never the English meaning.
    expect(io.json()).toEqual({
      error: {
        code: "smp-device-error",
        params: {
          command: "fs.status",
          meaningKey: "rc.8.FILE_NOT_FOUND",
          style: "err",
          group: 8,
          rc: expect.any(Number),
          rcName: expect.any(String),
        },
      },
    });
  });

  test("local file problems are exit 1 with a clear message", async () => {
    const missing = memoryIo();
    expect(await run(["fs", "upload", "nope.bin", "/lfs1/x", "--json"], missing)).toBe(1);
    expect(missing.json()).toMatchObject({ error: { code: "local-file-unreadable" } });
    const unwritable = memoryIo();
    expect(await run(["fs", "download", "/lfs1/log.txt", "/unwritable/x"], unwritable)).toBe(1);
    expect(unwritable.err()).toMatch(/Could not write \/unwritable\/x on this computer/);
  });

  test.each([
    [["fs"], /needs a sub-command: upload, download/],
    [["fs", "list"], /no sub-command "list"/],
    [["fs", "upload", "only-one"], /^mcuflash fs upload: Missing REMOTE\. Run 'mcuflash fs upload --help'/],
    [["fs", "stat"], /^mcuflash fs stat: Missing REMOTE\./],
    [["fs", "hash", "/a", "--kind", "x"], /Unknown option/],
    [["fs", "stat", "relative/path"], /not a full path/],
  ])("%j is refused", async (argv, message) => {
    const io = memoryIo();
    const code = await run(argv, io);
    expect(io.err()).toMatch(message);
    expect(code).toBeGreaterThan(0);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TOOLS_COMMANDS } from "../../src/cli/commands/tools-index.js";
import { runCli } from "../../src/cli/run-cli.js";
import { memoryIo } from "../support/cli/fake-io-with-files.js";
import { type UdpSim, startUdpSim } from "../support/sim/udp-device.js";

let sim: UdpSim;

beforeAll(async () => {
  delete process.env.MCUFLASH_PORT;
  sim = await startUdpSim({
    settings: { roots: ["app"], storage: true, values: { "app/name": new TextEncoder().encode("pump-7") } },
  });
});
afterAll(() => sim.close());

const run = (argv: string[], io = memoryIo()) => runCli(["--udp", sim.address, ...argv], io, TOOLS_COMMANDS);

describe("mcuflash shell exec", () => {
  test("prints the command's output as plain text", async () => {
    const io = memoryIo();
    expect(await run(["shell", "exec", "--", "kernel", "version"], io)).toBe(0);
    expect(io.out()).toBe("Zephyr version 4.4.0\n");
  });

  test("words after -- are the command's, --json included; --json before -- is ours", async () => {
    const io = memoryIo();
    expect(await run(["shell", "exec", "--json", "--", "echo", "--json", "-l"], io)).toBe(0);
    expect(io.json()).toEqual({ argv: ["echo", "--json", "-l"], output: "\r\n--json -l\r\n", returnCode: 0 });
  });

  test("a command that fails exits 1 and says its return code", async () => {
    const io = memoryIo();
    expect(await run(["shell", "exec", "nosuchcmd"], io)).toBe(1);
    expect(io.out()).toBe("nosuchcmd: command not found\n");
    expect(io.err()).toBe("(the command returned -8)\n");
  });

  test.each([[["shell"]], [["shell", "exec"]], [["shell", "exec", "--"]], [["shell", "run", "x"]]])(
    "%j is a usage error",
    async (argv) => {
      expect(await run(argv)).toBe(2);
    },
  );
});

describe("mcuflash settings", () => {
  test("read shows text, or hex with --hex; --json has both", async () => {
    const text = memoryIo();
    expect(await run(["settings", "read", "app/name"], text)).toBe(0);
    expect(text.out()).toBe("pump-7\n");
    const hex = memoryIo();
    expect(await run(["settings", "read", "app/name", "--hex"], hex)).toBe(0);
    expect(hex.out()).toBe("0x70756d702d37\n");
    const json = memoryIo();
    expect(await run(["settings", "read", "app/name", "--json"], json)).toBe(0);
    expect(json.json()).toEqual({ name: "app/name", encoding: "text", value: "pump-7", hex: "70756d702d37" });
  });

  test("write text and hex, read back, save, delete, commit, load", async () => {
    expect(await run(["settings", "write", "app/level", "0x0a00"])).toBe(0);
    const level = memoryIo();
    await run(["settings", "read", "app/level"], level);
    expect(level.out()).toBe("0x0a00\n");
    const literal = memoryIo();
    expect(await run(["settings", "write", "app/label", "0x10", "--text", "--json"], literal)).toBe(0);
    expect(literal.json()).toEqual({ name: "app/label", written: true, bytes: 4, hex: "30783130" });
    for (const action of ["commit", "save", "load"]) {
      const io = memoryIo();
      expect(await run(["settings", action, "--json"], io)).toBe(0);
      expect(io.json()).toEqual({ [action]: true });
    }
    expect(sim.device.settingsValues().persisted?.get("app/level")).toEqual(new Uint8Array([10, 0]));
    expect(await run(["settings", "delete", "app/level"])).toBe(0);
    expect(sim.device.settingsValues().persisted?.has("app/level")).toBe(false);
  });

  test("device refusals are exit 1; bad values and missing words are usage or value errors", async () => {
    const missing = memoryIo();
    expect(await run(["settings", "read", "app/none"], missing)).toBe(1);
    expect(missing.err()).toMatch(/no setting by that name/);
    const odd = memoryIo();
    expect(await run(["settings", "write", "app/x", "0x123"], odd)).toBe(1);
    expect(odd.err()).toMatch(/odd number of hex digits/);
    expect(await run(["settings", "write", "app/x"])).toBe(2);
    expect(await run(["settings", "write", "app/x", "1", "--text", "--hex"])).toBe(2);
    expect(await run(["settings", "read", "app/x", "--max-size", "-1"])).toBe(2);
    expect(await run(["settings", "frob"])).toBe(2);
  });
});

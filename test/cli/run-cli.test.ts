import { describe, expect, test } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { parseCommandLine } from "../../src/cli/global-options.js";
import { runCli } from "../../src/cli/run-cli.js";
import { captureIo } from "./support/fake-io.js";

describe("command line parsing", () => {
  test("global options before the verb, --json anywhere before --", () => {
    const parsed = parseCommandLine([
      "--port",
      "/dev/pts/3",
      "--baud=9600",
      "--timeout",
      "700",
      "echo",
      "hi",
      "--json",
    ]);
    expect(parsed.global).toMatchObject({ port: "/dev/pts/3", baud: 9600, timeoutMs: 700, json: true });
    expect(parsed.verb).toBe("echo");
    expect(parsed.args).toEqual(["hi"]);
    const shell = parseCommandLine(["--udp", "127.0.0.1:1337", "shell", "exec", "--", "echo", "--json"]);
    expect(shell.global.udp).toEqual({ host: "127.0.0.1", port: 1337 });
    expect(shell.global.json).toBe(false);
    expect(shell.args).toEqual(["exec", "--", "echo", "--json"]);
  });

  test.each([
    [["--udp", "nohost"], /HOST:PORT/],
    [["--port", "/dev/x", "--udp", "1.2.3.4:5", "echo", "a"], /either --port or --udp/],
    [["--baud", "fast", "list"], /positive whole number/],
    [["--smp-version", "3", "list"], /1 or 2/],
    [["--frobnicate", "list"], /Unknown option/],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});

describe("runCli", () => {
  test("usage errors exit 2 with the verb's usage line", async () => {
    const io = captureIo();
    expect(await runCli(["--udp", "127.0.0.1:9", "echo"], io, COMMANDS)).toBe(2);
    expect(io.err()).toMatch(/echo needs the text/);
    expect(io.err()).toMatch(/usage: mcuflash \[options\] echo TEXT/);
  });

  test("an unknown verb exits 2; help exits 0 and lists every verb", async () => {
    const bad = captureIo();
    expect(await runCli(["frobnicate"], bad, COMMANDS)).toBe(2);
    const help = captureIo();
    expect(await runCli(["help"], help, COMMANDS)).toBe(0);
    for (const verb of Object.keys(COMMANDS)) expect(help.out()).toContain(COMMANDS[verb]!.usage);
  });

  test("a device command without --port or --udp is a usage error naming both", async () => {
    const io = captureIo();
    const saved = process.env.MCUFLASH_PORT;
    delete process.env.MCUFLASH_PORT;
    try {
      expect(await runCli(["list", "--json"], io, COMMANDS)).toBe(2);
    } finally {
      if (saved !== undefined) process.env.MCUFLASH_PORT = saved;
    }
    expect(io.err()).toMatch(/--port PATH .* --udp HOST:PORT/);
    expect(JSON.parse(io.out())).toEqual({
      error: expect.objectContaining({ code: "usage", message: expect.stringContaining("--port") }),
    });
  });
});

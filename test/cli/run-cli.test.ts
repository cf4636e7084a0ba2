// The one command-line parser, help for every verb, --version, usage errors (exit 2, one line, a pointer to the
// help) and the --json error contract.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseCommandLine } from "../../src/cli/command-line.js";
import { type OptionTable, parseOptions } from "../../src/cli/option-spec.js";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { englishI18n } from "../../src/i18n/english.js";
import { runCli } from "../../src/cli/run-cli.js";
import { captureIo } from "../support/cli/fake-io.js";

const NO_ENV = {};

describe("command line parsing", () => {
  test("global options before or after the verb, --json anywhere before --", () => {
    const parsed = parseCommandLine(
      ["--port", "/dev/pts/3", "--baud=9600", "echo", "hi", "--timeout", "700", "--json"],
      COMMANDS,
      NO_ENV,
    );
    expect(parsed).toMatchObject({
      kind: "run",
      verb: "echo",
      global: { port: "/dev/pts/3", baud: 9600, timeoutMs: 700, json: true },
      positionals: ["hi"],
    });
    const shell = parseCommandLine(
      ["--udp", "127.0.0.1:1337", "shell", "exec", "--", "echo", "--json"],
      COMMANDS,
      NO_ENV,
    );
    expect(shell).toMatchObject({
      kind: "run",
      verb: "shell exec",
      global: { udp: { host: "127.0.0.1", port: 1337 }, json: false },
      positionals: ["echo", "--json"],
    });
  });

  test("a verb's own option wins over the global one of the same name after the verb", () => {
    const sim = parseCommandLine(["sim", "--udp", "127.0.0.1:0"], COMMANDS, NO_ENV);
    expect(sim).toMatchObject({
      kind: "run",
      verb: "sim",
      values: { udp: "127.0.0.1:0" },
      global: { udp: undefined },
    });
    const demo = parseCommandLine(["demo-image", "a.bin", "--version", "1.2.3"], COMMANDS, NO_ENV);
    expect(demo).toMatchObject({ kind: "run", values: { version: "1.2.3" } });
  });

  test("MCUFLASH_PORT is the default port; --udp given explicitly replaces it", () => {
    const env = { MCUFLASH_PORT: "/dev/ttyACM0" };
    expect(parseCommandLine(["list"], COMMANDS, env)).toMatchObject({ global: { port: "/dev/ttyACM0" } });
    expect(parseCommandLine(["--udp", "10.0.0.1:1337", "list"], COMMANDS, env)).toMatchObject({
      global: { port: undefined, udp: { host: "10.0.0.1", port: 1337 } },
    });
  });

  test.each([
    [["--udp", "nohost", "list"], "usage-invalid-value"],
    [["--port", "/dev/x", "--udp", "1.2.3.4:5", "echo", "a"], "usage-conflicting-options"],
    [["--baud", "fast", "list"], "usage-invalid-value"],
    [["--smp-version", "3", "list"], "usage-invalid-value"],
    [["--frobnicate", "list"], "usage-unknown-option"],
    [["list", "--frobnicate"], "usage-unknown-option"],
    [["upload", "--image"], "usage-missing-value"],
    [["upload", "--image", "--force", "a.bin"], "usage-missing-value"],
    [["upload", "--force=yes", "a.bin"], "usage-unexpected-value"],
    [["frobnicate"], "usage-unknown-command"],
    [["fs"], "usage-missing-subcommand"],
    [["fs", "rename"], "usage-unknown-subcommand"],
    [[], "usage-missing-command"],
  ])("%j is a usage error (%s)", (argv, code) => {
    expect(() => parseCommandLine(argv, COMMANDS, NO_ENV)).toThrow(expect.objectContaining({ code }));
  });

  test("property: any argument list either parses or fails with a usage error, never anything else", () => {
    const words = fc.constantFrom(
      "--port",
      "/dev/x",
      "--udp",
      "1.2.3.4:5",
      "--json",
      "--",
      "-h",
      "--help",
      "--image",
      "0",
      "--key",
      "k.pem",
      "upload",
      "list",
      "fs",
      "upload",
      "hash",
      "--type",
      "x",
      "-",
      "--=",
      "--image=1",
      "a.bin",
      "--version",
      "echo",
      "shell",
      "exec",
      "-l",
      "--frob",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(words, fc.string()), { maxLength: 10 }), (argv) => {
        try {
          const line = parseCommandLine(argv, COMMANDS, NO_ENV);
          expect(["run", "help", "version"]).toContain(line.kind);
        } catch (error) {
          expect(error).toMatchObject({ code: expect.stringMatching(/^usage-/) });
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseOptions", () => {
  const table = {
    key: { type: "string", multiple: true, value: "K", help: "k" },
    mode: { type: "string", value: "M", help: "m" },
    force: { type: "boolean", help: "f" },
    yes: { type: "boolean", short: "y", help: "y" },
  } as const satisfies OptionTable;

  test("property: whatever the order and spelling (--name value, --name=value), values and positionals come back", () => {
    const value = fc.stringMatching(/^[a-z0-9./:]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 3 }),
        fc.option(value, { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        fc.array(value, { maxLength: 3 }),
        fc.boolean(),
        (keys, mode, force, yes, positionals, inline) => {
          const pieces: string[][] = [
            ...keys.map((k) => (inline ? [`--key=${k}`] : ["--key", k])),
            ...(mode === undefined ? [] : [inline ? [`--mode=${mode}`] : ["--mode", mode]]),
            ...(force ? [["--force"]] : []),
            ...(yes ? [["-y"]] : []),
          ];
          // Options first, then positionals (a positional may not be taken for an option's value).
          const argv = [...pieces.flat(), ...positionals];
          const parsed = parseOptions(argv, table, { command: "t" });
          expect(parsed.positionals).toEqual(positionals);
          expect(parsed.values).toEqual({
            ...(keys.length ? { key: keys } : {}),
            ...(mode === undefined ? {} : { mode }),
            ...(force ? { force: true } : {}),
            ...(yes ? { yes: true } : {}),
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  test("everything after -- is positional, options included; an inline value may start with a dash", () => {
    const parsed = parseOptions(["--mode=-x", "a", "--", "--force", "-y"], table, { command: "t" });
    expect(parsed).toEqual({ values: { mode: "-x" }, positionals: ["a", "--force", "-y"] });
  });
});

describe("help", () => {
  const verbs = Object.entries(COMMANDS);

  test.each(verbs)(
    "mcuflash %s --help prints its own usage, options and an example",
    async (verb, command) => {
      const io = captureIo();
      expect(await runCli([verb, "--help"], io, COMMANDS)).toBe(0);
      const help = io.out();
      expect(help).toMatch(new RegExp(`^usage: mcuflash ${verb}\\b`));
      expect(help).toMatch(/example/);
      const same = captureIo();
      expect(await runCli(["help", verb], same, COMMANDS)).toBe(0);
      expect(same.out()).toBe(help);
      if (command.kind === "group") {
        for (const [sub, spec] of Object.entries(command.subcommands)) {
          const subIo = captureIo();
          expect(await runCli([verb, sub, "-h"], subIo, COMMANDS)).toBe(0);
          expect(subIo.out()).toMatch(new RegExp(`^usage: mcuflash ${verb} ${sub}\\b`));
          for (const name of Object.keys(spec.options)) expect(subIo.out()).toContain(`--${name}`);
          expect(help).toContain(sub);
        }
      } else {
        for (const name of Object.keys(command.options)) expect(help).toContain(`--${name}`);
      }
    },
  );

  test("upload --help answers with upload's options, not 'Unknown option'", async () => {
    const io = captureIo();
    expect(await runCli(["upload", "--help"], io, COMMANDS)).toBe(0);
    expect(io.out()).toContain("--allow-unsigned");
    expect(io.out()).toContain("--port PATH");
    expect(io.err()).toBe("");
  });

  test("mcuflash --help lists every verb with its summary; no verb at all is a usage error", async () => {
    const help = captureIo();
    expect(await runCli(["--help"], help, COMMANDS)).toBe(0);
    for (const [verb, command] of verbs) {
      expect(help.out().split("\n")).toContain(`  ${verb.padEnd(10)}  ${englishI18n()._(command.summary)}`);
    }
    const none = captureIo();
    expect(await runCli([], none, COMMANDS)).toBe(2);
    expect(none.err()).toMatch(/^mcuflash: Say what to do.* Run 'mcuflash --help' for usage\.\n$/);
  });
});

describe("--version", () => {
  test("prints package.json's version", async () => {
    const pkg: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    const version = String(Reflect.get(Object(pkg), "version"));
    const io = captureIo();
    expect(await runCli(["--version"], io, COMMANDS)).toBe(0);
    expect(io.out()).toBe(`mcuflash ${version}\n`);
    const json = captureIo();
    expect(await runCli(["--version", "--json"], json, COMMANDS)).toBe(0);
    expect(JSON.parse(json.out())).toEqual({ version });
  });
});

describe("runCli errors", () => {
  test("a usage error exits 2 with one line naming the verb and its help, and a JSON code with params", async () => {
    const io = captureIo();
    expect(await runCli(["--udp", "127.0.0.1:9", "echo", "--json"], io, COMMANDS)).toBe(2);
    expect(io.err()).toBe("mcuflash echo: Missing TEXT. Run 'mcuflash echo --help' for usage.\n");
    expect(JSON.parse(io.out())).toEqual({
      error: { code: "usage-missing-argument", params: { argument: "TEXT" } },
    });
  });

  test("a sub-command's usage error points at the sub-command's help", async () => {
    const io = captureIo();
    expect(await runCli(["fs", "stat", "--json"], io, COMMANDS)).toBe(2);
    expect(io.err()).toBe("mcuflash fs stat: Missing REMOTE. Run 'mcuflash fs stat --help' for usage.\n");
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
    expect(JSON.parse(io.out())).toEqual({ error: { code: "usage-no-device", params: {} } });
  });

  test("an unreadable firmware file is a JSON error with its path, for upload too", async () => {
    const io = captureIo();
    expect(
      await runCli(["--udp", "127.0.0.1:9", "upload", "/nonexistent/app.bin", "--json"], io, COMMANDS),
    ).toBe(1);
    expect(JSON.parse(io.out())).toEqual({
      error: { code: "local-file-unreadable", params: { path: "/nonexistent/app.bin", errno: "ENOENT" } },
    });
    expect(io.err()).toMatch(/^mcuflash upload: Could not read \/nonexistent\/app\.bin/);
  });
});

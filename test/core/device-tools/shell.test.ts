import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  DeviceToolError,
  joinCommandLine,
  plainShellOutput,
  runShellCommand,
  splitCommandLine,
} from "../../../src/core/device-tools/index.js";
import { NATIVE_SIM_SERIAL } from "../../../src/sim/presets.js";
import { capture } from "../../support/captures/zephyr-by-name.js";
import { scriptedClient } from "../../support/scripted-smp-client.js";
import { virtualSim } from "../../support/sim/smp-client.js";

describe("running shell commands on the simulated device", () => {
  test("output and return code, from a typed line or words", async () => {
    const sim = await virtualSim(NATIVE_SIM_SERIAL);
    const version = await sim.run(() => runShellCommand(sim.client, "kernel version"));
    expect(version).toEqual({
      argv: ["kernel", "version"],
      output: capture("shell.exec v2 'kernel version'").response.o,
      returnCode: 0,
    });
    const unknown = await sim.run(() => runShellCommand(sim.client, ["nosuchcmd"]));
    expect(unknown.returnCode).toBe(-8);
    expect(plainShellOutput(unknown.output)).toBe("\nnosuchcmd: command not found\n");
    const echo = await sim.run(() => runShellCommand(sim.client, `echo "two words"`));
    expect(echo.argv).toEqual(["echo", "two words"]);
    expect(plainShellOutput(echo.output)).toBe("\ntwo words\n");
  });

  test("an empty command is refused before sending", async () => {
    const sim = await virtualSim();
    await expect(runShellCommand(sim.client, "   ")).rejects.toMatchObject({ code: "shell-empty-command" });
  });

  test("Zephyr's legacy `rc` result is the return code, not an SMP error", async () => {
    const { client } = scriptedClient(() => ({ o: "done\r\n", rc: 3 }));
    expect(await runShellCommand(client, "x")).toMatchObject({ output: "done\r\n", returnCode: 3 });
  });
});

describe("splitCommandLine", () => {
  test.each([
    ["kernel version", ["kernel", "version"]],
    ["  spaced   out  ", ["spaced", "out"]],
    [`echo 'a b' "c d" e\\ f`, ["echo", "a b", "c d", "e f"]],
    [`say "he said \\"hi\\""`, ["say", `he said "hi"`]],
    [`x '' ""`, ["x", "", ""]],
    [`a"b"c`, ["abc"]],
    ["", []],
  ])("%j → %j", (line, words) => {
    expect(splitCommandLine(line)).toEqual(words);
  });

  test.each([`echo "open`, "echo 'open"])("%j has an unterminated quote", (line) => {
    expect(() => splitCommandLine(line)).toThrow(
      expect.objectContaining({ code: "shell-unterminated-quote" }),
    );
  });

  test("property: joining words and splitting again gives the same words", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme-ascii" }), { maxLength: 8 }), (argv) => {
        expect(splitCommandLine(joinCommandLine(argv))).toEqual(argv);
      }),
    );
  });

  test("property: any line either splits or fails with a DeviceToolError", () => {
    fc.assert(
      fc.property(fc.string(), (line) => {
        try {
          const words = splitCommandLine(line);
          expect(Array.isArray(words)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(DeviceToolError);
        }
      }),
    );
  });
});

describe("plainShellOutput", () => {
  test("removes colour codes and turns CRLF into LF", () => {
    expect(plainShellOutput("\r\n\u001b[1;31mred\r\n\u001b[m")).toBe("\nred\n");
    expect(plainShellOutput("a\rb")).toBe("a\nb");
  });
});

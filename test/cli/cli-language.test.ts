// The CLI speaks the user's language, as POSIX programs pick it (LC_ALL, LC_MESSAGES, LANG), English when it
// has no words for it; --json stays the same in every language. Run as a user runs it: the bin, a real process.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index.js";
import type { CommandSpec } from "../../src/cli/command-types.js";
import { GLOBAL_OPTIONS } from "../../src/cli/global-options.js";
import { englishI18n } from "../../src/i18n/english.js";
import { localeFromEnvironment } from "../../src/i18n/node-i18n.js";
import { vectorPath } from "../support/vectors.js";

const BIN = join(import.meta.dirname, "../../bin/mcuflash.js");
const IMAGE = vectorPath("mcuboot/images/signed/ed25519-300k.bin");
const KEY = vectorPath("mcuboot/keys/ed25519.pub.pem");
const exec = promisify(execFile);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function mcuflash(args: readonly string[], lang: Record<string, string>): Promise<Run> {
  // Only the variables a locale comes from are set here, so the machine's own LANG cannot leak in.
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...lang };
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the CLI's language", () => {
  test("LANG=de_DE.UTF-8: a command's output and a usage error in German", async () => {
    const de = { LANG: "de_DE.UTF-8" };
    const inspect = await mcuflash(["image", "inspect", IMAGE, "--key", KEY], de);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toContain("MCUboot-Image 1.2.3+4, Inhalt 307200 Byte");
    expect(inspect.stdout).toContain("  signiert von: ed25519.pub.pem (ed25519, ED25519)");
    expect(inspect.stdout).toContain(
      "Ergebnis: valid – Hash stimmt, und die Signatur ist mit dem vertrauenswürdigen Schlüssel „ed25519.pub.pem“ (ed25519) gültig",
    );
    expect(inspect.stdout).toMatch(/^OK: jedes Image ist unversehrt/m);
    expect(inspect.stdout).not.toMatch(/outcome|signed by|every image/);

    const usage = await mcuflash(["upload", "--bogus"], de);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe(
      "mcuflash upload: Unbekannte Option --bogus. Aufruf und Optionen: 'mcuflash upload --help'.\n",
    );
    const invalid = await mcuflash(["--udp", "nohost", "list"], de);
    expect(invalid.stderr).toBe(
      "mcuflash list: --udp erwartet HOST:PORT, z. B. 127.0.0.1:1337; erhalten: „nohost“. Aufruf und Optionen: 'mcuflash list --help'.\n",
    );
  });

  test("Chinese, English by default and for a language McuFlash does not speak", async () => {
    const zh = await mcuflash(["upload", "--bogus"], { LC_ALL: "zh_CN.UTF-8", LANG: "de_DE.UTF-8" });
    expect(zh.stderr).toMatch(/^mcuflash upload: 未知选项 --bogus。/);
    for (const lang of [{}, { LANG: "C.UTF-8" }, { LANG: "fr_FR.UTF-8" }]) {
      const run = await mcuflash(["upload", "--bogus"], lang);
      expect(run.stderr).toBe(
        "mcuflash upload: Unknown option --bogus. Run 'mcuflash upload --help' for usage.\n",
      );
    }
  });

  test("--json is the same whatever the language: codes and parameters, no words", async () => {
    const args = ["image", "inspect", IMAGE, "--json"];
    const [en, de, zh] = await Promise.all(
      [{ LANG: "en_US.UTF-8" }, { LANG: "de_DE.UTF-8" }, { LANG: "zh_CN.UTF-8" }].map((l) =>
        mcuflash(args, l),
      ),
    );
    expect(de?.stdout).toBe(en?.stdout);
    expect(zh?.stdout).toBe(en?.stdout);
    const json = JSON.parse(en?.stdout ?? "") as Record<string, unknown>;
    expect(json.reason).toEqual({ key: "verify.valid-no-key", params: {} });
    const usage = await mcuflash(["upload", "--bogus", "--json"], { LANG: "de_DE.UTF-8" });
    expect(JSON.parse(usage.stdout)).toEqual({
      error: { code: "usage-unknown-option", params: { option: "--bogus", command: "upload" } },
    });
  });
});

describe("localeFromEnvironment", () => {
  test("LC_ALL wins over LC_MESSAGES over LANG; empty means unset; C and unknown languages are English", () => {
    expect(localeFromEnvironment({ LC_ALL: "de_DE.UTF-8", LC_MESSAGES: "zh_CN", LANG: "en_US" })).toBe("de");
    expect(localeFromEnvironment({ LC_ALL: "", LC_MESSAGES: "zh_CN.UTF-8", LANG: "de_DE" })).toBe("zh");
    expect(localeFromEnvironment({ LANG: "de_AT.UTF-8" })).toBe("de");
    expect(localeFromEnvironment({ LANG: "zh_TW.UTF-8" })).toBe("zh");
    expect(localeFromEnvironment({ LANG: "C" })).toBe("en");
    expect(localeFromEnvironment({ LANG: "POSIX" })).toBe("en");
    expect(localeFromEnvironment({ LANG: "fr_FR.UTF-8" })).toBe("en");
    expect(localeFromEnvironment({})).toBe("en");
  });
});

describe("help words", () => {
  test("every verb, sub-command, option and note names a catalog key that has words", () => {
    const keys: string[] = Object.values(GLOBAL_OPTIONS).map((o) => o.help);
    const spec = (s: CommandSpec) => {
      keys.push(s.summary, ...Object.values(s.options).map((o) => o.help), ...(s.notes ?? []));
    };
    for (const command of Object.values(COMMANDS)) {
      if (command.kind === "simple") spec(command);
      else {
        keys.push(command.summary);
        Object.values(command.subcommands).forEach(spec);
      }
    }
    expect(keys.length).toBeGreaterThan(70);
    const messages = englishI18n().messages;
    expect(keys.filter((k) => !k.startsWith("cli.help.") || messages[k] === undefined)).toEqual([]);
  });

  test("--help in German: the verb's summary, its options and the headings", async () => {
    const help = await mcuflash(["upload", "--help"], { LANG: "de_DE.UTF-8" });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Aufruf: mcuflash upload FILE \[Optionen\]\n/);
    expect(help.stdout).toContain("DATEI lokal prüfen, hochladen");
    expect(help.stdout).toMatch(/ {2}--yes {13}vorab zustimmen/);
    expect(help.stdout).toContain("\nBeispiele:\n  mcuflash --port /dev/ttyACM0 upload");
  });
});

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import {
  DeviceToolError,
  commitSettings,
  deleteSetting,
  displaySettingValue,
  integerReadings,
  loadSettings,
  parseSettingValue,
  readSetting,
  saveSettings,
  writeSetting,
} from "../../../src/core/device-tools/index.js";
import { NATIVE_SIM_SERIAL } from "../../../src/sim/presets.js";
import { virtualSim } from "../../support/sim/smp-client.js";

const text = (s: string) => new TextEncoder().encode(s);

describe("settings on a device with an app handler and storage", () => {
  const options = { settings: { roots: ["app"], storage: true, values: { "app/name": text("pump-7") } } };

  test("read shows text; write, read back, save, delete and load", async () => {
    const sim = await virtualSim(options);
    const name = await sim.run(() => readSetting(sim.client, "app/name"));
    expect(name.display).toEqual({ encoding: "text", text: "pump-7" });
    await sim.run(() => writeSetting(sim.client, "app/level", parseSettingValue("0x0a00ff")));
    const level = await sim.run(() => readSetting(sim.client, "app/level"));
    expect(level.display).toEqual({ encoding: "hex", text: "0x0a00ff" });
    await sim.run(() => commitSettings(sim.client));
    await sim.run(() => saveSettings(sim.client));
    expect(sim.device.settingsValues().persisted?.get("app/level")).toEqual(new Uint8Array([10, 0, 255]));
    await sim.run(() => writeSetting(sim.client, "app/level", text("changed")));
    await sim.run(() => loadSettings(sim.client));
    expect(toHex((await sim.run(() => readSetting(sim.client, "app/level"))).value)).toBe("0a00ff");
    await sim.run(() => deleteSetting(sim.client, "app/level"));
    expect(sim.device.settingsValues().persisted?.has("app/level")).toBe(false);
  });

  test("max size cuts the value; unknown keys and roots fail with the device's reason", async () => {
    const sim = await virtualSim(options);
    const cut = await sim.run(() => readSetting(sim.client, "app/name", { maxSize: 64 }));
    expect(cut).toMatchObject({ truncatedTo: 32 });
    expect(await sim.run(() => readSetting(sim.client, "app/nope").catch((e: unknown) => e))).toMatchObject({
      rcName: "KEY_NOT_FOUND",
    });
    expect(
      await sim.run(() => writeSetting(sim.client, "other/x", text("1")).catch((e: unknown) => e)),
    ).toMatchObject({
      rcName: "ROOT_KEY_NOT_FOUND",
    });
  });

  test("an empty name is refused before sending", async () => {
    const sim = await virtualSim(options);
    await expect(readSetting(sim.client, " ")).rejects.toMatchObject({ code: "setting-name-empty" });
  });

  test("a build without storage cannot save", async () => {
    const sim = await virtualSim(NATIVE_SIM_SERIAL);
    expect(await sim.run(() => saveSettings(sim.client).catch((e: unknown) => e))).toMatchObject({
      rcName: "SAVE_NOT_SUPPORTED",
    });
  });
});

describe("setting values as text or hex", () => {
  test.each([
    [[], "text", ""],
    [[0x68, 0x69], "text", "hi"],
    [[0x63, 0x61, 0x66, 0xc3, 0xa9], "text", "café"],
    [[0x61, 0x0a, 0x62, 0x09], "text", "a\nb\t"],
    [[0x68, 0x69, 0x00], "hex", "0x686900"],
    [[0xff, 0xfe], "hex", "0xfffe"],
    [[0x30, 0x78, 0x31], "hex", "0x307831"],
    [[0xef, 0xbb, 0xbf, 0x41], "hex", "0xefbbbf41"],
  ])("%j is shown as %s %j", (bytes, encoding, shown) => {
    expect(displaySettingValue(new Uint8Array(bytes))).toEqual({ encoding, text: shown });
  });

  test.each([
    ["hello", "auto", "68656c6c6f"],
    ["0x01FF", "auto", "01ff"],
    ["0X", "auto", ""],
    ["0x10", "text", "30783130"],
    ["de ad be ef", "hex", "deadbeef"],
    ["0x01:02_03", "hex", "010203"],
  ] as const)("%j (%s) → %s", (input, encoding, hex) => {
    expect(toHex(parseSettingValue(input, encoding))).toBe(hex);
  });

  test.each([
    ["0x123", "setting-value-odd-hex"],
    ["0xzz", "setting-value-not-hex"],
  ])("%j is refused (%s)", (input, code) => {
    expect(() => parseSettingValue(input)).toThrow(expect.objectContaining({ code }));
  });

  test("property: what is shown parses back to the same bytes, with and without the encoding", () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.string().map(text)), (bytes) => {
        const shown = displaySettingValue(bytes);
        expect(toHex(parseSettingValue(shown.text, shown.encoding))).toBe(toHex(bytes));
        expect(toHex(parseSettingValue(shown.text))).toBe(toHex(bytes));
      }),
    );
  });

  test("property: hex input of any bytes parses to those bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.boolean(), (bytes, upper) => {
        const hex = upper ? toHex(bytes).toUpperCase() : toHex(bytes);
        expect(toHex(parseSettingValue(`0x${hex}`))).toBe(toHex(bytes));
        expect(toHex(parseSettingValue(hex, "hex"))).toBe(toHex(bytes));
      }),
    );
  });

  test("property: parsing never fails with anything but a DeviceToolError", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom("auto", "text", "hex" as const), (input, encoding) => {
        try {
          parseSettingValue(input, encoding);
        } catch (error) {
          expect(error).toBeInstanceOf(DeviceToolError);
        }
      }),
    );
  });

  test("integer readings of 1, 2, 4 and 8-byte values, little-endian", () => {
    expect(integerReadings(new Uint8Array([0xff]))).toEqual({ unsigned: 255n, signed: -1n });
    expect(integerReadings(new Uint8Array([0x34, 0x12]))).toEqual({ unsigned: 0x1234n, signed: 0x1234n });
    expect(integerReadings(new Uint8Array([0, 0, 0, 0x80]))).toEqual({
      unsigned: 0x80000000n,
      signed: -0x80000000n,
    });
    expect(integerReadings(new Uint8Array(3))).toBeUndefined();
  });
});

// The one MCUboot mode table and the device client: the words the app's device panel and the CLI's `info` show
// for each mode come from the table, test/confirm go out only for a hash the device lists, and reset can ask
// Zephyr to stay in the bootloader (boot_mode 1).

import { afterEach, describe, expect, test } from "vitest";
import { createDeviceControl } from "../../../src/app/services/device-control.js";
import { bootModeWords } from "../../../src/app/shared/boot-mode-words.js";
import { COMMANDS } from "../../../src/cli/commands/index.js";
import { runCli } from "../../../src/cli/run-cli.js";
import { BOOT_MODES, BOOT_MODE_KEYS, bootModeText } from "../../../src/core/device/boot-modes.js";
import { DeviceClient } from "../../../src/core/device/device-client.js";
import { SmpClient } from "../../../src/core/smp/index.js";
import { memoryIo } from "../../support/cli/fake-io-with-files.js";
import { type UdpSim, startUdpSim } from "../../support/sim/udp-device.js";
import { startSim } from "../../support/sim/harness.js";
import { MODE_BY_NUMBER } from "../update/support/mode-scenarios.js";

describe("the MCUboot mode table", () => {
  test("numbers 0–9 as bootutil defines them, one entry each", () => {
    expect([...BOOT_MODES.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...BOOT_MODES.values()].map((m) => m.key)).toEqual([...BOOT_MODE_KEYS]);
    expect(bootModeText(7)).toBe("firmware loader");
    expect(bootModeText(8)).toBe("single slot RAM load");
    expect(bootModeText(9)).toBe("swap using offset");
    expect(bootModeText(-1)).toBe("unknown");
    expect(bootModeText(42)).toBe("mode 42");
    // Revert exists only where bootutil has it.
    expect([...BOOT_MODES.values()].filter((m) => m.reverts).map((m) => m.number)).toEqual([1, 3, 5, 9]);
  });
});

let udp: UdpSim | undefined;
afterEach(async () => {
  await udp?.close();
  udp = undefined;
});

describe.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])("mode %i as the app and the CLI show it", (n) => {
  test("both say the table's words", async () => {
    const sim = await startSim({ mcuboot: { mode: MODE_BY_NUMBER[n]! } });
    const snapshot = await sim.clock.run(
      (async () => {
        const control = createDeviceControl(await sim.factory.open());
        try {
          return await control.read();
        } finally {
          await control.close();
        }
      })(),
    );
    // The app keeps the number and words it from its catalog: in English, the table's words.
    expect(snapshot.bootloader).toMatchObject({ name: "MCUboot", modeNumber: n });
    expect(bootModeWords(n)).toBe(BOOT_MODES.get(n)!.text);

    delete process.env.MCUFLASH_PORT;
    udp = await startUdpSim({ mcuboot: { mode: MODE_BY_NUMBER[n]! } });
    const io = memoryIo();
    expect(await runCli(["--udp", udp.address, "info"], io, COMMANDS)).toBe(0);
    expect(io.out()).toContain(`boot mode   ${BOOT_MODES.get(n)!.text} (${n})`);
    const json = memoryIo();
    expect(await runCli(["--udp", udp.address, "info", "--json"], json, COMMANDS)).toBe(0);
    expect(JSON.parse(json.out())).toMatchObject({ mode: n, modeText: bootModeWords(n) });
  });
});

describe("the device client", () => {
  test("test and confirm go out only for a hash the device lists", async () => {
    const sim = await startSim();
    const stranger = new Uint8Array(32).fill(7);
    const outcome = await sim.clock.run(
      (async () => {
        const transport = await sim.factory.open();
        const client = new DeviceClient(new SmpClient(transport, sim.clientOptions), sim.clientOptions);
        const errors = await Promise.all([
          client.test(stranger).catch((e: unknown) => e),
          client.confirm(stranger).catch((e: unknown) => e),
        ]);
        await transport.close();
        return errors;
      })(),
    );
    expect(outcome).toMatchObject([{ code: "hash-not-on-device" }, { code: "hash-not-on-device" }]);
    expect(sim.markedHashes()).toEqual([]);
  });

  test("reset with boot mode 1 keeps a single-slot device in MCUboot's serial recovery", async () => {
    const sim = await startSim({ mcuboot: { mode: "single-slot" }, os: { resetBootMode: true } });
    await sim.clock.run(
      (async () => {
        const transport = await sim.factory.open();
        await new DeviceClient(new SmpClient(transport, sim.clientOptions)).reset({ bootMode: 1 });
        await transport.close();
      })(),
    );
    await sim.clock.runAll({ limitMs: 10_000 });
    expect(sim.sent.find((r) => r.group === 0 && r.command === 5)?.body).toEqual({ boot_mode: 1 });
    expect(sim.device.inSerialRecovery).toBe(true);
    // Serial recovery lists the slot but runs nothing, and has no bootloader info.
    const [slots, boot] = await sim.clock.run(
      (async () => {
        const transport = await sim.factory.open();
        const client = new DeviceClient(new SmpClient(transport, sim.clientOptions));
        const read = [await client.readSlots(), await client.readBootloader()] as const;
        await transport.close();
        return read;
      })(),
    );
    expect(slots.map((s) => [s.slot, s.active])).toEqual([[0, false]]);
    expect(boot).toBeUndefined();
  });
});

// `mcuflash erase` on a device that refuses (Zephyr's NO_FREE_SLOT): the slot list says why, and the one line
// on stderr says the way out instead of the bare code. Slots are staged by hand (test/support/sim/stage-slots.ts).

import { afterEach, describe, expect, test } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { runCli } from "../../src/cli/run-cli.js";
import type { UpdateMode } from "../../src/core/update/flow-types.js";
import { buildImage } from "../../src/sim/mcuboot/image-builder.js";
import { memoryIo } from "../support/cli/fake-io-with-files.js";
import { stageSlots } from "../support/sim/stage-slots.js";
import { type UdpSim, startUdpSim } from "../support/sim/udp-device.js";

let sim: UdpSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function fastSim(): Promise<UdpSim> {
  delete process.env.MCUFLASH_PORT;
  sim = await startUdpSim({
    resetMs: 5,
    flash: { pageEraseMs: 0.05, writeBytesPerMs: 1e6 },
    mcuboot: { bootMs: 5, hashBytesPerMs: 1e6 },
  });
  return sim;
}

const stage = async (target: UdpSim, mode: UpdateMode, markForTest = false) =>
  stageSlots(
    target.device,
    await buildImage({ version: { major: 1, minor: 5, revision: 0 }, bodySize: 8 * 1024, seed: 3 }),
    mode,
    markForTest,
  );

const run = (target: UdpSim, argv: string[], io = memoryIo()) =>
  runCli(["--udp", target.address, ...argv], io, COMMANDS);

describe("mcuflash erase on a busy slot", () => {
  test("an image on trial: the revert slot is not erased; confirm it, and the erase goes through", async () => {
    const target = await fastSim();
    await stage(target, "test-only");
    const refused = memoryIo();
    expect(await run(target, ["erase"], refused)).toBe(1);
    expect(refused.err()).toMatch(/trying out version 1\.5\.0 .* it will not erase that slot/);
    expect(refused.err()).toMatch(/mcuflash confirm/);
    expect(await run(target, ["confirm"])).toBe(0);
    expect(await run(target, ["erase"])).toBe(0);
    expect(target.device.slots()[1]?.hash).toBeUndefined();
  });

  test("a pending image Zephyr will not erase: the reason and the resets that clear it", async () => {
    const target = await fastSim();
    await stage(target, "upload-only", true);
    const refused = memoryIo();
    expect(await run(target, ["erase", "--json"], refused)).toBe(1);
    expect(refused.err()).toMatch(/refuses to erase version 1\.5\.0, which it will install on trial/);
    expect(refused.err()).toMatch(/a second reset takes it back to 1\.0\.0/);
    expect(target.device.slots()[1]).toMatchObject({ pending: true });
  });
});

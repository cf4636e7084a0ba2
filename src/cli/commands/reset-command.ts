// `mcuflash reset [--force] [--bootloader]`. With --bootloader the reset carries Zephyr's `boot_mode` 1
// (BOOT_MODE_TYPE_BOOTLOADER), which firmware built with CONFIG_MCUMGR_GRP_OS_RESET_BOOT_MODE keeps in its
// retention area for an MCUboot built with CONFIG_BOOT_SERIAL_BOOT_MODE to stay in serial recovery. Firmware
// without it skips the unknown key and answers a plain reset with success, so the answer proves nothing: the
// verb waits for the device to come back and asks who answers (device-mode.ts).

import { McuFlashError } from "../../core/errors.js";
import { SmpDeviceError, osReset } from "../../core/smp/index.js";
import type { CliIo } from "../cli-io.js";
import { command } from "../command-types.js";
import { withDevice } from "../device-context.js";
import { type DeviceMode, detectMode, serialRecoveryNote } from "../device-mode.js";
import type { GlobalOptions } from "../global-options.js";
import { UsageError } from "../usage-error.js";

/** BOOT_MODE_TYPE_BOOTLOADER in Zephyr's include/zephyr/retention/bootmode.h. */
export const BOOT_MODE_BOOTLOADER = 1;
/** Zephyr answers, then resets CONFIG_MCUMGR_GRP_OS_RESET_MS (250 ms by default) later; MCUboot then starts. */
const SETTLE_MS = 1000;
/** How long the device gets to come back before the verb gives up. */
const COME_BACK_MS = 15_000;
const PROBE_TIMEOUT_MS = 1000;

export class BootloaderNotEnteredError extends McuFlashError {
  constructor() {
    super("bootloader-not-entered", {}, { hint: "bootloader-not-entered" });
  }
}

export class DeviceSilentAfterResetError extends McuFlashError {
  readonly waitedMs: number;
  constructor(waitedMs: number) {
    super("device-silent-after-reset", { seconds: waitedMs / 1000 }, { hint: "device-silent-after-reset" });
    this.waitedMs = waitedMs;
  }
}

export const resetCommand = command({
  synopsis: "",
  summary: "cli.help.reset.summary",
  options: {
    force: { type: "boolean", help: "cli.help.reset.option.force" },
    bootloader: {
      type: "boolean",
      help: "cli.help.reset.option.bootloader",
    },
  },
  examples: ["--port /dev/ttyACM0 reset", "--port /dev/ttyACM0 reset --bootloader"],
  notes: ["cli.help.reset.notes"],
  async run({ values, positionals, global, io }) {
    const [extra] = positionals;
    if (extra !== undefined)
      throw new UsageError("usage-extra-argument", {
        argument: extra,
        command: "reset",
        expected: "none",
      });
    const force = values.force === true;
    if (!values.bootloader) {
      await withDevice(global, io, ({ client }) => client.request(osReset, force ? { force } : {}));
      return { json: { reset: true }, text: io.i18n._("cli.reset.requested") };
    }
    const before = await withDevice(global, io, async ({ client }) => {
      const mode = await detectMode(client);
      if (mode.mode === "serial-recovery") return mode;
      await client.request(osReset, { ...(force ? { force } : {}), boot_mode: BOOT_MODE_BOOTLOADER });
      return undefined;
    });
    const after = before ?? (await waitForDevice(global, io));
    if (after.mode !== "serial-recovery") throw new BootloaderNotEnteredError();
    const lead = before ? io.i18n._("cli.reset.already-in-recovery") : io.i18n._("cli.reset.into-bootloader");
    return {
      json: {
        reset: before === undefined,
        bootMode: BOOT_MODE_BOOTLOADER,
        running: after.mode,
        slots: after.slots ?? [],
      },
      text: `${lead}\n${serialRecoveryNote(io.i18n)}`,
    };
  },
});

/** Waits for the reset to happen, then asks until something answers (a new link each time: USB may re-enumerate). */
async function waitForDevice(global: GlobalOptions, io: CliIo): Promise<DeviceMode> {
  await sleep(SETTLE_MS, io.interrupt);
  const deadline = Date.now() + COME_BACK_MS;
  for (;;) {
    try {
      return await withDevice({ ...global, timeoutMs: PROBE_TIMEOUT_MS }, io, ({ client }) =>
        detectMode(client, { timeoutMs: PROBE_TIMEOUT_MS }),
      );
    } catch (error) {
      // An answer with an error code is an answer: only silence (timeouts, a link not there yet) is retried.
      if (io.interrupt.aborted || error instanceof SmpDeviceError) throw error;
      if (Date.now() >= deadline) throw new DeviceSilentAfterResetError(COME_BACK_MS + SETTLE_MS);
      await sleep(250, io.interrupt);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

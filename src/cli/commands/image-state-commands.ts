// `test HASH`, `confirm [HASH]`, `erase [--slot N]`: mark or clear image slots by hand. A hash is only sent
// after the device has listed it in one of its slots, so a typo never marks an unexpected image.

import { fromHex, toHex } from "../../core/bytes.js";
import { DeviceClient } from "../../core/device/device-client.js";
import type { SmpClient } from "../../core/smp/index.js";
import type { SlotState } from "../../core/update/flow-types.js";
import { explainEraseRefusal } from "../../core/update/secondary-slot.js";
import { classifyFailure } from "../../core/update/smp-device-session.js";
import { command } from "../command-types.js";
import { withDevice } from "../device-context.js";
import { invalid, wholeNumber } from "../global-options.js";
import { UsageError } from "../usage-error.js";
import { noArguments } from "./arguments.js";

export const testCommand = command({
  synopsis: "HASH",
  summary: "cli.help.test.summary",
  options: {},
  examples: ["--port /dev/ttyACM0 test 877f623e0b77145560e327dd7c7a36853b03b9d2727e099cfe3bdc218e1d375f"],
  async run({ positionals, global, io }) {
    const hash = hashArgument(positionals, true);
    if (!hash) throw new UsageError("usage-missing-argument", { argument: "HASH" });
    const images = await withDevice(global, io, ({ client }) => mark(client, hash, false));
    return { json: { images }, text: io.i18n._("cli.test.marked", { hash: toHex(hash) }) };
  },
});

export const confirmCommand = command({
  synopsis: "[HASH]",
  summary: "cli.help.confirm.summary",
  options: {},
  examples: [
    "--port /dev/ttyACM0 confirm",
    "--port /dev/ttyACM0 confirm 877f623e0b77145560e327dd7c7a36853b03b9d2727e099cfe3bdc218e1d375f",
  ],
  async run({ positionals, global, io }) {
    const hash = hashArgument(positionals, false);
    const images = await withDevice(global, io, ({ client }) => mark(client, hash, true));
    return {
      json: { images },
      text: hash
        ? io.i18n._("cli.confirm.confirmed", { hash: toHex(hash) })
        : io.i18n._("cli.confirm.confirmed-running"),
    };
  },
});

export const eraseCommand = command({
  synopsis: "",
  summary: "cli.help.erase.summary",
  options: { slot: { type: "string", value: "N", help: "cli.help.erase.option.slot" } },
  examples: ["--port /dev/ttyACM0 erase", "--port /dev/ttyACM0 erase --slot 3"],
  async run({ values, positionals, global, io }) {
    noArguments("erase", positionals);
    const slot = values.slot === undefined ? undefined : wholeNumber("--slot", values.slot);
    await withDevice(global, io, async ({ client }) => {
      const device = new DeviceClient(client);
      try {
        await device.erase(slot, { timeoutMs: global.timeoutMs });
      } catch (error) {
        // Refused for an image set to boot next or kept for a revert: say which, and the way out.
        if (classifyFailure(error) !== "no-free-slot") throw error;
        const slots = await device.readSlots();
        // Zephyr's flat slot numbers: image N's secondary slot is 2N + 1.
        const image = Math.floor((slot ?? 1) / 2);
        throw explainEraseRefusal(slots, image, error) ?? error;
      }
    });
    return { json: { erased: slot ?? 1 }, text: io.i18n._("cli.erase.erased", { slot: slot ?? 1 }) };
  },
});

/** Through the device client: a hash is only sent after the device has listed it. */
function mark(client: SmpClient, hash: Uint8Array | undefined, confirm: boolean): Promise<SlotState[]> {
  const device = new DeviceClient(client);
  if (confirm) return device.confirm(hash);
  if (!hash) throw new UsageError("usage-missing-argument", { argument: "HASH" });
  return device.test(hash);
}

function hashArgument(positionals: readonly string[], required: boolean): Uint8Array | undefined {
  const [text, extra] = positionals;
  if (extra !== undefined) {
    throw new UsageError("usage-extra-argument", {
      argument: extra,
      command: "test/confirm",
      expected: "HASH",
    });
  }
  if (text === undefined) {
    if (required) throw new UsageError("usage-missing-argument", { argument: "HASH" });
    return undefined;
  }
  const bytes = fromHex(text);
  if (!bytes || (bytes.length !== 32 && bytes.length !== 48 && bytes.length !== 64)) {
    throw invalid("HASH", "imageHash", text);
  }
  return bytes;
}

// `test HASH`, `confirm [HASH]`, `erase [--slot N]`: mark or clear image slots by hand. A hash is only sent
// after the device has listed it in one of its slots, so a typo never marks an unexpected image.

import { fromHex, toHex } from "../../core/bytes.js";
import { McuFlashError } from "../../core/errors.js";
import { imageErase, imageStateRead, imageStateWrite, type SmpClient } from "../../core/smp/index.js";
import type { SlotState } from "../../core/update/flow-types.js";
import { explainEraseRefusal } from "../../core/update/secondary-slot.js";
import { classifyFailure, toSlotState } from "../../core/update/smp-device-session.js";
import type { CliCommand } from "../command-types.js";
import { withDevice } from "../device-context.js";
import { UsageError } from "../usage-error.js";
import { parseVerbArgs } from "../verb-args.js";
import { positiveIntOrZero } from "./upload-command.js";

export class HashNotOnDeviceError extends McuFlashError {
  constructor(hash: string) {
    super("hash-not-on-device", { hash }, { variant: "cli", hint: "hash-not-on-device.cli" });
  }
}

export const testCommand: CliCommand = {
  usage: "test HASH",
  summary: "boot the image with this hash once at the next reset (reverts unless confirmed)",
  async run(args, global, io) {
    const hash = hashArgument(parseVerbArgs(args, {}).positionals, true);
    if (!hash) throw new UsageError("Give the image hash (as 'mcuflash list' prints it).");
    const images = await withDevice(global, io, ({ client }) => mark(client, hash, false));
    return { json: { images }, text: `Marked ${toHex(hash)} for test; reset the device to boot it.` };
  },
};

export const confirmCommand: CliCommand = {
  usage: "confirm [HASH]",
  summary: "make the image permanent (without HASH: the running image)",
  async run(args, global, io) {
    const hash = hashArgument(parseVerbArgs(args, {}).positionals, false);
    const images = await withDevice(global, io, ({ client }) => mark(client, hash, true));
    return { json: { images }, text: hash ? `Confirmed ${toHex(hash)}.` : "Confirmed the running image." };
  },
};

export const eraseCommand: CliCommand = {
  usage: "erase [--slot N]",
  summary: "erase the secondary slot (or slot N)",
  async run(args, global, io) {
    const { values } = parseVerbArgs(args, { slot: { type: "string" } });
    const slot = values.slot === undefined ? undefined : positiveIntOrZero(values.slot);
    await withDevice(global, io, async ({ client }) => {
      try {
        await client.request(imageErase, slot === undefined ? {} : { slot }, {
          timeoutMs: Math.max(global.timeoutMs, 30_000),
        });
      } catch (error) {
        // Refused for an image set to boot next or kept for a revert: say which, and the way out.
        if (classifyFailure(error) !== "no-free-slot") throw error;
        const slots = (await client.request(imageStateRead, {})).images.map(toSlotState);
        // Zephyr's flat slot numbers: image N's secondary slot is 2N + 1.
        const image = Math.floor((slot ?? 1) / 2);
        throw explainEraseRefusal(slots, image, error) ?? error;
      }
    });
    return { json: { erased: slot ?? 1 }, text: `Erased slot ${slot ?? 1}.` };
  },
};

async function mark(client: SmpClient, hash: Uint8Array | undefined, confirm: boolean): Promise<SlotState[]> {
  if (hash) {
    const slots = (await client.request(imageStateRead, {})).images.map(toSlotState);
    const hex = toHex(hash);
    if (!slots.some((s) => s.hash === hex)) {
      throw new HashNotOnDeviceError(hex);
    }
  }
  const response = await client.request(imageStateWrite, hash ? { hash, confirm } : { confirm });
  return (response.images ?? (await client.request(imageStateRead, {})).images).map(toSlotState);
}

function hashArgument(positionals: string[], required: boolean): Uint8Array | undefined {
  const [text, extra] = positionals;
  if (extra !== undefined) throw new UsageError("Give one hash.");
  if (text === undefined) {
    if (required) throw new UsageError("Give the image hash (as 'mcuflash list' prints it).");
    return undefined;
  }
  const bytes = fromHex(text);
  if (!bytes || (bytes.length !== 32 && bytes.length !== 48 && bytes.length !== 64)) {
    throw new UsageError(`"${text}" is not an image hash: expected 64, 96 or 128 hex digits.`);
  }
  return bytes;
}

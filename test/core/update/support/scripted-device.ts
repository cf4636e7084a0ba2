// A device for unit tests of single flow steps: its slot list is written out by the test, a reset moves it to
// the next scripted list, and image state writes answer what the test says. The flow steps run on a real
// FlowContext over it; whole flows run on the simulator instead (test/support/sim).

import type { SlotState } from "../../../../src/core/device/slot-state.js";
import type { DeviceSession } from "../../../../src/core/update/device-session.js";
import { FlowContext } from "../../../../src/core/update/flow-context.js";
import type { Target } from "../../../../src/core/update/targets.js";

export interface Slot {
  readonly image: number;
  readonly slot: number;
  readonly hash: string;
  readonly version: string;
  readonly active?: boolean;
  readonly pending?: boolean;
  readonly confirmed?: boolean;
}

export const slotState = (s: Slot): SlotState => ({
  image: s.image,
  slot: s.slot,
  hash: s.hash,
  version: s.version,
  bootable: true,
  active: s.active ?? false,
  pending: s.pending ?? false,
  confirmed: s.confirmed ?? false,
  permanent: false,
});

export interface ScriptedDeviceOptions {
  /** The answer to an image state write (the slot list the device returns), or an error to throw. */
  readonly write?: (hash: string, confirm: boolean, call: number) => readonly Slot[] | Error;
  /** The reset request fails (its answer lost) although the device resets. */
  readonly resetAnswerLost?: boolean;
}

/** A device whose slot list is `lists[n]` after n resets (the last one stays). */
export function scriptedDevice(lists: readonly (readonly Slot[])[], options: ScriptedDeviceOptions = {}) {
  const device = {
    resets: 0,
    reads: 0,
    failReads: false,
    writes: [] as { hash: string; confirm: boolean }[],
    resetModes: [] as (number | undefined)[],
  };
  const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  const session: DeviceSession = {
    label: "scripted",
    maxPacketSize: 256,
    upload: {} as DeviceSession["upload"],
    readImageState: async () => {
      device.reads += 1;
      if (device.failReads) throw new Error("no answer");
      return lists[Math.min(device.resets, lists.length - 1)]!.map(slotState);
    },
    readParams: async () => undefined,
    writeImageState: async (hash, confirm) => {
      device.writes.push({ hash: hex(hash), confirm });
      const answer = options.write?.(hex(hash), confirm, device.writes.length) ?? [];
      if (answer instanceof Error) throw answer;
      return answer.map(slotState);
    },
    eraseSlot: async () => undefined,
    reset: async (_signal, bootMode) => {
      device.resets += 1;
      device.resetModes.push(bootMode);
      if (options.resetAnswerLost) throw new Error("no answer");
    },
    lost: new Promise<void>(() => undefined),
    close: async () => undefined,
  };
  const ctx = new FlowContext(
    { label: "scripted", connect: async () => session },
    { sleep: async () => undefined },
  );
  ctx.session = session;
  return { device, ctx };
}

/** A package target whose hash is `hashHex` (one byte per two hex digits). */
export function target(imageNumber: number, hashHex: string, version: string): Target {
  const hash = Uint8Array.from(hashHex.match(/../g)!.map((h) => parseInt(h, 16)));
  return {
    imageNumber,
    bytes: new Uint8Array(0),
    hash,
    hashHex,
    version,
    reason: { key: "x", params: {} },
    skipped: false,
    destination: 1,
    builtFor: undefined,
  };
}

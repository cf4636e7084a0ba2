// What the SMP groups of the simulated device reach through (GroupHost): its options, slots and stores, its
// clocks, and the device actions a request can set off — a reset after the answer, a boot mode kept for the next
// boot, an injected reset after a mark — wired to the device that owns them.

import type { Clock } from "./clock.js";
import type { ImageFaultPlan } from "./device-faults.js";
import { type GroupHost, statGroupData } from "./device-groups.js";
import type { ResolvedOptions } from "./device-options.js";
import type { DeviceEvent } from "./device-types.js";
import type { FsStore } from "./groups/fs-store.js";
import type { UploadState } from "./groups/image-upload.js";
import type { SettingsStore } from "./groups/settings-store.js";
import type { ShellCommand } from "./groups/shell-group.js";
import type { StatGroupData } from "./groups/stat-group.js";
import type { Bootloader } from "./mcuboot/bootloader.js";

/** The device's calendar time: unset until configured or set over SMP, then running with the clock. */
export class DeviceRtc {
  private base: { readonly epochMs: number; readonly at: number } | undefined;

  constructor(
    private readonly clock: Clock,
    epochMs: number | undefined,
  ) {
    if (epochMs !== undefined) this.set(epochMs);
  }

  now(): number | undefined {
    return this.base ? this.base.epochMs + (this.clock.now() - this.base.at) : undefined;
  }

  set(epochMs: number): void {
    this.base = { epochMs, at: this.clock.now() };
  }
}

/** The one reset the device has promised (a reset command answers first, then resets): a newer one replaces it. */
export class PendingReset {
  private cancelScheduled: (() => void) | undefined;

  schedule(clock: Clock, afterMs: number, reset: () => void): void {
    this.cancel();
    this.cancelScheduled = clock.schedule(afterMs, reset);
  }

  cancel(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
  }
}

export interface HostParts {
  readonly options: ResolvedOptions;
  readonly boots: readonly Bootloader[];
  readonly upload: UploadState;
  readonly fs: FsStore;
  readonly settings: SettingsStore;
  readonly shellCommands: Readonly<Record<string, ShellCommand>>;
  readonly clock: Clock;
  readonly rtc: DeviceRtc;
  readonly pendingReset: PendingReset;
  readonly faults: ImageFaultPlan;
  uptimeMs(): number;
  reset(reason: string, stayInBootloader: boolean): void;
  retainBootMode(mode: number): void;
  emit(event: DeviceEvent): void;
}

export function deviceHost(parts: HostParts): GroupHost {
  const { clock, options } = parts;
  const host: GroupHost = {
    options,
    boots: parts.boots,
    upload: parts.upload,
    fs: parts.fs,
    settings: parts.settings,
    shellCommands: parts.shellCommands,
    now: () => clock.now(),
    uptimeMs: () => parts.uptimeMs(),
    rtcNow: () => parts.rtc.now(),
    rtcSet: (epochMs) => parts.rtc.set(epochMs),
    scheduleReset: (stay = false) =>
      parts.pendingReset.schedule(clock, options.resetMs, () =>
        parts.reset(stay ? "reset command (stay in the bootloader)" : "reset command", stay),
      ),
    imageFaults: () => parts.faults.current,
    onStateWrite: (image, confirm) => {
      if (!parts.faults.resetsAfterMark(image, confirm)) return;
      clock.schedule(0, () => parts.reset("fault injection: reset after the mark of image " + image, false));
    },
    retainBootMode: (mode) => parts.retainBootMode(mode),
    statGroups: (): readonly StatGroupData[] => statGroupData(options.statGroups, host),
    onUploadProgress: (image, off, size) => parts.emit({ type: "upload", image, off, size }),
  };
  return host;
}

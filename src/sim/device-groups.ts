// Assembles the management groups a simulated device serves, in Zephyr's registration order (handlers are
// registered by name: enum, fs, img, os, settings, shell, stat, zephyr basic), which enum list/details report.

import type { ImageFaults, ResolvedOptions } from "./device-options.js";
import { createEnumGroup } from "./groups/enum-group.js";
import { createFsGroup } from "./groups/fs-group.js";
import type { FsStore } from "./groups/fs-store.js";
import { createImageGroup } from "./groups/image-group.js";
import type { UploadState } from "./groups/image-upload.js";
import { createOsGroup } from "./groups/os-group.js";
import { createSerialRecoveryGroups } from "./groups/serial-recovery.js";
import { createSettingsGroup } from "./groups/settings-group.js";
import type { SettingsStore } from "./groups/settings-store.js";
import { type ShellCommand, createShellGroup } from "./groups/shell-group.js";
import { type StatGroupData, createStatGroup } from "./groups/stat-group.js";
import { createZephyrGroup } from "./groups/zephyr-group.js";
import { type Bootloader, MCUBOOT_MODE_NUMBER } from "./mcuboot/bootloader.js";
import type { SimGroup } from "./smp/group.js";

export interface GroupHost {
  readonly options: ResolvedOptions;
  readonly boots: readonly Bootloader[];
  readonly upload: UploadState;
  readonly fs: FsStore;
  readonly settings: SettingsStore;
  readonly shellCommands: Readonly<Record<string, ShellCommand>>;
  now(): number;
  uptimeMs(): number;
  rtcNow(): number | undefined;
  rtcSet(epochMs: number): void;
  /** `stay`: remain in the bootloader after this reset (tests; the os group retains a boot mode instead). */
  scheduleReset(stay?: boolean): void;
  /** Keeps a boot mode for the next boot (Zephyr's retention area). */
  retainBootMode(mode: number): void;
  onStateWrite(image: number, confirm: boolean): void;
  /** Per-image faults in force now (tests may lift them between runs). */
  imageFaults(): ImageFaults;
  statGroups(): readonly StatGroupData[];
  onUploadProgress(image: number, off: number, size: number): void;
}

export function buildGroups(host: GroupHost): SimGroup[] {
  const o = host.options;
  const groups: SimGroup[] = [];
  const all = (): readonly SimGroup[] => groups;
  if (o.groups.enumeration) groups.push(createEnumGroup(all));
  if (o.groups.fs)
    groups.push(createFsGroup({ store: host.fs, bufSize: o.bufSize, now: host.now, timing: o.timing }));
  if (o.groups.image) {
    groups.push(
      createImageGroup({
        boots: host.boots,
        upload: host.upload,
        uploadFaults: () => host.imageFaults().failUpload,
        onStateWrite: (image, confirm) => host.onStateWrite(image, confirm),
        timing: o.timing,
        imageCheck: o.image.imageCheck,
        allowErasePending: o.image.allowErasePending,
        features: o.image,
        onProgress: (s) => host.onUploadProgress(s.image, s.off, s.size),
      }),
    );
  }
  if (o.groups.os) {
    groups.push(
      createOsGroup({
        features: o.os,
        bufSize: o.bufSize,
        bufCount: o.bufCount,
        info: o.appInfo,
        tasks: () => o.tasks,
        heaps: () => o.heaps,
        rtcNow: () => host.rtcNow(),
        rtcSet: (ms) => host.rtcSet(ms),
        datetimeMs: o.datetimeMs,
        bootloaderMode: MCUBOOT_MODE_NUMBER[o.bootloader.mode],
        noDowngrade: o.bootloader.downgradePrevention,
        vetoReset: () => o.resetVeto,
        reset: () => host.scheduleReset(),
        retainBootMode: (mode) => host.retainBootMode(mode),
      }),
    );
  }
  if (o.groups.settings) groups.push(createSettingsGroup(host.settings));
  if (o.groups.shell) {
    groups.push(
      createShellGroup({
        kernelVersion: o.appInfo.kernelVersion,
        uptimeMs: () => host.uptimeMs(),
        commands: host.shellCommands,
      }),
    );
  }
  if (o.groups.stat) groups.push(createStatGroup(() => host.statGroups()));
  if (o.groups.zephyr) {
    groups.push(
      createZephyrGroup({
        eraseStorage: () => {
          host.settings.eraseStorage();
          // A typical storage partition: a few pages.
          return 4 * o.timing.pageEraseMs;
        },
      }),
    );
  }
  return groups;
}

/** What answers while MCUboot waits in serial recovery (groups/serial-recovery.ts). */
export function buildSerialRecoveryGroups(host: GroupHost): SimGroup[] {
  const o = host.options;
  return createSerialRecoveryGroups({
    boot: host.boots[0]!,
    timing: o.timing,
    bufSize: o.bufSize,
    echo: true,
    reset: () => host.scheduleReset(),
  });
}

/** The counters behind stat group reads. */
export function statGroupData(names: readonly string[], host: GroupHost): StatGroupData[] {
  const areas = host.boots.flatMap((b) => [b.primary, b.secondary]);
  const written = areas.reduce((n, a) => n + a.bytesWritten, 0);
  const writes = areas.reduce((n, a) => n + a.writeCalls, 0);
  const erased = areas.reduce((n, a) => n + a.pagesErased, 0);
  const timing = host.options.timing;
  const known: Record<string, readonly (readonly [string, number])[]> = {
    smp_svr_stats: [["ticks", Math.floor(host.uptimeMs() / 1000)]],
    flash_sim_stats: [
      ["bytes_read", 0],
      ["bytes_written", written],
      ["double_writes", 0],
      ["flash_read_calls", 0],
      ["flash_read_time_us", 0],
      ["flash_write_calls", writes],
      ["flash_write_time_us", Math.round((written / timing.writeBytesPerMs) * 1000)],
      ["flash_erase_calls", erased],
      ["flash_erase_time_us", Math.round(erased * timing.pageEraseMs * 1000)],
    ],
    flash_sim_thresholds: [
      ["max_write_calls", 0],
      ["max_erase_calls", 0],
      ["max_len", 0],
    ],
  };
  return names.map((name) => ({ name, fields: known[name] ?? [] }));
}

// Options of the simulated device and their defaults: a Zephyr 4.4 application with MCUmgr over serial
// (CONFIG_MCUMGR_TRANSPORT_NETBUF_SIZE 384, 4 buffers; 2475 over BLE as in Zephyr's smp_svr overlay-bt), every
// group compiled in, MCUboot in swap-using-move mode with 512 KiB slots on nRF52840-like flash.

import type { Clock } from "./clock.js";
import { badOption } from "./errors.js";
import type { ImageFeatures } from "./groups/image-group.js";
import type { UploadFault } from "./groups/image-upload.js";
import type { AppInfo } from "./groups/os-info.js";
import type { HeapInfo, OsFeatures, TaskInfo } from "./groups/os-group.js";
import type { FsOptions } from "./groups/fs-store.js";
import type { SettingsOptions } from "./groups/settings-store.js";
import type { ShellCommand } from "./groups/shell-group.js";
import { DEFAULT_BOOTLOADER_OPTIONS, type BootloaderOptions } from "./mcuboot/bootloader.js";
import { DEFAULT_FLASH_TIMING, type FlashTiming } from "./mcuboot/flash-area.js";
import type { BuildImageOptions } from "./mcuboot/image-builder.js";
import type { LinkKind } from "./smp/group.js";
import { ZEPHYR_UART_CONSOLE, type UartConsoleOptions } from "./uart-console.js";

export type GroupName = "os" | "image" | "stat" | "settings" | "fs" | "shell" | "enumeration" | "zephyr";

export interface SimulatedDeviceOptions {
  /** Time source; a RealClock by default. Tests pass a VirtualClock. */
  readonly clock?: Clock;
  /** The transport this build serves; decides the default buf_size. */
  readonly transport?: LinkKind;
  /** CONFIG_MCUMGR_TRANSPORT_NETBUF_SIZE. */
  readonly bufSize?: number;
  /** CONFIG_MCUMGR_TRANSPORT_NETBUF_COUNT. */
  readonly bufCount?: number;
  /**
   * "zephyr": a request needs a free buffer and the request being processed holds a second one for its answer,
   * so at most buf_count − 1 requests wait in the device; more are dropped. "unlimited": nothing is dropped.
   */
  readonly buffering?: "zephyr" | "unlimited";
  /**
   * The serial console's receive path (CONFIG_UART_MCUMGR_RX_BUF_COUNT / _SIZE): used by serial links that
   * deliver raw console bytes (the PTY front, and the in-memory serial link). Default: Zephyr's 2 × 128.
   */
  readonly uartConsole?: Partial<UartConsoleOptions>;
  /** Fixed cost of handling any request, ms. */
  readonly processingMs?: number;
  /** CONFIG_MCUMGR_GRP_OS_RESET_MS: delay between the reset answer and the reset. */
  readonly resetMs?: number;
  /** A reset (any cause) drops the link, like USB CDC or BLE; false for a UART behind a USB adapter. */
  readonly linkDropsOnReset?: boolean;
  readonly flash?: Partial<FlashTiming>;
  /** `images`: MCUBOOT_IMAGE_NUMBER, pairs of slots (2: e.g. nRF5340 application and network core). */
  readonly mcuboot?: Partial<Omit<BootloaderOptions, "timing">> & { readonly images?: number };
  /**
   * Slot contents at power-on. Without `primary`, an image is built from `firmware`. `images[n]` fills image
   * n ≥ 1 (built from `firmware` with another seed when absent). In mode 7, `secondary` is the firmware loader
   * (built when absent).
   */
  readonly slots?: {
    readonly primary?: Uint8Array;
    readonly secondary?: Uint8Array;
    readonly images?: readonly { readonly primary?: Uint8Array; readonly secondary?: Uint8Array }[];
  };
  /** Faults tied to an image number rather than to a packet (see ImageFaults). */
  readonly imageFaults?: Partial<ImageFaults>;
  readonly firmware?: BuildImageOptions;
  readonly image?: Partial<ImageFeatures> & { readonly imageCheck?: boolean };
  /** Groups compiled in (all by default). */
  readonly groups?: Partial<Record<GroupName, boolean>>;
  readonly os?: Partial<OsFeatures>;
  readonly appInfo?: Partial<AppInfo>;
  readonly tasks?: readonly TaskInfo[];
  /** Heaps reported by mpstat (with `os.mpstat`): the libc malloc arena and the kernel heap by default. */
  readonly heaps?: readonly HeapInfo[];
  /** CONFIG_MCUMGR_GRP_OS_DATETIME_MS */
  readonly datetimeMs?: boolean;
  /** RTC time at power-on (ISO string or epoch ms); unset RTCs answer RTC_NOT_SET. */
  readonly rtc?: string | number;
  /** The application's reset hook refuses resets unless `force` is true (answers MGMT_ERR_EBUSY). */
  readonly resetVeto?: boolean;
  readonly settings?: Partial<SettingsOptions>;
  readonly fs?: Partial<FsOptions>;
  readonly shellCommands?: Readonly<Record<string, ShellCommand>>;
  /** Stat groups, by name: "smp_svr_stats", "flash_sim_stats", "flash_sim_thresholds". */
  readonly statGroups?: readonly string[];
}

export interface ImageFaults {
  /** Upload answers these errors once the offset reaches `atOffset` for that image (a failed upload). */
  readonly failUpload: readonly UploadFault[];
  /** The device resets by itself right after the first test of this image number is accepted. */
  readonly resetAfterTestOf: number | undefined;
  /** The same after the first mark of either kind (test or permanent) of this image number. */
  readonly resetAfterMarkOf?: number | undefined;
}

export interface ResolvedOptions {
  readonly transport: LinkKind;
  readonly bufSize: number;
  readonly bufCount: number;
  readonly buffering: "zephyr" | "unlimited";
  readonly uartConsole: UartConsoleOptions;
  readonly processingMs: number;
  readonly resetMs: number;
  readonly linkDropsOnReset: boolean;
  readonly timing: FlashTiming;
  readonly bootloader: BootloaderOptions;
  /** MCUBOOT_IMAGE_NUMBER. */
  readonly images: number;
  readonly imageFaults: ImageFaults;
  readonly image: ImageFeatures & { readonly imageCheck: boolean };
  readonly groups: Readonly<Record<GroupName, boolean>>;
  readonly os: OsFeatures;
  readonly appInfo: AppInfo;
  readonly tasks: readonly TaskInfo[];
  readonly heaps: readonly HeapInfo[];
  readonly datetimeMs: boolean;
  readonly rtc: number | undefined;
  readonly resetVeto: boolean;
  readonly settings: SettingsOptions;
  readonly fs: FsOptions;
  readonly statGroups: readonly string[];
}

export const DEFAULT_APP_INFO: AppInfo = {
  kernelName: "Zephyr",
  nodeName: "mcuflash-demo",
  kernelRelease: "v4.4.0",
  kernelVersion: "4.4.0",
  buildDateTime: "Mon Jan  5 09:00:00 2026",
  machine: "arm",
  processor: "cortex-m4",
  hardwarePlatform: "nrf52840dk/nrf52840",
  operatingSystem: "Zephyr",
};

export const DEFAULT_HEAPS: readonly HeapInfo[] = [
  { size: 16384, free: 12288, minFree: 9920 },
  { size: 2048, free: 1536, minFree: 1024 },
];

export const DEFAULT_TASKS: readonly TaskInfo[] = [
  { name: "idle", prio: 15, state: 0, stackSize: 80, stackUsed: 14 },
  { name: "mcumgr smp", prio: 3, state: 128, stackSize: 608, stackUsed: 291 },
  { name: "sysworkq", prio: -1, state: 128, stackSize: 256, stackUsed: 90 },
  { name: "main", prio: 0, state: 8, stackSize: 512, stackUsed: 120 },
];

const BUF_SIZE_BY_TRANSPORT: Readonly<Record<LinkKind, number>> = { serial: 384, ble: 2475, udp: 1024 };

function positive(name: string, value: number, min = 0): number {
  if (!Number.isFinite(value) || value < min) throw badOption("too-small", { option: name, min });
  return value;
}

export function resolveOptions(options: SimulatedDeviceOptions): ResolvedOptions {
  const transport = options.transport ?? "serial";
  const timing = { ...DEFAULT_FLASH_TIMING, ...options.flash };
  const { images = 1, ...mcuboot } = options.mcuboot ?? {};
  const bootloader: BootloaderOptions = { ...DEFAULT_BOOTLOADER_OPTIONS, ...mcuboot, timing };
  if (!Number.isInteger(images) || images < 1 || images > 4) {
    throw badOption("mcuboot.images must be 1 to 4 (MCUBOOT_IMAGE_NUMBER).");
  }
  if (bootloader.slotSize % timing.pageSize !== 0 || bootloader.slotSize < 2 * timing.pageSize) {
    throw badOption("slot-size");
  }
  const rtc = options.rtc === undefined ? undefined : new Date(options.rtc).getTime();
  if (rtc !== undefined && Number.isNaN(rtc)) throw badOption("rtc");
  return {
    transport,
    bufSize: positive("bufSize", options.bufSize ?? BUF_SIZE_BY_TRANSPORT[transport], 64),
    bufCount: positive("bufCount", options.bufCount ?? 4, 2),
    buffering: options.buffering ?? "zephyr",
    uartConsole: {
      lineBuffers: positive(
        "uartConsole.lineBuffers",
        options.uartConsole?.lineBuffers ?? ZEPHYR_UART_CONSOLE.lineBuffers,
        1,
      ),
      lineBufferSize: positive(
        "uartConsole.lineBufferSize",
        options.uartConsole?.lineBufferSize ?? ZEPHYR_UART_CONSOLE.lineBufferSize,
        8,
      ),
    },
    processingMs: positive("processingMs", options.processingMs ?? 0.5),
    resetMs: positive("resetMs", options.resetMs ?? 250),
    linkDropsOnReset: options.linkDropsOnReset ?? true,
    timing,
    bootloader,
    images,
    imageFaults: { failUpload: [], resetAfterTestOf: undefined, ...options.imageFaults },
    image: { stateWrite: true, slotInfo: true, imageCheck: false, ...options.image },
    groups: {
      os: true,
      image: true,
      stat: true,
      settings: true,
      fs: true,
      shell: true,
      enumeration: true,
      zephyr: true,
      ...options.groups,
    },
    os: {
      echo: true,
      taskstat: true,
      datetime: true,
      reset: true,
      mcumgrParams: true,
      info: true,
      bootloaderInfo: true,
      mpstat: false,
      mpstatOnlySupportedStats: false,
      resetBootMode: false,
      ...options.os,
    },
    appInfo: { ...DEFAULT_APP_INFO, ...options.appInfo },
    tasks: options.tasks ?? DEFAULT_TASKS,
    heaps: options.heaps ?? DEFAULT_HEAPS,
    datetimeMs: options.datetimeMs ?? false,
    rtc,
    resetVeto: options.resetVeto ?? false,
    settings: { roots: ["app"], storage: true, values: {}, ...options.settings },
    fs: { mountPoints: ["/lfs1"], files: {}, idleCloseMs: 4000, ...options.fs },
    statGroups: options.statGroups ?? ["flash_sim_stats", "flash_sim_thresholds", "smp_svr_stats"],
  };
}

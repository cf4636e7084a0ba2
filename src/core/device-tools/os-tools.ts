// The OS group's read-only views (Zephyr "SMP group 0"): threads (task statistics), memory pools, the
// uname-like OS/application information and the bootloader — shaped as rows and fields a table can show.

import {
  MgmtRc,
  SmpDeviceError,
  SmpGroup,
  osInfo,
  osMpStat,
  osTaskStat,
  type SmpClient,
} from "../smp/index.js";
import { bootModeText } from "../device/boot-modes.js";
import { DeviceClient } from "../device/device-client.js";
import { type ToolRequestOptions, requestOptions, unlessNotSupported } from "./device-support.js";

export interface TaskRow {
  readonly name: string;
  readonly priority: number;
  readonly id: number;
  /** Zephyr's thread state bits. */
  readonly state: number;
  /** The bits in words, e.g. "queued" or "pending, suspended"; "ready" for 0. */
  readonly stateText: string;
  /** Stack size and use in bytes (Zephyr reports 4-byte words). */
  readonly stackBytes?: number;
  readonly stackUsedBytes?: number;
  /** Highest stack use in percent of the stack, when both are known. */
  readonly stackUsePercent?: number;
  readonly contextSwitches?: number;
  readonly runtime?: number;
}

/** Zephyr's _THREAD_* bits (kernel_structs.h), lowest first. */
const THREAD_STATE_BITS = [
  "dummy",
  "pending",
  "sleeping",
  "dead",
  "suspended",
  "aborting",
  "suspending",
  "queued",
];

export function threadStateText(state: number): string {
  if (state === 0) return "ready";
  const names = THREAD_STATE_BITS.filter((_, bit) => (state & (1 << bit)) !== 0);
  const unknown = state & ~0xff;
  if (unknown !== 0) names.push(`0x${unknown.toString(16)}`);
  return names.join(", ");
}

export async function readTaskStats(client: SmpClient, options: ToolRequestOptions = {}): Promise<TaskRow[]> {
  const response = await client.request(osTaskStat, {}, requestOptions(options));
  return Object.entries(response.tasks).map(([name, t]) => {
    const stackBytes = t.stksiz !== undefined ? t.stksiz * 4 : undefined;
    const stackUsedBytes = t.stkuse !== undefined ? t.stkuse * 4 : undefined;
    return {
      name,
      priority: t.prio,
      id: t.tid,
      state: t.state,
      stateText: threadStateText(t.state),
      ...(stackBytes !== undefined ? { stackBytes } : {}),
      ...(stackUsedBytes !== undefined ? { stackUsedBytes } : {}),
      ...(stackBytes !== undefined && stackUsedBytes !== undefined && stackBytes > 0
        ? { stackUsePercent: Math.round((stackUsedBytes * 100) / stackBytes) }
        : {}),
      ...(t.cswcnt !== undefined ? { contextSwitches: t.cswcnt } : {}),
      ...(t.runtime !== undefined ? { runtime: t.runtime } : {}),
    };
  });
}

export interface MemoryPoolRow {
  readonly name: string;
  /** Bytes per block; Zephyr heaps count in bytes (1), and some builds leave it out (then 1 too). */
  readonly blockSize: number;
  readonly blocks: number;
  readonly free: number;
  /** Fewest free blocks seen. */
  readonly minFree: number;
}

/** Memory pools, or undefined when the device does not report them (Zephyr without CONFIG_MCUMGR_GRP_OS_MPSTAT). */
export async function readMemoryPools(
  client: SmpClient,
  options: ToolRequestOptions = {},
): Promise<MemoryPoolRow[] | undefined> {
  const response = await unlessNotSupported(() => client.request(osMpStat, {}, requestOptions(options)));
  if (response === undefined) return undefined;
  return Object.entries(response.pools).map(([name, p]) => ({
    name,
    blockSize: p.blksize ?? 1,
    blocks: p.nblks,
    free: p.nfree,
    minFree: p.min,
  }));
}

/** The uname-like fields of os info, by format letter, in the order Zephyr prints them (the edges word each
 *  letter: s kernel, n node name, r release, v version, b build time, m machine, p processor, i board, o OS). */
export const OS_INFO_FIELDS = [
  { letter: "s" },
  { letter: "n" },
  { letter: "r" },
  { letter: "v" },
  { letter: "b" },
  { letter: "m" },
  { letter: "p" },
  { letter: "i" },
  { letter: "o" },
] as const;

export interface OsInfoField {
  readonly letter: string;
  readonly value: string;
}

/** OS_MGMT_ERR_INVALID_FORMAT: the build does not know that letter (v1 servers answer MGMT_ERR_EINVAL). */
const OS_INVALID_FORMAT = 2;

/**
 * Every OS/application field the device reports, one request per letter (values contain spaces, so the
 * all-in-one answer cannot be split). Letters the build leaves out (e.g. "b") are skipped; undefined when the
 * device has no os info command.
 */
export async function readOsInfo(
  client: SmpClient,
  options: ToolRequestOptions = {},
): Promise<OsInfoField[] | undefined> {
  const fields: OsInfoField[] = [];
  for (const { letter } of OS_INFO_FIELDS) {
    try {
      const response = await unlessNotSupported(() =>
        client.request(osInfo, { format: letter }, requestOptions(options)),
      );
      if (response === undefined) return undefined;
      fields.push({ letter, value: response.output });
    } catch (error) {
      const invalidLetter =
        error instanceof SmpDeviceError &&
        (error.isGroupRc(SmpGroup.os, OS_INVALID_FORMAT) || error.isMgmtRc(MgmtRc.EINVAL));
      if (!invalidLetter) throw error;
    }
  }
  return fields;
}

export interface BootloaderDetails {
  /** E.g. "MCUboot". */
  readonly name: string;
  readonly mode?: number;
  readonly modeText?: string;
  readonly noDowngrade?: boolean;
}

/** Words for a reported MCUboot mode number, from the one mode table (core/device/boot-modes.ts). */
export const mcubootModeText = bootModeText;

/** The bootloader's name and, for MCUboot, its upgrade mode; undefined when the device does not say. */
export async function readBootloaderInfo(
  client: SmpClient,
  options: ToolRequestOptions = {},
): Promise<BootloaderDetails | undefined> {
  const info = await new DeviceClient(client).readBootloader(options);
  if (info === undefined) return undefined;
  return {
    name: info.name,
    ...(info.modeNumber !== undefined
      ? { mode: info.modeNumber, modeText: bootModeText(info.modeNumber) }
      : {}),
    ...(info.noDowngrade !== undefined ? { noDowngrade: info.noDowngrade } : {}),
  };
}

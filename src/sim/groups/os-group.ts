// OS management (group 0), after Zephyr's subsys/mgmt/mcumgr/grp/os_mgmt/src/os_mgmt.c and the "SMP group 0"
// page: echo, task statistics, date-time, reset (with the application's veto and `force`), MCUmgr buffer
// parameters, uname-like OS/application info, bootloader info, and memory-pool statistics (heaps) when built
// with CONFIG_MCUMGR_GRP_OS_MPSTAT (off by default, as in Zephyr: then MGMT_ERR_ENOTSUP, as the captures show).
// Echo control (1) has no handler in Zephyr at all, so it answers MGMT_ERR_ENOTSUP like a real device.
// Reset reads `boot_mode` only when built with CONFIG_MCUMGR_GRP_OS_RESET_BOOT_MODE (Zephyr 4.2+); without it
// the key is skipped like any unknown key and the answer is a plain, successful reset.

import { RMap } from "../smp/cbor-writer.js";
import { type HandlerContext, type SimGroup, handlerTable } from "../smp/group.js";
import { Group, MgmtErr, OsErr } from "../smp/mgmt-codes.js";
import { decodeFields } from "../smp/request-fields.js";
import { parseRtcString, formatRtc } from "./os-datetime.js";
import { type AppInfo, infoOutput } from "./os-info.js";

export interface TaskInfo {
  readonly name: string;
  readonly prio: number;
  readonly state: number;
  /** Stack size and use, in 4-byte words like Zephyr reports them. */
  readonly stackSize: number;
  readonly stackUsed: number;
}

export interface OsFeatures {
  readonly echo: boolean;
  readonly taskstat: boolean;
  readonly datetime: boolean;
  readonly reset: boolean;
  readonly mcumgrParams: boolean;
  readonly info: boolean;
  readonly bootloaderInfo: boolean;
  /** CONFIG_MCUMGR_GRP_OS_MPSTAT. */
  readonly mpstat: boolean;
  /** CONFIG_MCUMGR_GRP_OS_MPSTAT_ONLY_SUPPORTED_STATS: leave out the block size (always 1 for a heap). */
  readonly mpstatOnlySupportedStats: boolean;
  /**
   * CONFIG_MCUMGR_GRP_OS_RESET_BOOT_MODE: reset's `boot_mode` is kept in the retention area for the next boot
   * (1 = BOOT_MODE_TYPE_BOOTLOADER: MCUboot, built with CONFIG_BOOT_SERIAL_BOOT_MODE, stays in serial recovery).
   */
  readonly resetBootMode: boolean;
}

/** One sys_heap as mpstat reports it: sizes in bytes. */
export interface HeapInfo {
  readonly size: number;
  readonly free: number;
  /** Least free space seen (the heap's high-water mark). */
  readonly minFree: number;
}

export interface OsGroupDeps {
  readonly features: OsFeatures;
  readonly bufSize: number;
  readonly bufCount: number;
  readonly info: AppInfo;
  readonly tasks: () => readonly TaskInfo[];
  readonly heaps: () => readonly HeapInfo[];
  /** Current RTC time in ms since the Unix epoch, or undefined when the RTC has not been set. */
  readonly rtcNow: () => number | undefined;
  readonly rtcSet: (epochMs: number) => void;
  /** CONFIG_MCUMGR_GRP_OS_DATETIME_MS: milliseconds in date-time strings. */
  readonly datetimeMs: boolean;
  readonly bootloaderMode: number;
  readonly noDowngrade: boolean;
  /** The application's reset hook: true when it refuses a reset that is not forced. */
  readonly vetoReset: () => boolean;
  /** Called after the response has gone out; the device resets CONFIG_MCUMGR_GRP_OS_RESET_MS later. */
  readonly reset: () => void;
  /** bootmode_set(): the boot mode the next boot finds in the retention area. */
  readonly retainBootMode: (mode: number) => void;
}

function echo(ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { d: "tstr" });
  if (!fields) return MgmtErr.EINVAL;
  ctx.rsp.put("r", fields.d ?? "");
  return 0;
}

function taskstat(deps: OsGroupDeps, ctx: HandlerContext): number {
  const tasks = new RMap();
  deps.tasks().forEach((task, tid) => {
    tasks.put(
      task.name,
      new RMap()
        .put("prio", task.prio)
        .put("tid", tid)
        .put("state", task.state)
        .put("stksiz", task.stackSize)
        .put("stkuse", task.stackUsed),
    );
  });
  ctx.rsp.put("tasks", tasks);
  return 0;
}

/** os_mgmt_mpstat_read: one entry per heap, named by its index, under the key "tasks" (sic, as in Zephyr). */
function mpstat(deps: OsGroupDeps, ctx: HandlerContext): number {
  const heaps = new RMap();
  deps.heaps().forEach((heap, index) => {
    const entry = new RMap();
    if (!deps.features.mpstatOnlySupportedStats) entry.put("blksiz", 1);
    heaps.put(String(index), entry.put("nblks", heap.size).put("nfree", heap.free).put("min", heap.minFree));
  });
  ctx.rsp.put("tasks", heaps);
  return 0;
}

function datetimeRead(deps: OsGroupDeps, ctx: HandlerContext): number {
  const now = deps.rtcNow();
  if (now === undefined) {
    ctx.addError(Group.os, OsErr.RTC_NOT_SET);
    return 0;
  }
  ctx.rsp.put("datetime", formatRtc(now, deps.datetimeMs));
  return 0;
}

function datetimeWrite(deps: OsGroupDeps, ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { datetime: "tstr" });
  if (!fields) return MgmtErr.EINVAL;
  const parsed = parseRtcString(fields.datetime ?? "", deps.datetimeMs);
  if (parsed === undefined) return MgmtErr.EINVAL;
  deps.rtcSet(parsed);
  return 0;
}

/** A boot mode is one retained byte. */
const BOOT_MODE_MAX = 0xff;

function reset(deps: OsGroupDeps, ctx: HandlerContext): number {
  // Zephyr decodes `force` as a bool and ignores a body it cannot decode (force stays false, no boot mode), so
  // an integer `force: 1` does not force anything.
  const fields = decodeFields(ctx.body, {
    force: "bool",
    ...(deps.features.resetBootMode ? { boot_mode: "uint32" as const } : {}),
  });
  const force = fields?.force === true;
  const bootMode = typeof fields?.boot_mode === "number" ? fields.boot_mode : undefined;
  // Our reading: a value that does not fit the retained byte is refused rather than cut (McuFlash sends only 1).
  if (bootMode !== undefined && bootMode > BOOT_MODE_MAX) return MgmtErr.EINVAL;
  if (!force && deps.vetoReset()) return MgmtErr.EBUSY;
  if (bootMode !== undefined) deps.retainBootMode(bootMode);
  ctx.afterResponse(deps.reset);
  return 0;
}

function mcumgrParams(deps: OsGroupDeps, ctx: HandlerContext): number {
  ctx.rsp.put("buf_size", deps.bufSize).put("buf_count", deps.bufCount);
  return 0;
}

function info(deps: OsGroupDeps, ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { format: "tstr" });
  if (!fields) return MgmtErr.EINVAL;
  const output = infoOutput(fields.format ?? "", deps.info);
  if (output === undefined) {
    ctx.addError(Group.os, OsErr.INVALID_FORMAT);
    return 0;
  }
  ctx.rsp.put("output", output);
  return 0;
}

function bootloaderInfo(deps: OsGroupDeps, ctx: HandlerContext): number {
  const fields = decodeFields(ctx.body, { query: "tstr" });
  if (!fields) return MgmtErr.EINVAL;
  if (fields.query === undefined) {
    ctx.rsp.put("bootloader", "MCUboot");
  } else if (fields.query === "mode") {
    ctx.rsp.put("mode", deps.bootloaderMode);
    if (deps.noDowngrade) ctx.rsp.put("no-downgrade", true);
  } else {
    // Zephyr returns the group code straight from the handler, so it goes out as a plain `{"rc": 3}`.
    return OsErr.QUERY_YIELDS_NO_ANSWER;
  }
  return 0;
}

export function createOsGroup(deps: OsGroupDeps): SimGroup {
  const f = deps.features;
  return {
    id: Group.os,
    name: "os mgmt",
    handlers: handlerTable([
      f.echo && [0, { read: echo, write: echo }],
      f.taskstat && [2, { read: (ctx) => taskstat(deps, ctx) }],
      f.mpstat && [3, { read: (ctx) => mpstat(deps, ctx) }],
      f.datetime && [4, { read: (ctx) => datetimeRead(deps, ctx), write: (ctx) => datetimeWrite(deps, ctx) }],
      f.reset && [5, { write: (ctx) => reset(deps, ctx) }],
      f.mcumgrParams && [6, { read: (ctx) => mcumgrParams(deps, ctx) }],
      f.info && [7, { read: (ctx) => info(deps, ctx) }],
      f.bootloaderInfo && [8, { read: (ctx) => bootloaderInfo(deps, ctx) }],
    ]),
  };
}

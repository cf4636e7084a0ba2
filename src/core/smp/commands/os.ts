// OS management group (0): Zephyr "SMP group 0" page and os_mgmt.c. Shapes follow what Zephyr 4.4 sends,
// which differs from the Python smp package in places (task `stksiz`, bootloader-info answers at top level).

import type { CborMap } from "../cbor.js";
import { type EmptyBody, SmpGroup, defineCommand } from "../command.js";
import { type FieldReader, canonicalMap, opt, requestReader, responseReader } from "../validate.js";

const empty = (): EmptyBody => ({});

export interface EchoRequest {
  readonly d: string;
}
export interface EchoResponse {
  readonly r: string;
}

export const osEcho = defineCommand<EchoRequest, EchoResponse>({
  name: "os.echo",
  label: "echo",
  group: SmpGroup.os,
  id: 0,
  op: "write",
  encode: (req) => canonicalMap({ d: req.d }),
  decodeRequest: (body) => ({ d: requestReader(body, "echo").str("d") }),
  decode: (body) => ({ r: responseReader(body, "echo").str("r") }),
});

/** One thread as Zephyr reports it. Only prio/tid/state are always there; the rest depends on Kconfig. */
export interface TaskStat {
  readonly prio: number;
  readonly tid: number;
  readonly state: number;
  /** Stack size in 4-byte words. Zephyr sends `stksiz`; the older spelling `stksize` is accepted too. */
  readonly stksiz?: number;
  readonly stkuse?: number;
  readonly cswcnt?: number;
  readonly runtime?: number;
  readonly last_checkin?: number;
  readonly next_checkin?: number;
}
export interface TaskStatResponse {
  readonly tasks: Readonly<Record<string, TaskStat>>;
}

function readTask(t: FieldReader): TaskStat {
  return {
    prio: t.int("prio"),
    tid: t.uint("tid"),
    state: t.uint("state"),
    ...opt("stksiz", t.optUint("stksiz") ?? t.optUint("stksize")),
    ...opt("stkuse", t.optUint("stkuse")),
    ...opt("cswcnt", t.optUint("cswcnt")),
    ...opt("runtime", t.optUint("runtime")),
    ...opt("last_checkin", t.optUint("last_checkin")),
    ...opt("next_checkin", t.optUint("next_checkin")),
  };
}

export const osTaskStat = defineCommand<EmptyBody, TaskStatResponse>({
  name: "os.taskstat",
  label: "task statistics",
  group: SmpGroup.os,
  id: 2,
  op: "read",
  encode: () => ({}),
  decodeRequest: empty,
  decode: (body) => ({
    tasks: responseReader(body, "task statistics").child("tasks").namedRecords(readTask),
  }),
});

export interface MemoryPoolStat {
  /** Block size in bytes; absent from Zephyr built with CONFIG_MCUMGR_GRP_OS_MPSTAT_ONLY_SUPPORTED_STATS. */
  readonly blksize?: number;
  readonly nblks: number;
  readonly nfree: number;
  readonly min: number;
}
export interface MemoryPoolResponse {
  /** Pool name → statistics. */
  readonly pools: Readonly<Record<string, MemoryPoolStat>>;
}

/**
 * Three shapes meet on the wire: Zephyr (CONFIG_MCUMGR_GRP_OS_MPSTAT) nests its heaps under "tasks" — the key
 * its task statistics use — with "blksiz"; Mynewt nests them under "mpools"; the Python smp package's model puts
 * each pool at the top level with "blksize".
 */
function readPools(body: CborMap): Record<string, MemoryPoolStat> {
  const r = responseReader(body, "memory pool statistics");
  const pools = r.optChild("tasks") ?? r.optChild("mpools") ?? r;
  return pools.namedRecords(
    (p) => ({
      ...opt("blksize", p.optUint("blksiz") ?? p.optUint("blksize")),
      nblks: p.uint("nblks"),
      nfree: p.uint("nfree"),
      min: p.uint("min"),
    }),
    ["err", "rc"],
  );
}

export const osMpStat = defineCommand<EmptyBody, MemoryPoolResponse>({
  name: "os.mpstat",
  label: "memory pool statistics",
  group: SmpGroup.os,
  id: 3,
  op: "read",
  encode: () => ({}),
  decodeRequest: empty,
  decode: (body) => ({ pools: readPools(body) }),
});

export interface DateTimeResponse {
  /** ISO-8601-like local time, e.g. "2025-01-02T03:04:05" (fraction and offset depend on the build). */
  readonly datetime: string;
}

export const osDateTimeGet = defineCommand<EmptyBody, DateTimeResponse>({
  name: "os.datetime.get",
  label: "read date/time",
  group: SmpGroup.os,
  id: 4,
  op: "read",
  encode: () => ({}),
  decodeRequest: empty,
  decode: (body) => ({ datetime: responseReader(body, "read date/time").str("datetime") }),
});

export interface DateTimeSetRequest {
  readonly datetime: string;
}

export const osDateTimeSet = defineCommand<DateTimeSetRequest, EmptyBody>({
  name: "os.datetime.set",
  label: "set date/time",
  group: SmpGroup.os,
  id: 4,
  op: "write",
  encode: (req) => canonicalMap({ datetime: req.datetime }),
  decodeRequest: (body) => ({ datetime: requestReader(body, "set date/time").str("datetime") }),
  decode: empty,
});

export interface ResetRequest {
  /**
   * Ask the application to reset even if its reset hook would refuse. Zephyr decodes this as a CBOR bool and
   * silently ignores any other type, so it is always encoded as true/false.
   */
  readonly force?: boolean;
  /**
   * Boot mode for the next boot, 0–255, kept in Zephyr's retention area: 0 normal, 1 BOOT_MODE_TYPE_BOOTLOADER
   * (an MCUboot built with CONFIG_BOOT_SERIAL_BOOT_MODE stays in serial recovery). Read only by firmware built
   * with CONFIG_MCUMGR_GRP_OS_RESET_BOOT_MODE (Zephyr 4.2+); other firmware skips the key and resets normally,
   * answering success, so only what answers after the reset tells whether it was honoured.
   */
  readonly boot_mode?: number;
}

export const osReset = defineCommand<ResetRequest, EmptyBody>({
  name: "os.reset",
  label: "reset",
  group: SmpGroup.os,
  id: 5,
  op: "write",
  encode: (req) => canonicalMap({ force: req.force, boot_mode: req.boot_mode }),
  decodeRequest: (body) => {
    const r = requestReader(body, "reset");
    return { ...opt("force", r.optBool("force")), ...opt("boot_mode", r.optUint("boot_mode")) };
  },
  decode: empty,
});

export interface McumgrParamsResponse {
  /** Size of one SMP receive buffer on the device, header included. */
  readonly buf_size: number;
  /** How many such buffers the device has: the most requests worth keeping in flight. */
  readonly buf_count: number;
}

export const osMcumgrParams = defineCommand<EmptyBody, McumgrParamsResponse>({
  name: "os.mcumgr_params",
  label: "read MCUmgr parameters",
  group: SmpGroup.os,
  id: 6,
  op: "read",
  encode: () => ({}),
  decodeRequest: empty,
  decode: (body) => {
    const r = responseReader(body, "read MCUmgr parameters");
    return { buf_size: r.uint("buf_size"), buf_count: r.uint("buf_count") };
  },
});

export interface OsInfoRequest {
  /** uname-like letters: s kernel, n node, r release, v version, b build time, m machine, p processor,
   *  i board, o OS, a all. Absent means "s". */
  readonly format?: string;
}
export interface OsInfoResponse {
  readonly output: string;
}

export const osInfo = defineCommand<OsInfoRequest, OsInfoResponse>({
  name: "os.info",
  label: "read OS/application info",
  group: SmpGroup.os,
  id: 7,
  op: "read",
  encode: (req) => canonicalMap({ format: req.format }),
  decodeRequest: (body) => opt("format", requestReader(body, "read OS/application info").optStr("format")),
  decode: (body) => ({ output: responseReader(body, "read OS/application info").str("output") }),
});

export interface BootloaderInfoRequest {
  /** Absent: name the bootloader. "mode": MCUboot's upgrade mode. */
  readonly query?: string;
}
export interface BootloaderInfoResponse {
  /** Answer without a query, e.g. "MCUboot". */
  readonly bootloader?: string;
  /** Answer to query "mode": -1 unknown, 0 single slot, 1 swap with scratch, 2 overwrite only,
   *  3 swap without scratch (move), 4 direct-XIP, 5 direct-XIP with revert, 6 RAM load, ... */
  readonly mode?: number;
  /** MCUboot refuses downgrades (wire key "no-downgrade"). */
  readonly no_downgrade?: boolean;
}

export const osBootloaderInfo = defineCommand<BootloaderInfoRequest, BootloaderInfoResponse>({
  name: "os.bootloader_info",
  label: "read bootloader info",
  group: SmpGroup.os,
  id: 8,
  op: "read",
  encode: (req) => canonicalMap({ query: req.query }),
  decodeRequest: (body) => opt("query", requestReader(body, "read bootloader info").optStr("query")),
  decode: (body) => {
    const r = responseReader(body, "read bootloader info");
    // Zephyr puts the answer at top level; the Python smp package nests it under "response". Accept both.
    const answer = r.optChild("response") ?? r;
    return {
      ...opt("bootloader", r.optStr("bootloader")),
      ...opt("mode", answer.optInt("mode")),
      ...opt("no_downgrade", answer.optBool("no-downgrade") ?? answer.optBool("no_downgrade")),
    };
  },
});

export const OS_COMMANDS = [
  osEcho,
  osTaskStat,
  osMpStat,
  osDateTimeGet,
  osDateTimeSet,
  osReset,
  osMcumgrParams,
  osInfo,
  osBootloaderInfo,
] as const;

// Which management groups the device has: the enumeration group when it is built in (Zephyr "SMP group 10":
// count, list, details), otherwise probing each group with a harmless request — a missing group and a missing
// command both answer MGMT_ERR_ENOTSUP, any other answer (even an error) proves the group is there.

import {
  SmpDeviceError,
  SmpGroup,
  SmpResponseError,
  SmpTimeoutError,
  enumCount,
  enumDetails,
  enumList,
  enumSingle,
  fsStatus,
  groupLabel,
  imageStateRead,
  osEcho,
  osInfo,
  osMcumgrParams,
  settingsRead,
  shellExec,
  statsList,
  type SmpClient,
} from "../smp/index.js";
import {
  type ToolRequestOptions,
  isNotSupported,
  requestOptions,
  unlessNotSupported,
} from "./device-support.js";

export interface GroupInfo {
  readonly id: number;
  /** The device's name for it ("fs mgmt"), or ours when it gave none ("file-system group"). */
  readonly name: string;
  /** Command handlers in the group, when the device said. */
  readonly handlers?: number;
}

export interface GroupEnumeration {
  readonly count: number;
  /** In the device's registration order. */
  readonly groups: readonly GroupInfo[];
  /** Which enumeration command gave the list. */
  readonly via: "details" | "list" | "single";
}

/** The device's own list of groups, or undefined when it has no enumeration group. */
export async function enumerateGroups(
  client: SmpClient,
  options: ToolRequestOptions = {},
): Promise<GroupEnumeration | undefined> {
  const opts = requestOptions(options);
  const counted = await unlessNotSupported(() => client.request(enumCount, {}, opts));
  if (counted === undefined) return undefined;
  const details = await unlessNotSupported(() => client.request(enumDetails, {}, opts));
  if (details !== undefined) {
    const groups = details.groups.map((g) => ({
      id: g.group,
      name: g.name ?? groupLabel(g.group),
      ...(g.handlers !== undefined ? { handlers: g.handlers } : {}),
    }));
    return { count: counted.count, groups, via: "details" };
  }
  const list = await unlessNotSupported(() => client.request(enumList, {}, opts));
  if (list !== undefined) {
    return {
      count: counted.count,
      groups: list.groups.map((id) => ({ id, name: groupLabel(id) })),
      via: "list",
    };
  }
  const groups: GroupInfo[] = [];
  for (let index = 0; index < counted.count; index++) {
    const one = await client.request(enumSingle, { index }, opts);
    groups.push({ id: one.group, name: groupLabel(one.group) });
    if (one.end === true) break;
  }
  return { count: counted.count, groups, via: "single" };
}

export interface SupportedGroups {
  /** Group ids (SmpGroup values). */
  readonly groups: readonly number[];
  /** "enumeration": the device listed them; "probing": found by asking each group (Zephyr basic is never probed). */
  readonly source: "enumeration" | "probing";
}

/** A probe that cannot change anything on the device. */
type Probe = (client: SmpClient, opts: { signal?: AbortSignal; timeoutMs: number }) => Promise<unknown>;

const PROBES: readonly (readonly [number, readonly Probe[]])[] = [
  [
    SmpGroup.os,
    [
      (c, o) => c.request(osMcumgrParams, {}, o),
      (c, o) => c.request(osEcho, { d: "" }, o),
      (c, o) => c.request(osInfo, {}, o),
    ],
  ],
  [SmpGroup.image, [(c, o) => c.request(imageStateRead, {}, o)]],
  [SmpGroup.stats, [(c, o) => c.request(statsList, {}, o)]],
  [SmpGroup.settings, [(c, o) => c.request(settingsRead, { name: "mcuflash/probe" }, o)]],
  [SmpGroup.fs, [(c, o) => c.request(fsStatus, { name: "/" }, o)]],
  [SmpGroup.shell, [(c, o) => c.request(shellExec, { argv: [] }, o)]],
];

/** Time each probe may take: a device that does not answer a group is treated as not having it. */
export const PROBE_TIMEOUT_MS = 2_000;

/**
 * The groups the device supports, for hiding what it cannot do: the enumeration list when the device has one,
 * else the result of probing os, image, statistics, settings, file system and shell one by one.
 */
export async function supportedGroups(
  client: SmpClient,
  options: ToolRequestOptions = {},
): Promise<SupportedGroups> {
  const listed = await unlessNotSupported(() => client.request(enumList, {}, requestOptions(options)));
  if (listed !== undefined) return { groups: [...listed.groups], source: "enumeration" };
  const opts = {
    timeoutMs: options.timeoutMs ?? PROBE_TIMEOUT_MS,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  };
  const groups: number[] = [];
  for (const [group, probes] of PROBES) {
    for (const probe of probes) {
      if (await answers(() => probe(client, opts))) {
        groups.push(group);
        break;
      }
    }
  }
  return { groups, source: "probing" };
}

async function answers(probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (error) {
    if (isNotSupported(error) || error instanceof SmpTimeoutError) return false;
    // Any other answer, even an error or a malformed body, came from the group's handler.
    if (error instanceof SmpDeviceError || error instanceof SmpResponseError) return true;
    throw error;
  }
}

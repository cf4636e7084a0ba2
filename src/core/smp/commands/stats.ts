// Statistics management group (2): Zephyr "SMP group 2" page and stat_mgmt.c.

import { type EmptyBody, SmpGroup, defineCommand } from "../command.js";
import { canonicalMap, requestReader, responseReader } from "../validate.js";

export interface StatsReadRequest {
  /** Statistics group name, as listed by stats.list. */
  readonly name: string;
}
export interface StatsReadResponse {
  readonly name: string;
  /** Counter name → value. Values past 2^53 lose precision; these are display counters. */
  readonly fields: Readonly<Record<string, number>>;
}

export const statsRead = defineCommand<StatsReadRequest, StatsReadResponse>({
  name: "stats.read",
  label: "read statistics",
  group: SmpGroup.stats,
  id: 0,
  op: "read",
  encode: (req) => canonicalMap({ name: req.name }),
  decodeRequest: (body) => ({ name: requestReader(body, "read statistics").str("name") }),
  decode: (body) => {
    const r = responseReader(body, "read statistics");
    return { name: r.str("name"), fields: r.child("fields").uintValues() };
  },
});

export interface StatsListResponse {
  readonly stat_list: readonly string[];
}

export const statsList = defineCommand<EmptyBody, StatsListResponse>({
  name: "stats.list",
  label: "list statistics groups",
  group: SmpGroup.stats,
  id: 1,
  op: "read",
  encode: () => ({}),
  decodeRequest: () => ({}),
  decode: (body) => ({ stat_list: responseReader(body, "list statistics groups").strArray("stat_list") }),
});

export const STATS_COMMANDS = [statsRead, statsList] as const;

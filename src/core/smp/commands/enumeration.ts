// Enumeration management group (10): Zephyr "SMP group 10" page and enum_mgmt.c: which groups a device has.

import { type EmptyBody, SmpGroup, defineCommand } from "../command.js";
import { canonicalMap, opt, requestReader, responseReader } from "../validate.js";

export interface EnumCountResponse {
  readonly count: number;
}

export const enumCount = defineCommand<EmptyBody, EnumCountResponse>({
  name: "enum.count",
  label: "count groups",
  group: SmpGroup.enumeration,
  id: 0,
  op: "read",
  encode: () => ({}),
  decodeRequest: () => ({}),
  decode: (body) => ({ count: responseReader(body, "count groups").uint("count") }),
});

export interface EnumListResponse {
  readonly groups: readonly number[];
}

export const enumList = defineCommand<EmptyBody, EnumListResponse>({
  name: "enum.list",
  label: "list groups",
  group: SmpGroup.enumeration,
  id: 1,
  op: "read",
  encode: () => ({}),
  decodeRequest: () => ({}),
  decode: (body) => ({ groups: responseReader(body, "list groups").uintArray("groups") }),
});

export interface EnumSingleRequest {
  /** Position in the device's group list; absent means 0. */
  readonly index?: number;
}
export interface EnumSingleResponse {
  readonly group: number;
  /** True on the last group. */
  readonly end?: boolean;
}

export const enumSingle = defineCommand<EnumSingleRequest, EnumSingleResponse>({
  name: "enum.single",
  label: "read one group id",
  group: SmpGroup.enumeration,
  id: 2,
  op: "read",
  encode: (req) => canonicalMap({ index: req.index }),
  decodeRequest: (body) => opt("index", requestReader(body, "read one group id").optUint("index")),
  decode: (body) => {
    const r = responseReader(body, "read one group id");
    return { group: r.uint("group"), ...opt("end", r.optBool("end")) };
  },
});

export interface EnumDetailsRequest {
  /** Only these groups; absent means all. */
  readonly groups?: readonly number[];
}
export interface GroupDetails {
  readonly group: number;
  readonly name?: string;
  /** Number of command handlers in the group. */
  readonly handlers?: number;
}
export interface EnumDetailsResponse {
  readonly groups: readonly GroupDetails[];
}

export const enumDetails = defineCommand<EnumDetailsRequest, EnumDetailsResponse>({
  name: "enum.details",
  label: "read group details",
  group: SmpGroup.enumeration,
  id: 3,
  op: "read",
  encode: (req) => canonicalMap({ groups: req.groups === undefined ? undefined : [...req.groups] }),
  decodeRequest: (body) => {
    const r = requestReader(body, "read group details");
    return opt("groups", r.has("groups") ? r.uintArray("groups") : undefined);
  },
  decode: (body) => ({
    groups: responseReader(body, "read group details").records("groups", (g) => ({
      group: g.uint("group"),
      ...opt("name", g.optStr("name")),
      ...opt("handlers", g.optUint("handlers")),
    })),
  }),
});

export const ENUM_COMMANDS = [enumCount, enumList, enumSingle, enumDetails] as const;

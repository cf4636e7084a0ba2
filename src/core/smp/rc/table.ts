// The shape of an rc table: each code's stable name (as Zephyr's enums spell it, without the group prefix), a
// short meaning that completes "the device reports '...'", and what a technician can do about it.

export interface RcEntry {
  readonly rc: number;
  readonly name: string;
  readonly meaning: string;
  readonly hint?: string;
}

export type RcTable = ReadonlyMap<number, RcEntry>;

export function rcTable(entries: readonly RcEntry[]): RcTable {
  return new Map(entries.map((e) => [e.rc, e]));
}

/** Retry advice shared by the "unknown error" rows of every group. */
export const RETRY_THEN_RESET = "Retry once; if it happens again, reset the device and read its log output.";

// What a simulated management group is: Zephyr's `struct mgmt_group` (an id, a name for enum details, and a
// table of read/write handlers indexed by command id) and what a handler gets to work with.

import type { RMap } from "./cbor-writer.js";
import type { RequestBody } from "./request-fields.js";

/** How a request reached the device; it decides the largest packet the transport accepts. */
export type LinkKind = "serial" | "ble" | "udp";

export interface HandlerContext {
  /** Header version bits: 0 for SMP v1, 1 for v2. */
  readonly version: number;
  readonly group: number;
  readonly id: number;
  readonly sequence: number;
  readonly body: RequestBody;
  /** The response map the handler fills in (keys in the order Zephyr writes them). */
  readonly rsp: RMap;
  readonly via: LinkKind;
  /** Zephyr's smp_add_cmd_err: `err {group, rc}` for v2; a v1 request gets the translated `rc` instead. */
  addError(group: number, rc: number): void;
  /** Simulated time this request keeps the device busy (flash erase/write), in ms. */
  spend(ms: number): void;
  /** Runs once the response has gone out (e.g. the reset a reset command schedules). */
  afterResponse(action: () => void): void;
}

/** Returns an MGMT_ERR code: 0 to send `rsp`, anything else to answer `{rc}` instead. */
export type Handler = (ctx: HandlerContext) => number | Promise<number>;

export interface HandlerPair {
  readonly read?: Handler;
  readonly write?: Handler;
}

export interface SimGroup {
  readonly id: number;
  /** The name enum details reports, e.g. "os mgmt". */
  readonly name: string;
  /**
   * Indexed by command id. Like Zephyr's designated-initialiser arrays, the length (reported by enum details
   * as "handlers") runs to the highest command compiled in, gaps included.
   */
  readonly handlers: readonly (HandlerPair | undefined)[];
}

/** Builds a handler table from [command id, handlers] pairs. */
export function handlerTable(
  entries: readonly (readonly [number, HandlerPair] | false)[],
): (HandlerPair | undefined)[] {
  const table: (HandlerPair | undefined)[] = [];
  for (const entry of entries) {
    if (!entry) continue;
    const [id, pair] = entry;
    while (table.length <= id) table.push(undefined);
    table[id] = pair;
  }
  return table;
}

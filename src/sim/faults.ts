// Fault injection for a simulated link, reproducible from a seed: packets dropped, duplicated, corrupted or
// held up, the link lost, the device reset in the middle of an upload, or a request answered with an SMP error
// (busy, no memory, bad state) instead of being processed. Rates are per packet; scripted faults hit exact
// packets. Every decision draws the same number of random values, so one seed always gives the same run.

import { Prng } from "./prng.js";
import { badOption } from "./errors.js";
import type { Direction } from "./link-model.js";

export interface FaultRates {
  /** Probability a packet vanishes. */
  readonly drop?: number;
  /** Probability a packet arrives twice. */
  readonly duplicate?: number;
  /**
   * Probability one bit of the packet is flipped. The packet is delivered as if it had got past the link's CRC
   * (to exercise decoders); set `corruptAsDrop` for a link whose CRC would discard it instead.
   */
  readonly corrupt?: number;
  /** Probability the link stalls before this packet, for up to `delayMaxMs`. */
  readonly delay?: number;
  readonly delayMaxMs?: number;
  /** Probability the link is lost at this packet (the packet is lost with it). */
  readonly disconnect?: number;
}

export interface RequestFaultRates extends FaultRates {
  /** Probability a request is answered with an SMP error `rc` instead of being processed. */
  readonly rcError?: number;
  /** Which `rc` values to answer with; default busy (10), no memory (2), bad state (6). */
  readonly rcCodes?: readonly number[];
  /** Probability an image upload request resets the device once it is processed (its answer is lost). */
  readonly resetDuringUpload?: number;
}

export type FaultAction =
  | { readonly kind: "drop" }
  | { readonly kind: "duplicate" }
  | { readonly kind: "corrupt" }
  | { readonly kind: "delay"; readonly ms: number }
  | { readonly kind: "disconnect" }
  | { readonly kind: "rc"; readonly rc: number }
  | { readonly kind: "reset" };

export interface ScriptedFault {
  readonly direction: Direction;
  /** 0-based index of the packet in that direction on this link. */
  readonly index: number;
  readonly action: FaultAction;
}

export interface FaultPlan {
  readonly seed: number;
  readonly requests?: RequestFaultRates;
  readonly responses?: FaultRates;
  readonly script?: readonly ScriptedFault[];
  /** Leave the first packets of each direction alone (e.g. the connection handshake). */
  readonly skipFirst?: number;
  /** Stop injecting random faults after this many. */
  readonly maxFaults?: number;
  /** Discard corrupted packets instead of delivering them (a link with a working CRC). */
  readonly corruptAsDrop?: boolean;
}

export interface PacketInfo {
  readonly direction: Direction;
  readonly length: number;
  /** Image upload request (group 1, command 1, write). */
  readonly isUpload: boolean;
}

export interface FaultRecord {
  readonly direction: Direction;
  readonly index: number;
  readonly at: number;
  readonly action: FaultAction;
}

const DEFAULT_RC_CODES: readonly number[] = [10, 2, 6];

function checkRates(rates: RequestFaultRates | undefined, where: string): void {
  if (!rates) return;
  for (const [key, value] of Object.entries(rates)) {
    if (typeof value !== "number" || key === "delayMaxMs") continue;
    if (value < 0 || value > 1) throw badOption("fault-rate", { option: `${where}.${key}` });
  }
}

export class FaultInjector {
  private readonly prng: Prng;
  private readonly counts: Record<Direction, number> = { request: 0, response: 0 };
  private injected = 0;
  readonly log: FaultRecord[] = [];

  constructor(private readonly plan: FaultPlan) {
    checkRates(plan.requests, "requests");
    checkRates(plan.responses, "responses");
    this.prng = new Prng(plan.seed);
  }

  get corruptAsDrop(): boolean {
    return this.plan.corruptAsDrop ?? false;
  }

  /** The faults for the next packet in `info.direction` (in the order they apply). */
  next(info: PacketInfo, now: number): FaultAction[] {
    const index = this.counts[info.direction]++;
    const scripted = (this.plan.script ?? [])
      .filter((s) => s.direction === info.direction && s.index === index)
      .map((s) => s.action);
    const random = this.randomFaults(info, index);
    const actions = [...scripted, ...random];
    for (const action of actions) this.log.push({ direction: info.direction, index, at: now, action });
    return actions;
  }

  /** Flips one bit of a copy of `packet`. */
  corrupt(packet: Uint8Array): Uint8Array {
    const out = packet.slice();
    if (out.length === 0) return out;
    const at = this.prng.int(0, out.length - 1);
    out[at] = out[at]! ^ (1 << this.prng.int(0, 7));
    return out;
  }

  private randomFaults(info: PacketInfo, index: number): FaultAction[] {
    const rates: RequestFaultRates | undefined =
      info.direction === "request" ? this.plan.requests : this.plan.responses;
    // Always draw the same amount so that one packet's fault never shifts the next packet's dice.
    const r = Array.from({ length: 8 }, () => this.prng.next());
    if (!rates || index < (this.plan.skipFirst ?? 0)) return [];
    if (this.plan.maxFaults !== undefined && this.injected >= this.plan.maxFaults) return [];
    const out: FaultAction[] = [];
    if (r[0]! < (rates.disconnect ?? 0)) out.push({ kind: "disconnect" });
    else if (r[1]! < (rates.drop ?? 0)) out.push({ kind: "drop" });
    else {
      if (r[2]! < (rates.delay ?? 0)) {
        out.push({ kind: "delay", ms: Math.round(r[3]! * (rates.delayMaxMs ?? 200)) });
      }
      if (r[4]! < (rates.corrupt ?? 0)) out.push({ kind: "corrupt" });
      if (r[5]! < (rates.duplicate ?? 0)) out.push({ kind: "duplicate" });
      if (info.direction === "request") {
        const codes = rates.rcCodes ?? DEFAULT_RC_CODES;
        if (r[6]! < (rates.rcError ?? 0) && codes.length > 0) {
          out.push({ kind: "rc", rc: codes[Math.floor(r[7]! * codes.length)] ?? codes[0]! });
        } else if (info.isUpload && r[7]! < (rates.resetDuringUpload ?? 0)) {
          out.push({ kind: "reset" });
        }
      }
    }
    this.injected += out.length;
    return out;
  }
}

// The options, events and counters of SmpClient (client.ts).

import type { SmpProtocolVersion } from "./command.js";
import type { SmpHeader } from "./header.js";

export interface SmpClientOptions {
  /** Version of the first requests (default 2). */
  readonly version?: SmpProtocolVersion;
  /** Adapt to the device's version as described above (default true). */
  readonly autoVersion?: boolean;
  /** Per-request timeout when the request gives none (default 5 s). Infinity: wait forever. */
  readonly defaultTimeoutMs?: number;
  /** First sequence number (default 0); tests use it to exercise wrapping. */
  readonly firstSequence?: number;
  /**
   * Runs `fn` after `ms` and returns a cancel function; the standard timers by default. Simulations on virtual
   * time pass their clock's scheduler so request timeouts follow simulated time.
   */
  readonly schedule?: (ms: number, fn: () => void) => () => void;
}

export interface SmpRequestOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** Why a received packet was not delivered to any request. */
export type IgnoredReason =
  /** Not a decodable SMP packet, and not attributable to a pending request. */
  | "malformed"
  /** A request, not a response (e.g. an echo of our own traffic). */
  | "not-a-response"
  /** No request is waiting on this sequence number. */
  | "unknown-sequence"
  /** The answer to a request that already timed out or was cancelled. */
  | "late"
  /** The sequence is pending but group, command or op differ: a stale answer from an earlier exchange. */
  | "mismatched";

export interface IgnoredPacket {
  readonly reason: IgnoredReason;
  readonly packet: Uint8Array;
  readonly header?: SmpHeader;
  readonly error?: unknown;
}

export interface SmpClientStats {
  readonly sent: number;
  readonly answered: number;
  readonly timedOut: number;
  readonly ignored: number;
}

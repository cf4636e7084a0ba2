// How long to wait for the answer to an upload chunk before taking it as lost: a retransmission timeout (RTO)
// computed from measured round trips, as TCP does (RFC 6298: smoothed RTT plus four times its variation),
// clamped between a floor and the fixed chunk timeout, and doubled after each timeout until an answer comes.
// A fixed 5 s timeout made each lost request on a serial link cost a hundred round trips; this costs a few.
//
// Every answer is matched to its own request by sequence number (a retry is a new request), so every sample is
// unambiguous and Karn's rule has nothing to exclude.

export interface RetransmissionTimerOptions {
  /** Never wait less than this, ms: leaves room for a flash write or a scheduling hiccup on the device. */
  readonly floorMs?: number;
  /** Never wait more than this, ms (the fixed chunk timeout). */
  readonly ceilingMs?: number;
  /** Before the first sample, ms. */
  readonly initialMs?: number;
}

export const DEFAULT_RTO_FLOOR_MS = 100;
export const DEFAULT_RTO_INITIAL_MS = 1_000;
/** RFC 6298's clock granularity term: the variance term never counts for less than this, ms. */
const GRANULARITY_MS = 10;

export class RetransmissionTimer {
  private smoothed: number | undefined;
  private variation = 0;
  private backoffFactor = 1;
  private readonly floorMs: number;
  private readonly ceilingMs: number;
  private readonly initialMs: number;

  constructor(options: RetransmissionTimerOptions = {}) {
    this.floorMs = options.floorMs ?? DEFAULT_RTO_FLOOR_MS;
    this.ceilingMs = Math.max(this.floorMs, options.ceilingMs ?? 5_000);
    this.initialMs = options.initialMs ?? DEFAULT_RTO_INITIAL_MS;
  }

  /** The smoothed round trip, ms; undefined before the first answer. */
  get smoothedRttMs(): number | undefined {
    return this.smoothed;
  }

  /** The timeout for the next ordinary request, ms. */
  get timeoutMs(): number {
    const base =
      this.smoothed === undefined
        ? this.initialMs
        : this.smoothed + Math.max(GRANULARITY_MS, 4 * this.variation);
    return Math.min(this.ceilingMs, Math.max(this.floorMs, base) * this.backoffFactor);
  }

  /** One request's measured round trip, ms. An answer also ends any backoff. */
  sample(rttMs: number): void {
    if (!Number.isFinite(rttMs) || rttMs < 0) return;
    if (this.smoothed === undefined) {
      this.smoothed = rttMs;
      this.variation = rttMs / 2;
    } else {
      this.variation = 0.75 * this.variation + 0.25 * Math.abs(this.smoothed - rttMs);
      this.smoothed = 0.875 * this.smoothed + 0.125 * rttMs;
    }
    this.backoffFactor = 1;
  }

  /** A request timed out: wait twice as long next time (up to the ceiling), as the link may just be slow. */
  backoff(): void {
    if (this.timeoutMs < this.ceilingMs) this.backoffFactor *= 2;
  }
}

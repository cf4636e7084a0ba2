// SMP sequence numbers (one byte, wrapping): never hand out one still in flight, and keep the numbers of
// requests we gave up on (timeout, cancel) out of use as long as others are free, so a late answer to an
// abandoned request cannot be taken for the answer to a new one.

export const SEQUENCE_COUNT = 256;

export class SequencePool {
  private next: number;
  private readonly inFlight = new Set<number>();
  /** Abandoned sequence → order of abandonment (oldest reused first when nothing else is free). */
  private readonly abandoned = new Map<number, number>();
  private abandonCount = 0;

  constructor(first = 0) {
    this.next = first & 0xff;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** A free sequence number, or undefined when all 256 are in flight. */
  take(): number | undefined {
    for (let i = 0; i < SEQUENCE_COUNT; i++) {
      const s = (this.next + i) & 0xff;
      if (!this.inFlight.has(s) && !this.abandoned.has(s)) return this.claim(s);
    }
    let oldest: number | undefined;
    let oldestOrder = Infinity;
    for (const [s, order] of this.abandoned) {
      if (!this.inFlight.has(s) && order < oldestOrder) {
        oldest = s;
        oldestOrder = order;
      }
    }
    if (oldest === undefined) return undefined;
    this.abandoned.delete(oldest);
    return this.claim(oldest);
  }

  /** The request was answered: the number is free again. */
  release(sequence: number): void {
    this.inFlight.delete(sequence);
  }

  /** We stopped waiting, but the device may still answer: free, yet reused only when nothing else is. */
  abandon(sequence: number): void {
    this.inFlight.delete(sequence);
    this.abandoned.set(sequence, this.abandonCount++);
  }

  wasAbandoned(sequence: number): boolean {
    return this.abandoned.has(sequence);
  }

  /** The late answer arrived, so nothing more is expected on this number. */
  settleAbandoned(sequence: number): void {
    this.abandoned.delete(sequence);
  }

  private claim(s: number): number {
    this.inFlight.add(s);
    this.next = (s + 1) & 0xff;
    return s;
  }
}

// A small seeded pseudo-random generator (32-bit state, "mulberry32" mixing) so that fault injection and
// simulated jitter repeat exactly for a given seed. Not for anything security-related.

export class Prng {
  private state: number;

  constructor(seed: number) {
    // Fold any number (including non-integers and large seeds) into 32 bits.
    this.state = Math.floor(Math.abs(seed) * 2654435761 + seed) >>> 0;
  }

  /** Next value in [0, 2^32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Next value in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** True with probability `p` (always draws one value, so the sequence does not depend on `p`). */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}

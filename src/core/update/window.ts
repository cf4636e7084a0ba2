// How many upload requests may be in flight: grows by one after a run of clean acknowledgements and halves on
// a timeout or a lost chunk (additive increase, multiplicative decrease), never beyond what the device can
// buffer.
//
// It also remembers where trouble happened. A device that reports buf_count 4 may still lose a request that
// arrives while it writes flash (a UART whose CPU stalls during the write, a busy radio); growing straight
// back to the size that failed would cost a chunk timeout again and again. So after trouble at size w the
// window stays below w, and tries w again only after a run of clean acknowledgements that doubles with each
// failed try: a few timeouts per upload at most, yet a single radio glitch does not slow it for good.

/** Clean acknowledgements at the ceiling before the first try of one more request in flight. */
const FIRST_PROBE_AFTER = 64;
const MAX_PROBE_AFTER = 4096;

export class InFlightWindow {
  private current: number;
  private ceiling: number;
  private cleanStreak = 0;
  private cleanAtCeiling = 0;
  private probeAfter = FIRST_PROBE_AFTER;

  constructor(
    /** Hard ceiling: the device's buffer count allows no more. */
    readonly max: number,
    initial = Math.min(2, max),
    /** Clean acknowledgements needed before growing by one. */
    private readonly growAfter = 4,
  ) {
    this.max = Math.max(1, max);
    this.ceiling = this.max;
    this.current = Math.max(1, Math.min(initial, this.max));
  }

  get size(): number {
    return this.current;
  }

  /** The largest size the window will grow to before its next probe. */
  get limit(): number {
    return this.ceiling;
  }

  onSuccess(): void {
    this.cleanStreak += 1;
    if (this.current < this.ceiling) {
      if (this.cleanStreak >= this.growAfter) {
        this.current += 1;
        this.cleanStreak = 0;
      }
      return;
    }
    if (this.ceiling < this.max && ++this.cleanAtCeiling >= this.probeAfter) {
      this.ceiling += 1;
      this.cleanAtCeiling = 0;
      this.cleanStreak = 0;
    }
  }

  onTrouble(): void {
    if (this.current > 1) {
      this.ceiling = this.current - 1;
      this.probeAfter = Math.min(this.probeAfter * 2, MAX_PROBE_AFTER);
    }
    this.cleanStreak = 0;
    this.cleanAtCeiling = 0;
    this.current = Math.max(1, Math.floor(this.current / 2));
  }
}

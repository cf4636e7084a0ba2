// How many upload requests may be in flight: grows by one after a run of clean acknowledgements and halves on
// a timeout or a lost chunk (additive increase, multiplicative decrease), never beyond what the device can
// buffer.

export class InFlightWindow {
  private current: number;
  private cleanStreak = 0;

  constructor(
    /** Hard ceiling: the device's buffer count allows no more. */
    readonly max: number,
    initial = Math.min(2, max),
    /** Clean acknowledgements needed before growing by one. */
    private readonly growAfter = 4,
  ) {
    this.current = Math.max(1, Math.min(initial, max));
  }

  get size(): number {
    return this.current;
  }

  onSuccess(): void {
    this.cleanStreak += 1;
    if (this.cleanStreak >= this.growAfter && this.current < this.max) {
      this.current += 1;
      this.cleanStreak = 0;
    }
  }

  onTrouble(): void {
    this.cleanStreak = 0;
    this.current = Math.max(1, Math.floor(this.current / 2));
  }
}

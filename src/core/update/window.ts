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
/** A limit remembered from an earlier run was paid for with a loss: probe past it only rarely. */
const REMEMBERED_PROBE_AFTER = 1024;

export interface InFlightWindowOptions {
  /** Requests in flight at the start (default: 2, or fewer if the device allows fewer). */
  readonly initial?: number;
  /** Clean acknowledgements needed before growing by one (default 4). */
  readonly growAfter?: number;
  /** A limit learnt earlier (see `limit`): the window grows to it without trouble but probes past it rarely. */
  readonly rememberedLimit?: number;
}

export class InFlightWindow {
  private current: number;
  private ceiling: number;
  private cleanStreak = 0;
  private cleanAtCeiling = 0;
  private probeAfter = FIRST_PROBE_AFTER;
  private readonly growAfter: number;

  constructor(
    /** Hard ceiling: the device's buffer count allows no more. */
    readonly max: number,
    options: InFlightWindowOptions = {},
  ) {
    this.max = Math.max(1, Math.floor(max));
    this.growAfter = Math.max(1, options.growAfter ?? 4);
    const remembered = options.rememberedLimit;
    if (remembered !== undefined && Number.isSafeInteger(remembered) && remembered >= 1) {
      this.ceiling = Math.min(this.max, remembered);
      if (this.ceiling < this.max) this.probeAfter = REMEMBERED_PROBE_AFTER;
    } else {
      this.ceiling = this.max;
    }
    const initial = options.initial ?? 2;
    this.current = Math.max(1, Math.min(initial, this.ceiling));
  }

  /**
   * The window for a link whose request path may be shallower than the device's buf_count says: a serial
   * console's line buffers (Zephyr's CONFIG_UART_MCUMGR_RX_BUF_COUNT, 2 by default) overflow while the device
   * writes flash, and nothing reports how many there are. So it starts with one request in flight and grows
   * only while every request is answered; a loss drops it back and sets the limit.
   */
  static earned(max: number, rememberedLimit?: number): InFlightWindow {
    return new InFlightWindow(max, {
      initial: 1,
      growAfter: 4,
      ...(rememberedLimit !== undefined ? { rememberedLimit } : {}),
    });
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

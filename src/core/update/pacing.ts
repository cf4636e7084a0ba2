// How many upload requests to keep in flight, and how large, per kind of link.
//
// Bluetooth and UDP ("device" pacing): the device's buf_count decides; the window starts at two and grows
// (window.ts).
//
// A serial console ("console" pacing) must earn it. Zephyr's UART transport holds incoming lines in a few
// buffers (CONFIG_UART_MCUMGR_RX_BUF_COUNT, 2 by default, one console line of at most 127 bytes each) that are
// only decoded when the device is not busy writing flash; a request that arrives while the previous one is
// written loses the lines that find no buffer, and nothing reports how many there are. So:
// 1. start with one full-size request in flight and grow only while every request is answered;
// 2. when a second full-size request in flight loses lines, try two in flight again with requests short enough
//    to wait whole in two line buffers (Zephyr's default), and keep that only if it moves more bytes per second
//    than one full-size request at a time (and does not lose either);
// 3. otherwise go back to one full-size request at a time: never slower than stop-and-wait.
// What was learnt is a PacingProfile, remembered per device so the next run does not pay for it again.

import { serialPacketLimitForLines } from "../framing/index.js";
import { InFlightWindow } from "./window.js";

export interface PacingProfile {
  /** Full-size requests the device took in flight without a loss. */
  readonly windowLimit: number;
  /**
   * Console lines a request may span when two are in flight (short requests): a number when that worked and
   * paid, 0 when it lost or did not pay, absent when never tried.
   */
  readonly pipelinedLines?: number;
}

export interface Pacing {
  /** Requests allowed in flight now. */
  readonly window: number;
  /** The packet limit for the next chunks, given what the device and the link allow. */
  packetLimit(fullLimit: number): number;
  /** An in-order acknowledgement of `bytes` new bytes at time `at` (ms). */
  onAck(bytes: number, at: number): void;
  /** A request was lost (timed out, or the device skipped past it). */
  onLoss(): void;
  /** What to remember about this device. */
  readonly profile: PacingProfile;
}

/** Bluetooth and UDP: a window sized from buf_count (see window.ts). */
export class DevicePacing implements Pacing {
  private readonly inFlight: InFlightWindow;

  constructor(max: number, remembered?: PacingProfile) {
    this.inFlight = new InFlightWindow(max, remembered ? { rememberedLimit: remembered.windowLimit } : {});
  }

  get window(): number {
    return this.inFlight.size;
  }

  packetLimit(fullLimit: number): number {
    return fullLimit;
  }

  onAck(): void {
    this.inFlight.onSuccess();
  }

  onLoss(): void {
    this.inFlight.onTrouble();
  }

  get profile(): PacingProfile {
    return { windowLimit: this.inFlight.limit };
  }
}

/** Zephyr's default number of console line buffers: what a short pipelined request must fit in. */
const DEFAULT_CONSOLE_LINES = 2;
/** Clean acknowledgements over which a configuration's rate is measured before it is compared. */
const RATE_SAMPLE_ACKS = 24;
/** Short requests must beat one full request at a time by this much to be kept. */
const SHORT_MUST_GAIN = 1.05;

/** Bytes per ms over the last acknowledgements of one configuration. */
class RateMeter {
  private first: number | undefined;
  private last = 0;
  private bytes = 0;
  private acks = 0;

  add(bytes: number, at: number): void {
    if (this.first === undefined) {
      this.first = at; // The first ack only starts the clock.
      return;
    }
    this.last = at;
    this.bytes += bytes;
    this.acks += 1;
  }

  get samples(): number {
    return this.acks;
  }

  get rate(): number | undefined {
    if (this.first === undefined || this.acks === 0 || this.last <= this.first) return undefined;
    return this.bytes / (this.last - this.first);
  }
}

export class ConsolePacing implements Pacing {
  private full: InFlightWindow;
  /** Two in flight with short requests, while that is being tried or after it paid. */
  private short: InFlightWindow | undefined;
  private pipelinedLines: number | undefined;
  private singleRate: number | undefined;
  private meter = new RateMeter();
  private meterWindow = 0;

  constructor(max: number, remembered?: PacingProfile) {
    this.full = InFlightWindow.earned(max, remembered?.windowLimit);
    this.pipelinedLines = remembered?.pipelinedLines;
    if (remembered?.windowLimit === 1 && (this.pipelinedLines ?? 0) > 0 && max >= 2) {
      this.short = InFlightWindow.earned(2);
    }
  }

  get window(): number {
    return (this.short ?? this.full).size;
  }

  packetLimit(fullLimit: number): number {
    if (this.short === undefined || this.short.size < 2) return fullLimit;
    const lines = this.pipelinedLines ?? DEFAULT_CONSOLE_LINES;
    return Math.min(fullLimit, serialPacketLimitForLines(Math.max(1, lines)));
  }

  onAck(bytes: number, at: number): void {
    // The ack is measured under the window it was sent with, before that window grows.
    if (this.meterWindow !== this.window) {
      this.meterWindow = this.window;
      this.meter = new RateMeter();
    }
    this.meter.add(bytes, at);
    // One full-size request at a time (at the start, and again while a short trial begins): the baseline.
    if (this.window === 1 && this.meter.samples >= 3) this.singleRate = this.meter.rate;
    if (this.short !== undefined && this.pipelinedLines === undefined) this.judgeShortTrial();
    (this.short ?? this.full).onSuccess();
  }

  onLoss(): void {
    // The time spent waiting for the lost request belongs to no configuration's rate: measure afresh.
    this.meterWindow = 0;
    if (this.short !== undefined) {
      // Short requests lost lines too: this console takes one request at a time.
      this.short = undefined;
      this.pipelinedLines = 0;
      this.full = InFlightWindow.earned(this.full.max, 1);
      return;
    }
    const lostAt = this.full.size;
    this.full.onTrouble();
    // Only when a second full-size request is already too many do short ones get a try.
    if (lostAt === 2 && this.pipelinedLines === undefined) {
      this.short = InFlightWindow.earned(2);
    }
  }

  get profile(): PacingProfile {
    return {
      windowLimit: this.full.limit,
      ...(this.pipelinedLines !== undefined ? { pipelinedLines: this.pipelinedLines } : {}),
    };
  }

  /** After enough clean acks at two short requests in flight: keep them only if they are faster. */
  private judgeShortTrial(): void {
    if (this.short === undefined || this.short.size < 2 || this.meter.samples < RATE_SAMPLE_ACKS) return;
    const shortRate = this.meter.rate ?? 0;
    if (this.singleRate === undefined || shortRate > this.singleRate * SHORT_MUST_GAIN) {
      this.pipelinedLines = DEFAULT_CONSOLE_LINES;
    } else {
      this.pipelinedLines = 0;
      this.short = undefined;
    }
  }
}

// Upload progress as the user sees it: bytes the device has acknowledged, the rate over a sliding window
// (so a stall shows at once instead of being averaged away), and an ETA from that rate.

export interface UploadProgress {
  /** Bytes the device has acknowledged (its reported `off`). */
  readonly bytes: number;
  readonly total: number;
  /** Bytes per second over the last few seconds; 0 until there are two samples. */
  readonly bytesPerSecond: number;
  /** Seconds left at the current rate; undefined while the rate is unknown. */
  readonly etaSeconds: number | undefined;
  /** Milliseconds since the upload started. */
  readonly elapsedMs: number;
  /** Where this run started: bytes the device already had from an earlier, interrupted run (0 when fresh). */
  readonly resumedFrom?: number;
}

interface Sample {
  readonly atMs: number;
  readonly bytes: number;
}

export class ProgressTracker {
  private readonly samples: Sample[] = [];
  private readonly startMs: number;
  private resumedFrom = 0;

  constructor(
    private readonly total: number,
    private readonly now: () => number,
    private readonly windowMs = 3000,
  ) {
    this.startMs = now();
  }

  /** The device already had `offset` bytes from an earlier run: rates count only what this run sends. */
  resumeAt(offset: number): void {
    this.resumedFrom = offset;
  }

  /** Records the device's acknowledged offset and returns the progress to publish. */
  record(bytes: number): UploadProgress {
    const atMs = this.now();
    this.samples.push({ atMs, bytes });
    // Keep one sample older than the window so the rate always spans the whole window.
    while (this.samples.length > 2 && this.samples[1]!.atMs <= atMs - this.windowMs) this.samples.shift();
    return this.snapshot(bytes, atMs);
  }

  private snapshot(bytes: number, atMs: number): UploadProgress {
    const first = this.samples[0];
    const spanMs = first ? atMs - first.atMs : 0;
    const moved = first ? bytes - first.bytes : 0;
    const bytesPerSecond = spanMs > 0 && moved > 0 ? (moved * 1000) / spanMs : 0;
    const left = Math.max(0, this.total - bytes);
    return {
      bytes,
      total: this.total,
      bytesPerSecond,
      etaSeconds: left === 0 ? 0 : bytesPerSecond > 0 ? left / bytesPerSecond : undefined,
      elapsedMs: atMs - this.startMs,
      resumedFrom: this.resumedFrom,
    };
  }
}

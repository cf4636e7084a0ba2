// The pipelined, resumable image upload (DESIGN.md "upload(client, image, options)").
// - Chunks are fitted to the device buffer and the link by encoding the worst-case request.
// - A window of requests is kept in flight, never larger than the device can buffer; over a serial console it
//   is earned, with request sizes to match (pacing.ts): the console's line buffers, not buf_count, decide.
// - A lost request is detected in round trips, not seconds: the timeout follows the measured round trip
//   (retransmission-timer.ts), with long fixed timeouts only for the first chunk (erase) and the last (check).
// - The device's `off` in every response is the truth: we rewind to it when a chunk was lost, skip ahead when it
//   is ahead, and restart with a full first chunk when it says it has no upload in progress.
// - Resume is a first chunk with the same `sha`: the device answers with the offset it already has.

import { CancelledError } from "../errors.js";
import { fitChunk, packetLimit } from "./chunk-size.js";
import { UploadError } from "./errors.js";
import { ProgressTracker, type UploadProgress } from "./progress.js";
import { ConsolePacing, DevicePacing, type Pacing, type PacingProfile } from "./pacing.js";
import { RetransmissionTimer } from "./retransmission-timer.js";

export interface UploadChunkRequest {
  readonly off: number;
  readonly data: Uint8Array;
  readonly image?: number;
  readonly len?: number;
  readonly sha?: Uint8Array;
  readonly upgrade?: boolean;
}

/** How the upload reaches the device: one image-upload request, and the size it would encode to. */
export interface UploadRpc {
  sendChunk(
    request: UploadChunkRequest,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<{ off: number }>;
  encodedSize(request: UploadChunkRequest): number;
}

/**
 * What a failed chunk means for the upload. "no-free-slot": the device has no slot to take the image (the
 * other one is set to boot next or kept for a revert); the upload cannot go on, but the update flow may
 * free the slot (with the user's consent) or explain what to do.
 */
export type ChunkFailure = "timeout" | "busy" | "no-memory" | "no-free-slot" | "fatal";

/** Failures worth sending the same request again for, after a pause. */
export function isRetryableFailure(kind: ChunkFailure): boolean {
  return kind === "timeout" || kind === "busy" || kind === "no-memory";
}

export interface UploadOptions {
  readonly imageNumber?: number;
  readonly upgrade?: boolean;
  /** SHA-256 of the whole upload; identifies the session so the device can resume it. */
  readonly sha256: Uint8Array;
  readonly bufSize: number;
  readonly bufCount: number;
  /** The transport's packet limit (Transport.maxPacketSize). */
  readonly transportMaxPacket: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: UploadProgress) => void;
  /** Called with each acknowledged offset, e.g. to persist the session. */
  readonly onOffset?: (offset: number) => void;
  readonly classifyFailure: (error: unknown) => ChunkFailure;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly timeouts?: Partial<UploadTimeouts>;
  /** Consecutive failed attempts tolerated before giving up. */
  readonly maxRetries?: number;
  /**
   * "device" (default): the window starts at two and may grow to buf_count − 1. "console": a serial console,
   * whose line buffers nothing reports, earns its window and request size (pacing.ts).
   */
  readonly pacing?: "device" | "console";
  /** What an earlier run on this device learnt (see onPacingLearnt). */
  readonly rememberedPacing?: PacingProfile;
  /** Called when what the upload learnt about the device's pacing changes, to remember it for the next run. */
  readonly onPacingLearnt?: (profile: PacingProfile) => void;
  /** Round-trip estimate of this link, kept across attempts; a fresh one by default. */
  readonly retransmission?: RetransmissionTimer;
  /**
   * Asks the link for smaller packets after requests went unanswered (a BLE device without reassembly silently
   * ignores packets larger than one write); returns the new packet limit.
   */
  readonly shrinkPacketLimit?: () => number;
}

export interface UploadTimeouts {
  /** Ordinary chunk: the most the round-trip-based timeout may grow to. */
  readonly chunkMs: number;
  /** First chunk: the device erases the slot before answering. */
  readonly firstChunkMs: number;
  /** Last chunk: the device may check the whole image before answering. */
  readonly lastChunkMs: number;
}

export const DEFAULT_UPLOAD_TIMEOUTS: UploadTimeouts = {
  chunkMs: 5_000,
  firstChunkMs: 40_000,
  lastChunkMs: 20_000,
};

export interface UploadResult {
  readonly bytes: number;
  /** Offset the device already had when we started (resume), 0 for a fresh upload. */
  readonly resumedFrom: number;
  readonly chunkDataSize: number;
  readonly requests: number;
  readonly retransmittedBytes: number;
  readonly elapsedMs: number;
  /** Ordinary chunks that timed out (each was sent again). */
  readonly timeouts: number;
  /** What the upload learnt about the device's pacing. */
  readonly pacing: PacingProfile;
}

interface Completion {
  readonly request: UploadChunkRequest;
  readonly epoch: number;
  readonly off?: number;
  readonly error?: unknown;
}

export async function uploadImage(
  rpc: UploadRpc,
  image: Uint8Array,
  options: UploadOptions,
): Promise<UploadResult> {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? defaultSleep;
  const timeouts = { ...DEFAULT_UPLOAD_TIMEOUTS, ...options.timeouts };
  const maxRetries = options.maxRetries ?? 8;
  const size = image.length;
  if (size === 0) throw new UploadError("empty-image", {});

  const firstFields = {
    ...(options.imageNumber !== undefined ? { image: options.imageNumber } : {}),
    len: size,
    sha: options.sha256,
    ...(options.upgrade !== undefined ? { upgrade: options.upgrade } : {}),
  };
  const maxWindow = Math.max(1, options.bufCount - 1);
  const remembered = options.rememberedPacing;
  const pacing: Pacing =
    options.pacing === "console"
      ? new ConsolePacing(maxWindow, remembered)
      : new DevicePacing(maxWindow, remembered);
  let learnt = JSON.stringify(pacing.profile);
  let firstChunkData = 0;
  let chunkData = 0;
  let transportLimit = options.transportMaxPacket;
  let pacedLimit = 0;
  const fitChunks = (transportMax: number) => {
    transportLimit = transportMax;
    const fullLimit = packetLimit(options.bufSize, transportMax);
    const limit = pacing.packetLimit(fullLimit);
    pacedLimit = limit;
    firstChunkData = fitChunk(
      limit,
      (n) => rpc.encodedSize({ off: 0, data: image.subarray(0, n), ...firstFields }),
      size,
    );
    // Later chunks: the worst-case offset is the image size (largest CBOR integer we will send).
    chunkData = fitChunk(limit, (n) => rpc.encodedSize({ off: size, data: image.subarray(0, n) }), size);
  };
  fitChunks(options.transportMaxPacket);
  let timeoutsWithoutProgress = 0;

  const tracker = new ProgressTracker(size, now);
  const rto = options.retransmission ?? new RetransmissionTimer({ ceilingMs: timeouts.chunkMs });
  const started = now();
  let requests = 0;
  let retransmitted = 0;
  let failures = 0;
  let timeoutCount = 0;

  /**
   * Ordinary chunks use the round-trip timeout, and their answers feed it; a request queued behind others
   * waits for their round trips too.
   */
  const send = async (
    off: number,
    fixedTimeoutMs: number | undefined,
    epoch: number,
    first: boolean,
    ahead = 0,
  ): Promise<Completion> => {
    const length = first ? Math.min(firstChunkData, size) : Math.min(chunkData, size - off);
    const request: UploadChunkRequest = first
      ? { off: 0, data: image.subarray(0, length), ...firstFields }
      : { off, data: image.subarray(off, off + length) };
    requests += 1;
    const sentAt = now();
    try {
      const signalOption = options.signal ? { signal: options.signal } : {};
      const timeoutMs = fixedTimeoutMs ?? rto.timeoutMs * (1 + ahead);
      const response = await rpc.sendChunk(request, { timeoutMs, ...signalOption });
      // Queued behind `ahead` others, a round trip counts for their share of the wait too.
      if (fixedTimeoutMs === undefined) rto.sample((now() - sentAt) / (1 + ahead));
      return { request, epoch, off: response.off };
    } catch (error) {
      return { request, epoch, error };
    }
  };

  /** After each ack or loss: re-fit chunks if the pacing changed their size, and report what was learnt. */
  const afterPacing = () => {
    if (pacing.packetLimit(packetLimit(options.bufSize, transportLimit)) !== pacedLimit) {
      fitChunks(transportLimit);
    }
    const profile = JSON.stringify(pacing.profile);
    if (profile === learnt) return;
    learnt = profile;
    options.onPacingLearnt?.(pacing.profile);
  };

  const checkAbort = () => {
    if (options.signal?.aborted) throw new CancelledError("upload", options.signal.reason);
  };

  // The first chunk goes alone: it makes the device erase (slow), and its answer tells us where to resume.
  let acked = 0;
  let resumedFrom: number;
  for (;;) {
    checkAbort();
    const first = await send(0, timeouts.firstChunkMs, 0, true);
    if (first.error === undefined && first.off !== undefined) {
      acked = validOffset(first.off, size);
      resumedFrom = acked > first.request.data.length ? acked : 0;
      tracker.resumeAt(resumedFrom);
      break;
    }
    failures = await handleFailure(first.error, failures);
  }
  publish(acked);

  let epoch = 1;
  let next = acked;
  const inFlight = new Map<number, Promise<Completion & { readonly id: number }>>();
  /** Epoch of each request in flight: after a rewind, the old burst's lost requests no longer hold the window. */
  const inFlightEpoch = new Map<number, number>();
  const inCurrentEpoch = () => {
    let n = 0;
    for (const e of inFlightEpoch.values()) if (e === epoch) n += 1;
    return n;
  };
  let ticket = 0;

  while (acked < size) {
    checkAbort();
    while (inCurrentEpoch() < pacing.window && next < size) {
      const off = next;
      const length = Math.min(chunkData, size - off);
      const isLast = off + length >= size;
      const id = ticket++;
      const ahead = inCurrentEpoch();
      inFlightEpoch.set(id, epoch);
      inFlight.set(
        id,
        send(off, isLast ? timeouts.lastChunkMs : undefined, epoch, false, ahead).then((c) => ({ ...c, id })),
      );
      next = off + length;
    }
    if (inFlight.size === 0) {
      // Everything sent was answered but the device is still short of the end: send from its offset.
      next = acked;
      continue;
    }
    // One answer at a time, oldest request first: answers that arrived in the same tick (two frames in one
    // serial read) stay in the map for the next turns instead of being dropped unseen.
    const done = await Promise.race(inFlight.values());
    inFlight.delete(done.id);
    inFlightEpoch.delete(done.id);
    const { request } = done;
    if (done.error !== undefined || done.off === undefined) {
      if (done.epoch !== epoch) continue; // Already rewound for an earlier failure of the same burst.
      pacing.onLoss();
      afterPacing();
      failures = await handleFailure(done.error, failures);
      epoch += 1;
      next = acked;
      retransmitted += Math.max(0, request.off + request.data.length - acked);
      continue;
    }
    const deviceOff = validOffset(done.off, size);
    const expected = request.off + request.data.length;
    if (deviceOff === 0 && request.off > 0) {
      // The device has no upload in progress any more (reset, or another client): start over, fully.
      if (done.epoch !== epoch) continue;
      await Promise.allSettled(inFlight.values());
      inFlight.clear();
      inFlightEpoch.clear();
      epoch += 1;
      retransmitted += acked;
      acked = 0;
      for (;;) {
        checkAbort();
        const restart = await send(0, timeouts.firstChunkMs, epoch, true);
        if (restart.error === undefined && restart.off !== undefined) {
          acked = validOffset(restart.off, size);
          break;
        }
        failures = await handleFailure(restart.error, failures);
      }
      next = acked;
      publish(acked);
      continue;
    }
    const newBytes = Math.max(0, deviceOff - acked);
    if (deviceOff > acked) {
      acked = deviceOff;
      publish(acked);
    }
    if (deviceOff === expected) {
      failures = 0;
      pacing.onAck(newBytes, now());
      afterPacing();
    } else if (done.epoch === epoch) {
      // The device skipped this chunk (a predecessor was lost, or it already had it): continue from its offset.
      // Answers to the rest of this burst carry the same news, so they belong to the old epoch and are ignored.
      pacing.onLoss();
      afterPacing();
      epoch += 1;
      retransmitted += Math.max(0, next - deviceOff);
      next = deviceOff;
    }
    if (next < acked) next = acked;
  }
  await Promise.allSettled(inFlight.values());

  return {
    bytes: size,
    resumedFrom,
    chunkDataSize: chunkData,
    requests,
    retransmittedBytes: retransmitted,
    elapsedMs: now() - started,
    timeouts: timeoutCount,
    pacing: pacing.profile,
  };

  function publish(offset: number): void {
    timeoutsWithoutProgress = 0;
    options.onOffset?.(offset);
    options.onProgress?.(tracker.record(offset));
  }

  async function handleFailure(error: unknown, count: number): Promise<number> {
    checkAbort();
    const kind = options.classifyFailure(error);
    if (!isRetryableFailure(kind)) throw error;
    const attempts = count + 1;
    if (kind === "timeout") {
      timeoutCount += 1;
      rto.backoff();
    }
    if (kind === "timeout" && ++timeoutsWithoutProgress >= 2 && options.shrinkPacketLimit) {
      // Two silent timeouts in a row: the packets may be too big for the link; try smaller ones.
      const before = chunkData;
      fitChunks(options.shrinkPacketLimit());
      if (chunkData < before) timeoutsWithoutProgress = 0;
    }
    if (attempts > maxRetries) {
      throw new UploadError("upload-stalled", { acked, size }, { hint: "upload-stalled", cause: error });
    }
    // Busy or out of buffers: back off so the device can drain; a timeout retries at once.
    if (kind !== "timeout") await sleep(Math.min(2000, 50 * 2 ** attempts), options.signal);
    return attempts;
  }
}

function validOffset(off: number, size: number): number {
  if (!Number.isSafeInteger(off) || off < 0 || off > size) {
    throw new UploadError("bad-offset", { off, size }, { hint: "bad-offset" });
  }
  return off;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { DEFAULT_RTO_FLOOR_MS } from "../../../src/core/update/retransmission-timer.js";
import { VirtualClock } from "../../../src/sim/clock.js";
import {
  DEFAULT_UPLOAD_TIMEOUTS,
  uploadImage,
  type ChunkFailure,
  type UploadChunkRequest,
  type UploadRpc,
} from "../../../src/core/update/upload.js";

// A device model that processes requests strictly in order, like Zephyr's img_mgmt: a chunk at the expected
// offset is written, any other offset is answered with the offset it expects. Faults are scripted per request.
class FakeDevice implements UploadRpc {
  written = new Uint8Array(0);
  expected = 0;
  total = 0;
  sha: Uint8Array | undefined;
  requests = 0;
  maxInFlight = 0;
  private inFlight = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly fault: (
      n: number,
      req: UploadChunkRequest,
    ) => "ok" | "drop" | "timeout-after" | "forget",
  ) {}

  encodedSize(req: UploadChunkRequest): number {
    return 8 + 20 + req.data.length + (req.sha ? 40 : 0);
  }

  sendChunk(req: UploadChunkRequest): Promise<{ off: number }> {
    const n = this.requests++;
    const fault = this.fault(n, req);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const result = this.queue.then(async () => {
      await Promise.resolve();
      this.inFlight -= 1;
      if (fault === "drop") throw new Error("timeout");
      if (fault === "forget") {
        this.expected = 0;
        this.sha = undefined;
      }
      const off = this.apply(req);
      if (fault === "timeout-after") throw new Error("timeout");
      return { off };
    });
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private apply(req: UploadChunkRequest): number {
    if (req.off === 0 && req.len !== undefined) {
      if (this.sha && req.sha && this.sha.every((b, i) => b === req.sha![i]) && this.expected > 0) {
        return this.expected; // resume
      }
      this.total = req.len;
      this.sha = req.sha;
      this.written = new Uint8Array(req.len);
      this.expected = 0;
    }
    if (this.sha === undefined) return 0;
    if (req.off !== this.expected) return this.expected;
    this.written.set(req.data, req.off);
    this.expected += req.data.length;
    return this.expected;
  }
}

const classify = (error: unknown): ChunkFailure =>
  error instanceof Error && error.message === "timeout" ? "timeout" : "fatal";

function image(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const base = {
  sha256: new Uint8Array(32).fill(7),
  bufSize: 512,
  bufCount: 4,
  transportMaxPacket: Infinity,
  classifyFailure: classify,
};

describe("uploadImage", () => {
  test("a clean upload delivers every byte, in chunks that fit the buffer, with a bounded window", async () => {
    const device = new FakeDevice(() => "ok");
    const data = image(10_000);
    const offsets: number[] = [];
    const result = await uploadImage(device, data, { ...base, onOffset: (o) => offsets.push(o) });
    expect(device.written).toEqual(data);
    expect(result.retransmittedBytes).toBe(0);
    expect(device.maxInFlight).toBeLessThanOrEqual(3);
    expect(device.maxInFlight).toBeGreaterThan(1);
    expect(result.chunkDataSize).toBe(512 - 4 - 28);
    expect(offsets.at(-1)).toBe(10_000);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
  });

  test("resumes from the device's offset when the first chunk carries the same sha", async () => {
    const data = image(5_000);
    const device = new FakeDevice((n) => (n === 6 ? "drop" : "ok"));
    await expect(uploadImage(device, data, { ...base, maxRetries: 0 })).rejects.toMatchObject({
      code: "upload-stalled",
    });
    const reached = device.expected;
    expect(reached).toBeGreaterThan(0);
    const again = new FakeDevice(() => "ok");
    Object.assign(again, {
      written: device.written,
      expected: device.expected,
      sha: device.sha,
      total: device.total,
    });
    const result = await uploadImage(again, data, base);
    expect(result.resumedFrom).toBe(reached);
    expect(again.written).toEqual(data);
  });

  test("a device that loses requests beyond two in flight costs a few timeouts, not one per window growth", async () => {
    // It reports buf_count 4 but drops a request that arrives while two are pending (e.g. a UART that overruns
    // while the CPU stalls writing flash).
    const device = new FakeDevice(() => "ok");
    let inFlight = 0;
    let lost = 0;
    const lossy: UploadRpc = {
      encodedSize: (request) => device.encodedSize(request),
      async sendChunk(request) {
        if (inFlight >= 2) {
          lost += 1;
          await Promise.resolve();
          throw new Error("timeout");
        }
        inFlight += 1;
        try {
          return await device.sendChunk(request);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const data = image(100_000);
    await uploadImage(lossy, data, base);
    expect(device.written).toEqual(data);
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThanOrEqual(4);
  });

  test("starts over with a full first chunk when the device forgets the upload", async () => {
    const data = image(8_000);
    const device = new FakeDevice((n) => (n === 5 ? "forget" : "ok"));
    await uploadImage(device, data, base);
    expect(device.written).toEqual(data);
  });

  test("gives up with a typed error after too many consecutive failures", async () => {
    const device = new FakeDevice(() => "drop");
    await expect(uploadImage(device, image(3_000), { ...base, maxRetries: 3 })).rejects.toMatchObject({
      code: "upload-stalled",
    });
  });

  test("cancel stops the upload with a CancelledError", async () => {
    const controller = new AbortController();
    const device = new FakeDevice((n) => {
      if (n === 3) controller.abort();
      return "ok";
    });
    await expect(
      uploadImage(device, image(20_000), { ...base, signal: controller.signal }),
    ).rejects.toMatchObject({
      code: "cancelled",
    });
  });

  test("shrinks its packets when large requests go unanswered (BLE without reassembly)", async () => {
    let linkLimit = 400;
    // The link silently drops any request over 120 bytes, as a device without reassembly does.
    const device: FakeDevice = new FakeDevice((_n, req): "ok" | "drop" =>
      device.encodedSize(req) > 120 ? "drop" : "ok",
    );
    const data = image(3_000);
    const result = await uploadImage(device, data, {
      ...base,
      transportMaxPacket: linkLimit,
      maxRetries: 12,
      shrinkPacketLimit: () => (linkLimit = Math.max(60, Math.floor(linkLimit / 2))),
    });
    expect(device.written).toEqual(data);
    expect(linkLimit).toBeLessThanOrEqual(120);
    expect(result.chunkDataSize).toBeLessThanOrEqual(120 - 28);
  });

  test("property: any pattern of lost requests and lost answers still delivers the exact image", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6000 }),
        fc.array(fc.constantFrom("ok", "ok", "ok", "drop", "timeout-after"), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 8 }),
        async (size, faults, bufCount) => {
          const device = new FakeDevice(
            (n) => (faults[n % faults.length] === "ok" || n > 60 ? "ok" : faults[n % faults.length]!) as "ok",
          );
          const data = image(size, size);
          await uploadImage(device, data, { ...base, bufCount, maxRetries: 100 });
          expect(device.written).toEqual(data);
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });
});

describe("uploadImage on virtual time: a lost request costs a few round trips", () => {
  /** A device that answers each request 20 ms after it is sent, one at a time, losing the ones listed. */
  function timedDevice(clock: VirtualClock, lose: ReadonlySet<number>) {
    const device = new FakeDevice(() => "ok");
    const sentTimeouts: number[] = [];
    let n = 0;
    const rpc: UploadRpc = {
      encodedSize: (request) => device.encodedSize(request),
      sendChunk(request, options) {
        const index = n++;
        sentTimeouts.push(options.timeoutMs);
        return new Promise((resolve, reject) => {
          const timer = clock.schedule(options.timeoutMs, () => reject(new Error("timeout")));
          if (lose.has(index)) return;
          clock.schedule(20, () => {
            timer();
            device.sendChunk(request).then(resolve, reject);
          });
        });
      },
    };
    return { device, rpc, sentTimeouts };
  }

  async function run(lose: ReadonlySet<number>) {
    const clock = new VirtualClock();
    const { device, rpc, sentTimeouts } = timedDevice(clock, lose);
    const data = image(20_000, 9);
    const result = await clock.run(() =>
      uploadImage(rpc, data, {
        ...base,
        bufCount: 2, // one request at a time: only a timeout can tell a loss
        now: () => clock.now(),
        sleep: (ms, signal) => clock.sleep(ms, signal),
      }),
    );
    expect(device.written).toEqual(data);
    return { result, sentTimeouts };
  }

  test("the timeout follows the round trip, and one loss adds about the floor, not 5 s", async () => {
    const clean = await run(new Set());
    const lossy = await run(new Set([20]));
    expect(lossy.result.timeouts).toBe(1);
    const cost = lossy.result.elapsedMs - clean.result.elapsedMs;
    expect(cost).toBeGreaterThan(20);
    expect(cost).toBeLessThanOrEqual(DEFAULT_RTO_FLOOR_MS + 2 * 20);
    // Ordinary chunks waited at most the floor once the round trip was known; first and last kept theirs.
    const ordinary = clean.sentTimeouts.slice(5, -1);
    expect(Math.max(...ordinary)).toBe(DEFAULT_RTO_FLOOR_MS);
    expect(clean.sentTimeouts[0]).toBe(DEFAULT_UPLOAD_TIMEOUTS.firstChunkMs);
    expect(clean.sentTimeouts.at(-1)).toBe(DEFAULT_UPLOAD_TIMEOUTS.lastChunkMs);
  });

  test("consecutive losses back off (doubling) instead of hammering a slow device", async () => {
    const lossy = await run(new Set([20, 21, 22]));
    expect(lossy.result.timeouts).toBe(3);
    // The retry after three timeouts waits 8× the floor; the first answer ends the backoff.
    expect(lossy.sentTimeouts.slice(20, 25)).toEqual([
      DEFAULT_RTO_FLOOR_MS,
      2 * DEFAULT_RTO_FLOOR_MS,
      4 * DEFAULT_RTO_FLOOR_MS,
      8 * DEFAULT_RTO_FLOOR_MS,
      DEFAULT_RTO_FLOOR_MS,
    ]);
  });
});

// What the upload engine does at its edges, counted exactly: the first request's fields, how many requests a
// clean upload takes, what each kind of failure costs (retries, backoff pauses, retransmitted bytes, timeouts),
// when it asks the link for smaller packets, when it gives up and with what error. upload-engine.test.ts checks
// that images arrive intact under random faults; this checks the numbers a technician and the bench read.
//
// Sizes: every request encodes to 28 bytes plus its data (plus 40 for the first request's len and sha), and the
// device buffer is 512 bytes (508 after the serial frame's reserve): the first chunk carries 440 bytes, the
// others 480.
import { afterEach, describe, expect, test, vi } from "vitest";
import { VirtualClock } from "../../../src/sim/clock.js";
import {
  isRetryableFailure,
  uploadImage,
  type ChunkFailure,
  type UploadChunkRequest,
  type UploadOptions,
  type UploadRpc,
} from "../../../src/core/update/upload.js";
import { serialPacketLimitForLines } from "../../../src/core/framing/index.js";

const FIRST = 440;
const CHUNK = 480;

type Fate = "ok" | "lost" | "busy" | "forget";

class DeviceError extends Error {
  constructor(readonly kind: ChunkFailure) {
    super(kind);
  }
}

const classifyFailure = (error: unknown): ChunkFailure =>
  error instanceof DeviceError ? error.kind : "fatal";

interface Sent {
  readonly request: UploadChunkRequest;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

/**
 * Zephyr's img_mgmt in miniature: requests are taken in order; a chunk at the expected offset is written, any
 * other is answered with the offset expected; a first chunk with the same sha resumes. `fate(n)` decides what
 * happens to the n-th request: answered, lost on the way (a timeout), refused as busy, or the device forgets
 * the upload (a reset) just before it.
 */
class Device implements UploadRpc {
  readonly sent: Sent[] = [];
  written = new Uint8Array(0);
  expected = 0;
  sha: Uint8Array | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly fate: (n: number) => Fate = () => "ok",
    /** Zephyr forgets a completed upload: a repeated last chunk is answered with off 0. */
    private readonly forgetWhenComplete = false,
  ) {}

  encodedSize(request: UploadChunkRequest): number {
    return 28 + request.data.length + (request.sha ? 40 : 0);
  }

  sendChunk(request: UploadChunkRequest, options: { timeoutMs: number; signal?: AbortSignal }) {
    const fate = this.fate(this.sent.length);
    this.sent.push({ request, timeoutMs: options.timeoutMs, signal: options.signal });
    const answer = this.queue.then(() => {
      if (fate === "lost") throw new DeviceError("timeout");
      if (fate === "busy") throw new DeviceError("busy");
      if (fate === "forget") {
        this.expected = 0;
        this.sha = undefined;
      }
      return { off: this.apply(request) };
    });
    this.queue = answer.then(
      () => undefined,
      () => undefined,
    );
    return answer;
  }

  private apply(request: UploadChunkRequest): number {
    if (request.off === 0 && request.len !== undefined) {
      const same = this.sha && request.sha && this.sha.every((b, i) => b === request.sha![i]);
      if (same && this.expected > 0) return this.expected;
      this.sha = request.sha;
      this.written = new Uint8Array(request.len);
      this.expected = 0;
    }
    if (this.sha === undefined) return 0;
    if (request.off !== this.expected) return this.expected;
    this.written.set(request.data, request.off);
    this.expected += request.data.length;
    const off = this.expected;
    if (this.forgetWhenComplete && off === this.written.length) this.sha = undefined;
    return off;
  }
}

function image(size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
}

const SHA = new Uint8Array(32).fill(9);

function options(over: Partial<UploadOptions> = {}): UploadOptions {
  return {
    sha256: SHA,
    bufSize: 512,
    bufCount: 2, // one request at a time unless a test says otherwise
    transportMaxPacket: Infinity,
    classifyFailure,
    sleep: () => Promise.resolve(),
    ...over,
  };
}

async function failure(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  return promise.then(
    () => {
      throw new Error("did not fail");
    },
    (error: unknown) => error as Record<string, unknown>,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe("requests", () => {
  test("timeouts, busy and out-of-memory are retried; a full slot and anything else are not", () => {
    expect(["timeout", "busy", "no-memory"].every((k) => isRetryableFailure(k as ChunkFailure))).toBe(true);
    expect(isRetryableFailure("no-free-slot")).toBe(false);
    expect(isRetryableFailure("fatal")).toBe(false);
  });

  test("an empty image is refused before anything is sent", async () => {
    const device = new Device();
    expect(await failure(uploadImage(device, new Uint8Array(0), options()))).toMatchObject({
      code: "empty-image",
    });
    expect(device.sent).toEqual([]);
  });

  test("the first request carries len, sha and, only when given, the image number and upgrade flag", async () => {
    const plain = new Device();
    await uploadImage(plain, image(1000), options());
    expect(Object.keys(plain.sent[0]!.request).sort()).toEqual(["data", "len", "off", "sha"]);
    expect(Object.keys(plain.sent[1]!.request).sort()).toEqual(["data", "off"]);
    const tagged = new Device();
    await uploadImage(tagged, image(1000), options({ imageNumber: 1, upgrade: false }));
    expect(tagged.sent[0]!.request).toMatchObject({ off: 0, image: 1, upgrade: false, len: 1000, sha: SHA });
    expect(tagged.sent[0]!.request.data).toHaveLength(FIRST);
    expect(Object.keys(tagged.sent[1]!.request).sort()).toEqual(["data", "off"]);
  });

  test("a clean upload takes one request per chunk, no more", async () => {
    const device = new Device();
    const size = FIRST + 5 * CHUNK + 17;
    const result = await uploadImage(device, image(size), options({ bufCount: 4 }));
    expect(result.requests).toBe(7);
    expect(device.sent.map((s) => [s.request.off, s.request.data.length])).toEqual([
      [0, FIRST],
      [FIRST, CHUNK],
      [FIRST + CHUNK, CHUNK],
      [FIRST + 2 * CHUNK, CHUNK],
      [FIRST + 3 * CHUNK, CHUNK],
      [FIRST + 4 * CHUNK, CHUNK],
      [FIRST + 5 * CHUNK, 17],
    ]);
    expect(result).toMatchObject({ bytes: size, resumedFrom: 0, retransmittedBytes: 0, timeouts: 0 });
  });

  test("answers that arrive together are each handled: a finished upload is not sent again", async () => {
    // This device answers every request in flight in the same tick (two frames in one serial read) and, like
    // Zephyr, forgets a completed upload. An answer dropped unseen made the engine send the last chunk again,
    // read the device's off 0 as a reset, and erase and send the whole image a second time.
    const device = new Device(() => "ok", true);
    const data = image(FIRST + 5 * CHUNK + 17);
    const result = await uploadImage(device, data, options({ bufCount: 4 }));
    expect(device.written).toEqual(data);
    expect(device.sent.filter((s) => s.request.sha !== undefined)).toHaveLength(1);
    expect(result).toMatchObject({ requests: 7, retransmittedBytes: 0 });
  });

  test("the user's cancel signal reaches every request", async () => {
    const controller = new AbortController();
    const device = new Device();
    await uploadImage(device, image(2000), options({ signal: controller.signal }));
    expect(device.sent.every((s) => s.signal === controller.signal)).toBe(true);
  });

  test("without a round trip measured yet, ordinary requests wait at most the chunk timeout", async () => {
    const device = new Device();
    await uploadImage(device, image(2000), options({ timeouts: { chunkMs: 300, firstChunkMs: 9_000 } }));
    expect(device.sent[0]!.timeoutMs).toBe(9_000);
    // The first request's answer is not a round-trip sample (the device erased first): the initial 1 s estimate
    // applies, held to the 300 ms ceiling.
    expect(device.sent[1]!.timeoutMs).toBe(300);
  });

  test("without a clock given, the elapsed time is measured on the platform's clock", async () => {
    const result = await uploadImage(new Device(), image(1000), options());
    expect(Number.isFinite(result.elapsedMs)).toBe(true);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });
});

describe("failures", () => {
  test("a lost first request is sent again, and the upload completes from the start", async () => {
    const device = new Device((n) => (n === 0 ? "lost" : "ok"));
    const data = image(1500);
    const result = await uploadImage(device, data, options());
    expect(device.written).toEqual(data);
    expect(device.sent.map((s) => s.request.off)).toEqual([0, 0, FIRST, FIRST + CHUNK, FIRST + 2 * CHUNK]);
    expect(result).toMatchObject({ resumedFrom: 0, timeouts: 1 });
  });

  test("one lost chunk costs one timeout and exactly its own bytes again", async () => {
    const device = new Device((n) => (n === 2 ? "lost" : "ok"));
    const data = image(FIRST + 4 * CHUNK);
    const result = await uploadImage(device, data, options());
    expect(device.written).toEqual(data);
    expect(result).toMatchObject({ timeouts: 1, retransmittedBytes: CHUNK, requests: 6 });
  });

  test("busy answers pause 100, 200, 400 … ms, capped at 2 s, and are not timeouts", async () => {
    const pauses: number[] = [];
    const device = new Device((n) => (n >= 1 && n <= 7 ? "busy" : "ok"));
    const data = image(FIRST + 2 * CHUNK);
    const result = await uploadImage(
      device,
      data,
      options({
        sleep: (ms) => {
          pauses.push(ms);
          return Promise.resolve();
        },
      }),
    );
    expect(pauses).toEqual([100, 200, 400, 800, 1600, 2000, 2000]);
    expect(result.timeouts).toBe(0);
    expect(device.written).toEqual(data);
  });

  test("timeouts retry at once, without a pause", async () => {
    const pauses: number[] = [];
    const device = new Device((n) => (n === 1 || n === 2 ? "lost" : "ok"));
    await uploadImage(
      device,
      image(2000),
      options({
        sleep: (ms) => {
          pauses.push(ms);
          return Promise.resolve();
        },
      }),
    );
    expect(pauses).toEqual([]);
  });

  test("maxRetries consecutive failures are tolerated; one more gives up with the offset reached", async () => {
    const data = image(FIRST + 3 * CHUNK);
    const tolerated = new Device((n) => (n >= 2 && n < 5 ? "lost" : "ok"));
    await uploadImage(tolerated, data, options({ maxRetries: 3 }));
    expect(tolerated.written).toEqual(data);

    const lastStraw = new DeviceError("timeout");
    let n = 0;
    const stalled = new Device((i) => (i >= 2 && i < 6 ? "lost" : "ok"));
    const rpc: UploadRpc = {
      encodedSize: (r) => stalled.encodedSize(r),
      sendChunk: (r, o) => {
        n += 1;
        return n === 6 ? Promise.reject(lastStraw) : stalled.sendChunk(r, o);
      },
    };
    const error = await failure(uploadImage(rpc, data, options({ maxRetries: 3 })));
    expect(error).toMatchObject({
      code: "upload-stalled",
      params: { acked: FIRST + CHUNK, size: data.length },
      hint: "upload-stalled",
    });
    expect(error.cause).toBe(lastStraw);
  });

  test("a failure that is not retryable ends the upload with that error itself", async () => {
    const refused = new DeviceError("no-free-slot");
    let n = 0;
    const device = new Device();
    const rpc: UploadRpc = {
      encodedSize: (r) => device.encodedSize(r),
      sendChunk: (r, o) => (n++ === 1 ? Promise.reject(refused) : device.sendChunk(r, o)),
    };
    await expect(uploadImage(rpc, image(2000), options())).rejects.toBe(refused);
  });

  test("a device that forgets the upload is sent everything again from a full first chunk", async () => {
    const device = new Device((n) => (n === 3 ? "forget" : "ok"));
    const data = image(FIRST + 4 * CHUNK);
    const result = await uploadImage(device, data, options());
    expect(device.written).toEqual(data);
    expect(device.sent[4]!.request).toMatchObject({ off: 0, len: data.length, sha: SHA });
    // The bytes it had taken (the first three chunks) are sent again, and so is the one that found it empty.
    const had = FIRST + 2 * CHUNK;
    expect(result.retransmittedBytes).toBeGreaterThanOrEqual(had);
    expect(result.retransmittedBytes).toBeLessThanOrEqual(had + CHUNK);
  });

  test("an offset outside the image is refused as a protocol error", async () => {
    for (const off of [-1, 10_001, 1.5]) {
      const rpc: UploadRpc = {
        encodedSize: (r) => 28 + r.data.length + (r.sha ? 40 : 0),
        sendChunk: () => Promise.resolve({ off }),
      };
      expect(await failure(uploadImage(rpc, image(10_000), options()))).toMatchObject({
        code: "bad-offset",
        params: { off, size: 10_000 },
        hint: "bad-offset",
      });
    }
  });

  test("a cancel says the upload was cancelled", async () => {
    const controller = new AbortController();
    const device = new Device((n) => {
      if (n === 2) controller.abort();
      return "ok";
    });
    expect(
      await failure(uploadImage(device, image(4000), options({ signal: controller.signal }))),
    ).toMatchObject({
      code: "cancelled",
      params: { operation: "upload" },
    });
  });
});

describe("a burst lost at once (several requests in flight)", () => {
  test("counts as one failure: one timeout, one retry of the attempts allowed", async () => {
    // Window of 2 from the start; requests 1 and 2 are both lost.
    const device = new Device((n) => (n === 1 || n === 2 ? "lost" : "ok"));
    const data = image(FIRST + 6 * CHUNK);
    const result = await uploadImage(device, data, options({ bufCount: 4, maxRetries: 1 }));
    expect(device.written).toEqual(data);
    expect(result.timeouts).toBe(1);
  });
});

describe("on virtual time: a lost request behind which others were answered", () => {
  test("the device's offset rewinds the upload at once; the bytes sent past it are counted again", async () => {
    const clock = new VirtualClock();
    const device = new Device();
    const sentData: number[] = [];
    const rpc: UploadRpc = {
      encodedSize: (r) => device.encodedSize(r),
      sendChunk(request, o) {
        const index = sentData.length;
        sentData.push(request.data.length);
        return new Promise((resolve, reject) => {
          const timer = clock.schedule(o.timeoutMs, () => reject(new DeviceError("timeout")));
          if (index === 6) return; // never arrives
          clock.schedule(20, () => {
            timer();
            device.sendChunk(request, o).then(resolve, reject);
          });
        });
      },
    };
    const data = image(FIRST + 20 * CHUNK);
    const result = await clock.run(() =>
      uploadImage(
        rpc,
        data,
        options({ bufCount: 4, now: () => clock.now(), sleep: (ms, s) => clock.sleep(ms, s) }),
      ),
    );
    expect(device.written).toEqual(data);
    // Every byte sent but not taken is counted: the sum of all data sent exceeds the image by exactly that much.
    const sentBytes = sentData.reduce((sum, n) => sum + n, 0);
    expect(result.retransmittedBytes).toBe(sentBytes - data.length);
    expect(result.retransmittedBytes).toBeGreaterThan(0);
    // Told by the device's offset, not by the timer: no timeout was needed.
    expect(result.timeouts).toBe(0);
  });
});

describe("smaller packets for a link that drops large ones", () => {
  function shrinking(fates: (n: number) => Fate, limits: number[]) {
    const device = new Device(fates);
    let calls = 0;
    const shrinkPacketLimit = () => limits[Math.min(calls++, limits.length - 1)]!;
    return { device, shrinkPacketLimit, calls: () => calls };
  }

  test("asked after two timeouts in a row, not after one", async () => {
    const one = shrinking((n) => (n === 2 ? "lost" : "ok"), [300]);
    await uploadImage(one.device, image(3000), options({ shrinkPacketLimit: one.shrinkPacketLimit }));
    expect(one.calls()).toBe(0);
    const two = shrinking((n) => (n === 2 || n === 3 ? "lost" : "ok"), [300]);
    await uploadImage(two.device, image(3000), options({ shrinkPacketLimit: two.shrinkPacketLimit }));
    expect(two.calls()).toBe(1);
    // The chunks after it fit the smaller packets.
    expect(two.device.sent[4]!.request.data.length).toBe(300 - 28);
  });

  test("busy answers never shrink packets", async () => {
    const busy = shrinking((n) => (n >= 2 && n < 6 ? "busy" : "ok"), [300]);
    await uploadImage(busy.device, image(3000), options({ shrinkPacketLimit: busy.shrinkPacketLimit }));
    expect(busy.calls()).toBe(0);
  });

  test("a smaller packet starts the count again; a link that cannot go smaller is asked at every timeout", async () => {
    const helped = shrinking((n) => (n >= 2 && n < 6 ? "lost" : "ok"), [300, 200, 100]);
    await uploadImage(helped.device, image(3000), options({ shrinkPacketLimit: helped.shrinkPacketLimit }));
    expect(helped.calls()).toBe(2); // after the 2nd and the 4th timeout
    const stuck = shrinking((n) => (n >= 2 && n < 6 ? "lost" : "ok"), [508]);
    await uploadImage(stuck.device, image(3000), options({ shrinkPacketLimit: stuck.shrinkPacketLimit }));
    expect(stuck.calls()).toBe(3); // after the 2nd, 3rd and 4th
  });
});

describe("pacing", () => {
  test("a console that took two short requests last time: chunks shrink to two console lines once two fly", async () => {
    const device = new Device();
    const data = image(6000);
    await uploadImage(
      device,
      data,
      options({
        bufSize: 1024,
        bufCount: 4,
        pacing: "console",
        rememberedPacing: { windowLimit: 1, pipelinedLines: 2 },
      }),
    );
    expect(device.written).toEqual(data);
    const sizes = device.sent.map((s) => device.encodedSize(s.request));
    // One full-size request at a time first, then short ones that fit two console lines.
    expect(sizes[1]).toBeGreaterThan(serialPacketLimitForLines(2));
    expect(sizes.slice(6, -1).every((s) => s <= serialPacketLimitForLines(2))).toBe(true);
  });

  test("what was learnt is reported when it changes", async () => {
    const learnt: unknown[] = [];
    const device = new Device((n) => (n === 8 ? "lost" : "ok"));
    const result = await uploadImage(
      device,
      image(FIRST + 30 * CHUNK),
      options({ bufCount: 4, onPacingLearnt: (p) => learnt.push(p) }),
    );
    expect(learnt.length).toBeGreaterThan(0);
    expect(learnt.at(-1)).toEqual(result.pacing);
  });
});

describe("the default pause", () => {
  test("a busy device is given 100 ms on the platform's timers before the same request goes again", async () => {
    vi.useFakeTimers();
    const device = new Device((n) => (n === 1 ? "busy" : "ok"));
    const { sleep: _unused, ...withoutSleep } = options();
    const done = uploadImage(device, image(1500), withoutSleep);
    await vi.advanceTimersByTimeAsync(99);
    expect(device.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(device.sent[2]!.request.off).toBe(FIRST);
  });

  test("a cancel during the pause ends it at once", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const device = new Device((n) => (n === 1 ? "busy" : "ok"));
    const { sleep: _unused, ...withoutSleep } = options({ signal: controller.signal });
    const done = failure(uploadImage(device, image(1500), withoutSleep));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect(await done).toMatchObject({ code: "cancelled" });
    expect(device.sent).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});

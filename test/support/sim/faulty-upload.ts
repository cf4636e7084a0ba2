// A plain stop-and-wait uploader over a faulty simulated link, for seeded fault-injection runs: it follows the
// device's `off`, retries on timeouts and reconnects when the link is lost (e.g. after a reset).
import type { CborMap } from "../../../src/core/smp/cbor.js";
import {
  type MemoryTransportFactory,
  SimulatedDevice,
  VirtualClock,
  buildImage,
  createMemoryTransportFactory,
} from "../../../src/sim/index.js";
import { sha256 } from "../../../src/sim/sha256.js";
import { TestClient, TimeoutError } from "./packet-client.js";
import { G, hex } from "./smp-packets.js";

export interface RunSummary {
  readonly faults: string;
  readonly requests: number;
  readonly reconnects: number;
  readonly finishedAt: number;
  /** The slot holds exactly the image. */
  readonly intact: boolean;
}

/** A plain stop-and-wait uploader that follows the device's `off`, retries and reconnects. */
export async function faultyUpload(seed: number): Promise<RunSummary> {
  const clock = new VirtualClock(0);
  const device = await SimulatedDevice.create({ clock, bufSize: 1024 });
  const factory: MemoryTransportFactory = createMemoryTransportFactory(device, {
    faults: {
      seed,
      requests: {
        drop: 0.08,
        duplicate: 0.05,
        delay: 0.05,
        rcError: 0.05,
        resetDuringUpload: 0.03,
        disconnect: 0.03,
      },
      responses: { drop: 0.08, corrupt: 0.05, delay: 0.05 },
      skipFirst: 1,
      // A link whose CRC catches corruption: a bit-flipped `off` would otherwise mislead this naive client.
      corruptAsDrop: true,
    },
  });
  const image = await buildImage({ bodySize: 40_000, seed: 4 });
  const sha = await sha256(image);
  const run = await clock.run(
    (async (): Promise<Omit<RunSummary, "intact">> => {
      let link = await factory.open();
      let client = new TestClient(link, clock);
      let off = 0;
      let requests = 0;
      let reconnects = 0;
      while (off < image.length && requests < 3000) {
        requests += 1;
        const data = image.subarray(off, off + 600);
        const body: CborMap = off === 0 ? { len: image.length, off, sha, data } : { off, data };
        try {
          const answer = await client.request(G.image, 1, "write", body, { timeoutMs: 2_000 });
          if (typeof answer.body.off === "number") off = answer.body.off;
        } catch (error) {
          if (
            !(error instanceof TimeoutError) ||
            (await Promise.race([link.closed, Promise.resolve(null)]))
          ) {
            link = await factory.open();
            client = new TestClient(link, clock);
            reconnects += 1;
          }
        }
      }
      const faults = factory.links.flatMap((l) =>
        l.faultLog.map((f) => `${f.direction}#${f.index}@${f.at}:${f.action.kind}`),
      );
      return { faults: faults.join(","), requests, reconnects, finishedAt: clock.now() };
    })(),
    { limitMs: 3_600_000 },
  );
  // Hashing is real async work the virtual clock does not see, so it happens outside clock.run.
  const slot = await sha256(device.slotBytes(1).subarray(0, image.length));
  return { ...run, intact: hex(slot) === hex(sha) };
}

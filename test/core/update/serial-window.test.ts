// Uploads over a serial console to the simulated Zephyr device with its stock receive path (two line buffers
// that overflow while flash is written) and a tuned one, on virtual time: the pipelined client of old meets
// fragment drops; the earned window settles after at most a couple of losses and remembers it; a tuned device
// gets more in flight. Through the update flow, the kind of link picks the pacing: one request in flight at the
// start on a console, two on Bluetooth.
import { describe, expect, test } from "vitest";
import { SmpClient } from "../../../src/core/smp/index.js";
import { MemorySessionStore } from "../../../src/core/update/session-store.js";
import { classifyFailure } from "../../../src/core/update/smp-device-session.js";
import { smpConnector } from "../../../src/core/update/smp-device-session.js";
import { runUpdate } from "../../../src/core/update/update-flow.js";
import { uploadImage } from "../../../src/core/update/upload.js";
import { bleLink, serialLink } from "../../../src/sim/link-model.js";
import { decodePacket } from "../../../src/core/smp/packet.js";
import type { TransportFactory } from "../../../src/core/transport.js";
import { buildImage } from "../../../src/sim/mcuboot/image-builder.js";
import { ZEPHYR_SERIAL_STOCK, ZEPHYR_SERIAL_TUNED } from "../../../src/sim/presets.js";
import { digest } from "../../../src/core/mcuboot/digest.js";
import { imageUpload, requestPacketSize } from "../../../src/core/smp/index.js";
import { simFlowOptions, startSim, tapTransport } from "../../support/sim/harness.js";

const PTY_SPEED = serialLink({ baudRate: 2_000_000, latencyMs: 0.5 });
const UART_115200 = serialLink({ baudRate: 115_200, latencyMs: 1 });

async function newImage(seed: number, size = 48 * 1024): Promise<Uint8Array> {
  return buildImage({ version: { major: 1, minor: seed, revision: 0 }, bodySize: size, seed });
}

/** Counts the device's dropped console lines and lost packets. */
function watchDrops(sim: Awaited<ReturnType<typeof startSim>>): { lines: number; frames: number } {
  const counts = { lines: 0, frames: 0 };
  sim.device.onEvent((event) => {
    if (event.type !== "dropped") return;
    if (event.reason === "no-line-buffer") counts.lines += 1;
    if (event.reason === "bad-frame") counts.frames += 1;
  });
  return counts;
}

/**
 * An upload-only run of the update flow on a simulated device, its links watched: at each of the device's
 * first two upload answers, how many upload requests had left so far. That tells which pacing the flow chose.
 */
async function sentAtFirstAnswers(device: Parameters<typeof startSim>[0], seed: number): Promise<number[]> {
  const sim = await startSim(device);
  const image = await newImage(seed);
  let sent = 0;
  const sentAtAnswers: number[] = [];
  const isUpload = (packet: Uint8Array) => {
    const { header } = decodePacket(packet);
    return header.group === 1 && header.command === 1;
  };
  const watched: TransportFactory = {
    label: sim.factory.label,
    open: async (signal) =>
      tapTransport(await sim.factory.open(signal), {
        sent: (packet) => {
          if (isUpload(packet)) sent += 1;
        },
        received: (packet) => {
          if (isUpload(packet)) sentAtAnswers.push(sent);
        },
      }),
  };
  await sim.clock.run(
    runUpdate(smpConnector(watched, sim.clientOptions), image, simFlowOptions(sim, "upload-only")),
  );
  return sentAtAnswers.slice(0, 2);
}

describe("the update flow paces by the kind of link", () => {
  test("a serial console starts with one request in flight: a second could find no line buffer", async () => {
    // The first request goes alone on every link (its answer may say where to resume); then the console
    // still has one in flight when the second answer comes back.
    expect(await sentAtFirstAnswers({ ...ZEPHYR_SERIAL_STOCK, linkModel: PTY_SPEED }, 5)).toEqual([1, 2]);
  });

  test("Bluetooth starts with two in flight: the device's buffers, not console lines, decide", async () => {
    const ble = { transport: "ble", bufSize: 384, bufCount: 4, linkModel: bleLink() } as const;
    expect(await sentAtFirstAnswers(ble, 6)).toEqual([1, 3]);
  });
});

describe("serial uploads to a stock Zephyr console (2 line buffers)", () => {
  test("a client that keeps requests in flight by buf_count loses console lines, as on real devices", async () => {
    const sim = await startSim({ ...ZEPHYR_SERIAL_STOCK, linkModel: PTY_SPEED });
    const drops = watchDrops(sim);
    const image = await newImage(1);
    const transport = await sim.factory.open();
    const client = new SmpClient(transport, sim.clientOptions);
    const result = await sim.clock.run(async () =>
      uploadImage(
        {
          sendChunk: (request, options) => client.request(imageUpload, request, options),
          encodedSize: (request) => requestPacketSize(imageUpload, request, client.version),
        },
        image,
        {
          sha256: await digest("sha256", image),
          bufSize: 384,
          bufCount: 4,
          transportMaxPacket: transport.maxPacketSize,
          pacing: "device",
          classifyFailure,
          now: () => sim.clock.now(),
          sleep: (ms, signal) => sim.clock.sleep(ms, signal),
          maxRetries: 50,
        },
      ),
    );
    expect(sim.device.slotBytes(1).subarray(0, image.length)).toEqual(image);
    expect(drops.lines).toBeGreaterThan(0);
    expect(result.retransmittedBytes).toBeGreaterThan(0);
  });

  for (const [name, link] of [
    ["PTY speed", PTY_SPEED],
    ["115200 baud", UART_115200],
  ] as const) {
    test(`${name}: the earned window settles after at most two losses, and the next run remembers it`, async () => {
      const sim = await startSim({ ...ZEPHYR_SERIAL_STOCK, linkModel: link });
      const drops = watchDrops(sim);
      const store = new MemorySessionStore();
      const connector = smpConnector(sim.factory, sim.clientOptions);
      const first = await newImage(2);
      const outcome = await sim.clock.run(() =>
        runUpdate(connector, first, simFlowOptions(sim, "upload-only", { sessionStore: store })),
      );
      expect(outcome.result).toBe("uploaded");
      expect(sim.device.slotBytes(1).subarray(0, first.length)).toEqual(first);
      const lostFirstRun = drops.frames;
      expect(lostFirstRun).toBeLessThanOrEqual(2);
      const profile = await store.loadLinkProfile(connector.label);

      // A second image to the same device: what the first run learnt spares it the losses.
      const second = await newImage(3);
      await sim.clock.run(() =>
        runUpdate(
          connector,
          second,
          simFlowOptions(sim, "upload-only", { sessionStore: store, force: true }),
        ),
      );
      expect(sim.device.slotBytes(1).subarray(0, second.length)).toEqual(second);
      expect(drops.frames - lostFirstRun).toBe(0);
      if (lostFirstRun > 0) expect(profile).toBeDefined();
    });
  }

  test("a tuned console (40 line buffers) takes several requests in flight without a loss", async () => {
    const sim = await startSim({ ...ZEPHYR_SERIAL_TUNED, linkModel: PTY_SPEED });
    const drops = watchDrops(sim);
    const store = new MemorySessionStore();
    const connector = smpConnector(sim.factory, sim.clientOptions);
    const image = await newImage(4, 96 * 1024);
    await sim.clock.run(() =>
      runUpdate(connector, image, simFlowOptions(sim, "upload-only", { sessionStore: store })),
    );
    expect(sim.device.slotBytes(1).subarray(0, image.length)).toEqual(image);
    expect(drops.lines).toBe(0);
    const uploads = sim.sent.filter((r) => r.group === 1 && r.command === 1);
    expect(uploads.length).toBeGreaterThan(10);
  });
});

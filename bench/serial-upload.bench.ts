// Serial uploads to a simulated Zephyr device with its console receive path modelled (two 128-byte line buffers
// on a stock build, freed only when flash writes let the fragment decoder run; see src/sim/uart-console.ts):
// McuFlash's paced pipeline on a device it meets for the first time, the same on a device whose pacing it
// remembers, and a stop-and-wait client (one request at a time, full-size chunks, as smpclient and mcumgr do).
// Each figure is the median and 95th percentile over 20 seeds (image content and USB/OS latency jitter), in the
// simulator's virtual time: the engine's behaviour on the modelled device, not this machine's speed.
// Upload only, to a blank secondary slot (a slot holding an old image adds the same erase time to every client).

import { SmpClient, imageUpload, requestPacketSize } from "../src/core/smp/index.js";
import { classifyFailure } from "../src/core/update/smp-device-session.js";
import type { PacingProfile } from "../src/core/update/pacing.js";
import { uploadImage } from "../src/core/update/upload.js";
import { VirtualClock } from "../src/sim/clock.js";
import { SimulatedDevice } from "../src/sim/device.js";
import type { SimulatedDeviceOptions } from "../src/sim/device-options.js";
import { serialLink, type SerialLinkModel } from "../src/sim/link-model.js";
import { buildImage } from "../src/sim/mcuboot/image-builder.js";
import { createMemoryLink } from "../src/sim/memory-transport.js";
import { ZEPHYR_SERIAL_STOCK, ZEPHYR_SERIAL_TUNED } from "../src/sim/presets.js";
import { sha256 } from "../src/sim/sha256.js";

const SEEDS = 20;
/** The image size of the field report that started this (48.5 KiB). */
const IMAGE_BODY = 48 * 1024;

const LINKS: readonly { readonly name: string; readonly link: (seed: number) => SerialLinkModel }[] = [
  {
    name: "UART 115200",
    link: (seed) => serialLink({ baudRate: 115_200, latencyMs: 1, jitterMs: 2, seed }),
  },
  {
    // A PTY (native_sim, QEMU) or USB CDC ACM moves bytes about as fast as the host schedules them.
    name: "PTY speed",
    link: (seed) => serialLink({ baudRate: 12_000_000, latencyMs: 0.3, jitterMs: 1, seed }),
  },
];

const PRESETS: readonly { readonly name: string; readonly options: SimulatedDeviceOptions }[] = [
  { name: "stock (384 x 4, 2 line buffers)", options: ZEPHYR_SERIAL_STOCK },
  { name: "tuned (2048 x 4, 40 line buffers)", options: ZEPHYR_SERIAL_TUNED },
];

type Client = "first run" | "remembered" | "stop-and-wait";

interface Run {
  readonly ms: number;
  readonly lost: number;
  readonly learnt: PacingProfile;
}

async function upload(
  preset: SimulatedDeviceOptions,
  link: SerialLinkModel,
  seed: number,
  client: Client,
  remembered: PacingProfile | undefined,
): Promise<Run> {
  const clock = new VirtualClock();
  const device = await SimulatedDevice.create({ clock, ...preset });
  let lost = 0;
  device.onEvent((event) => {
    if (event.type === "dropped" && event.reason === "bad-frame") lost += 1;
  });
  const transport = createMemoryLink(device, { clock, linkModel: link });
  const smp = new SmpClient(transport, { schedule: (ms, fn) => clock.schedule(ms, fn) });
  const image = await buildImage({ bodySize: IMAGE_BODY, seed });
  const sha = await sha256(image);
  const stopAndWait = client === "stop-and-wait";
  const result = await clock.run(
    uploadImage(
      {
        sendChunk: (request, options) => smp.request(imageUpload, request, options),
        encodedSize: (request) => requestPacketSize(imageUpload, request, smp.version),
      },
      image,
      {
        sha256: sha,
        bufSize: preset.bufSize ?? 384,
        // Stop-and-wait: a window of one request (the engine allows buf_count − 1).
        bufCount: stopAndWait ? 2 : (preset.bufCount ?? 4),
        transportMaxPacket: transport.maxPacketSize,
        pacing: stopAndWait ? "device" : "console",
        ...(client === "remembered" && remembered ? { rememberedPacing: remembered } : {}),
        classifyFailure,
        now: () => clock.now(),
        sleep: (ms, signal) => clock.sleep(ms, signal),
        maxRetries: 100,
      },
    ),
  );
  return { ms: result.elapsedMs, lost, learnt: result.pacing };
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function summary(runs: readonly Run[]): { median: number; p95: number; lost: number } {
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  return {
    median: percentile(times, 50),
    p95: percentile(times, 95),
    lost: runs.reduce((n, r) => n + r.lost, 0),
  };
}

const ms = (v: number) => `${(v / 1000).toFixed(2)} s`;

export async function run(): Promise<string[]> {
  const lines = [
    `upload-only of a ${(IMAGE_BODY / 1024).toFixed(0)} KiB image, ${SEEDS} seeds; median / p95, lost requests in all runs`,
  ];
  for (const preset of PRESETS) {
    for (const { name, link } of LINKS) {
      const byClient = new Map<Client, Run[]>();
      for (let seed = 1; seed <= SEEDS; seed++) {
        const first = await upload(preset.options, link(seed), seed, "first run", undefined);
        const remembered = await upload(preset.options, link(seed), seed, "remembered", first.learnt);
        const stop = await upload(preset.options, link(seed), seed, "stop-and-wait", undefined);
        for (const [client, r] of [
          ["first run", first],
          ["remembered", remembered],
          ["stop-and-wait", stop],
        ] as const) {
          byClient.set(client, [...(byClient.get(client) ?? []), r]);
        }
      }
      const baseline = summary(byClient.get("stop-and-wait") ?? []);
      lines.push(`${preset.name}, ${name}:`);
      for (const [client, runs] of byClient) {
        const s = summary(runs);
        const learnt = client === "stop-and-wait" ? "" : `, learnt ${JSON.stringify(runs[0]?.learnt)}`;
        lines.push(
          `  ${client.padEnd(14)} median ${ms(s.median)}  p95 ${ms(s.p95)}  p95/median ${(s.p95 / s.median).toFixed(2)}` +
            `  stop-and-wait/median ${(baseline.median / s.median).toFixed(2)}x  lost ${s.lost}${learnt}`,
        );
      }
    }
  }
  return lines;
}

// Upload goodput against the simulated link's capacity (issue "pipelined, resumable upload", benchmark).
// Time is the simulator's virtual clock, so figures are the engine's behaviour on the modelled link, not this
// machine's speed. Flash is made fast here so that the link, not the device, is the bottleneck being measured.
// Beside each BLE figure: the ceiling that the device's buf_size/buf_count and the link allow (connection
// events both ways: an answer goes in the event after its request, the next request in the one after that),
// so a figure is judged against what is physically possible, not against the raw link rate.

import { SmpClient, imageUpload, requestPacketSize } from "../src/core/smp/index.js";
import { SmpDeviceSession, classifyFailure } from "../src/core/update/smp-device-session.js";
import { uploadImage } from "../src/core/update/upload.js";
import { VirtualClock } from "../src/sim/clock.js";
import { SimulatedDevice } from "../src/sim/device.js";
import {
  bleLink,
  bleUploadCeiling,
  linkCapacityBytesPerSecond,
  serialLink,
  serialWireBytes,
  type LinkModel,
} from "../src/sim/link-model.js";
import { buildImage } from "../src/sim/mcuboot/image-builder.js";
import { createMemoryLink } from "../src/sim/memory-transport.js";
import { sha256 } from "../src/sim/sha256.js";

interface Scenario {
  readonly name: string;
  readonly link: LinkModel;
  readonly bufSize: number;
  readonly bufCount: number;
}

const SCENARIOS: readonly Scenario[] = [
  {
    // Zephyr smp_svr's defaults (CONFIG_MCUMGR_TRANSPORT_NETBUF_SIZE 384, COUNT 4) over a common phone link.
    name: "BLE MTU 247, 15 ms, buf 384",
    link: bleLink({ attMtu: 247, connectionIntervalMs: 15 }),
    bufSize: 384,
    bufCount: 4,
  },
  {
    name: "BLE MTU 498, 7.5 ms",
    link: bleLink({ attMtu: 498, connectionIntervalMs: 7.5 }),
    bufSize: 2475,
    bufCount: 4,
  },
  {
    name: "BLE MTU 498, 15 ms",
    link: bleLink({ attMtu: 498, connectionIntervalMs: 15 }),
    bufSize: 2475,
    bufCount: 4,
  },
  { name: "serial 115200, buf 384", link: serialLink({ baudRate: 115200 }), bufSize: 384, bufCount: 4 },
  { name: "serial 115200, buf 2048", link: serialLink({ baudRate: 115200 }), bufSize: 2048, bufCount: 4 },
];

interface Measurement {
  readonly goodput: number;
  readonly chunkData: number;
  readonly peakExtraBytes: number;
}

async function measure(s: Scenario, image: Uint8Array, stopAndWait: boolean): Promise<Measurement> {
  const clock = new VirtualClock();
  const device = await SimulatedDevice.create({
    clock,
    transport: s.link.kind === "ble" ? "ble" : "serial",
    bufSize: s.bufSize,
    bufCount: s.bufCount,
    flash: { pageEraseMs: 0.01, writeBytesPerMs: 1e6 },
    mcuboot: { slotSize: 16 * 1024 * 1024 },
    processingMs: 0.2,
  });
  const link = createMemoryLink(device, { clock, linkModel: s.link });
  const schedule = (ms: number, fn: () => void) => clock.schedule(ms, fn);
  const session = new SmpDeviceSession(new SmpClient(link, { schedule }), link, { schedule });
  const sha = await sha256(image);
  global.gc?.();
  const baseline = process.memoryUsage().arrayBuffers;
  let peak = baseline;
  let samples = 0;
  const start = clock.now();
  const result = await clock.run(
    uploadImage(session.upload, image, {
      sha256: sha,
      bufSize: s.bufSize,
      // Stop-and-wait: a window of one request (the engine allows buf_count − 1).
      bufCount: stopAndWait ? 2 : s.bufCount,
      transportMaxPacket: link.maxPacketSize,
      classifyFailure,
      now: () => clock.now(),
      sleep: (ms, signal) => clock.sleep(ms, signal),
      onOffset: () => {
        // Collect first (when allowed), so that only live buffers count: garbage is not a copy that is kept.
        if (++samples % 64 !== 0) return;
        global.gc?.();
        peak = Math.max(peak, process.memoryUsage().arrayBuffers);
      },
    }),
  );
  const seconds = (clock.now() - start) / 1000;
  return {
    goodput: image.length / seconds,
    chunkData: result.chunkDataSize,
    peakExtraBytes: peak - baseline,
  };
}

function capacity(s: Scenario, chunkData: number, size: number): number {
  if (s.link.kind !== "serial") return linkCapacityBytesPerSecond(s.link);
  // Serial framing ceiling: image bytes per second if every wire byte carried full chunks back to back.
  const packet = requestPacketSize(imageUpload, { off: size, data: new Uint8Array(chunkData) }, 2);
  return (chunkData / serialWireBytes(packet, "request")) * (s.link.baudRate / s.link.bitsPerByte);
}

/** What buf_size/buf_count and the link allow, and which of them binds; the link capacity for serial. */
function ceiling(
  s: Scenario,
  chunkData: number,
  size: number,
  window: number,
): { value: number; bound: string } {
  if (s.link.kind !== "ble") return { value: capacity(s, chunkData, size), bound: "link" };
  const packet = requestPacketSize(imageUpload, { off: size, data: new Uint8Array(chunkData) }, 2);
  const c = bleUploadCeiling(s.link, packet, chunkData, window);
  return { value: c.bytesPerSecond, bound: c.bound };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export async function run(): Promise<string[]> {
  const kb = (v: number, width: number) => (v / 1024).toFixed(1).padStart(width);
  const ratio = (v: number) => v.toFixed(3).padStart(5);
  const lines = [
    "scenario                     link KB/s | pipelined KB/s  /link  ceiling KB/s (bound)    /ceil | stop-and-wait KB/s  ceiling KB/s    /ceil",
  ];
  const size = 1024 * 1024;
  for (const s of SCENARIOS) {
    const piped: number[] = [];
    const saw: number[] = [];
    let chunk = 0;
    for (const seed of [1, 2, 3]) {
      const image = await buildImage({ bodySize: size - 0x300, seed });
      const m = await measure(s, image, false);
      chunk = m.chunkData;
      piped.push(m.goodput);
      saw.push((await measure(s, image, true)).goodput);
    }
    const cap = capacity(s, chunk, size);
    const pipedCeiling = ceiling(s, chunk, size, s.bufCount - 1);
    const sawCeiling = ceiling(s, chunk, size, 1);
    lines.push(
      `${s.name.padEnd(28)} ${kb(cap, 9)} | ${kb(median(piped), 14)}  ${ratio(median(piped) / cap)}  ${kb(pipedCeiling.value, 12)} ${`(${pipedCeiling.bound})`.padEnd(12)} ${ratio(median(piped) / pipedCeiling.value)} | ${kb(median(saw), 18)}  ${kb(sawCeiling.value, 12)}  ${ratio(median(saw) / sawCeiling.value)}`,
    );
  }
  const big = await buildImage({ bodySize: 8 * 1024 * 1024 - 0x300, seed: 9 });
  const m = await measure(SCENARIOS[0]!, big, false);
  lines.push(
    `8 MiB upload over ${SCENARIOS[0]!.name}: ${(m.goodput / 1024).toFixed(1)} KB/s, peak live ArrayBuffer growth during the upload${
      global.gc ? "" : " (run with --expose-gc for live bytes)"
    } ${(m.peakExtraBytes / 1024 / 1024).toFixed(
      2,
    )} MiB (image itself: 8 MiB; a copy per chunk would show as tens of MiB)`,
  );
  lines.push("(virtual time: medians over 3 images; runs are deterministic, so the spread is zero)");
  return lines;
}

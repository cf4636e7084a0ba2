// An SmpClient connected to the simulated device, on virtual time (fast, deterministic; the client's timeouts
// run on the same clock) or on real time.

import { SmpClient } from "../../../src/core/smp/index.js";
import { type Clock, RealClock, VirtualClock } from "../../../src/sim/clock.js";
import { SimulatedDevice } from "../../../src/sim/device.js";
import type { SimulatedDeviceOptions } from "../../../src/sim/device-options.js";
import type { FaultPlan } from "../../../src/sim/faults.js";
import type { LinkModel } from "../../../src/sim/link-model.js";
import { type MemoryTransport, createMemoryLink } from "../../../src/sim/memory-transport.js";

export interface SimClient {
  readonly device: SimulatedDevice;
  readonly client: SmpClient;
  readonly transport: MemoryTransport;
  readonly clock: Clock;
  /** Runs the scenario to completion (on virtual time: moving the clock as needed). */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Requests that were in flight at the same time, at most. */
  maxInFlight(): number;
}

export interface SimClientOptions extends SimulatedDeviceOptions {
  readonly linkModel?: LinkModel;
  readonly faults?: FaultPlan;
  readonly defaultTimeoutMs?: number;
}

// WebCrypto runs on threads virtual time cannot see: route its promises through the active virtual clock so
// VirtualClock.run waits for them instead of reporting a deadlock.
let activeClock: VirtualClock | undefined;
const subtle = globalThis.crypto.subtle;
const originalDigest = subtle.digest.bind(subtle);
Object.defineProperty(subtle, "digest", {
  configurable: true,
  value: (...args: Parameters<SubtleCrypto["digest"]>) =>
    activeClock ? activeClock.track(originalDigest(...args)) : originalDigest(...args),
});

export async function virtualSim(options: SimClientOptions = {}): Promise<SimClient> {
  const clock = new VirtualClock();
  activeClock = clock;
  return connect(clock, options, (work) => clock.run(work));
}

export async function realSim(options: SimClientOptions = {}): Promise<SimClient> {
  activeClock = undefined;
  return connect(new RealClock(), options, (work) => work());
}

async function connect(
  clock: Clock,
  options: SimClientOptions,
  run: <T>(work: () => Promise<T>) => Promise<T>,
): Promise<SimClient> {
  const { linkModel, faults, defaultTimeoutMs, ...deviceOptions } = options;
  const device = await SimulatedDevice.create({ clock, ...deviceOptions });
  const transport = createMemoryLink(device, {
    clock,
    ...(linkModel ? { linkModel } : {}),
    ...(faults ? { faults } : {}),
  });
  // The client's timeouts run on the scenario's clock, so a lost request times out in virtual time too.
  const client = new SmpClient(transport, {
    schedule: (ms, fn) => clock.schedule(ms, fn),
    ...(defaultTimeoutMs !== undefined ? { defaultTimeoutMs } : {}),
  });
  let peak = 0;
  const send = transport.send.bind(transport);
  Object.defineProperty(transport, "send", {
    value: (packet: Uint8Array, signal?: AbortSignal) => {
      peak = Math.max(peak, client.inFlight);
      return send(packet, signal);
    },
  });
  return { device, client, transport, clock, run, maxInFlight: () => peak };
}

// A simulated device on virtual time, with a factory of links to it and a spy on every SMP request that
// leaves the client, so tests can assert what was (and was not) sent: e.g. no test/confirm of a foreign hash.

import { onTestFinished } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { decodePacket } from "../../../src/core/smp/packet.js";
import type { Transport, TransportFactory } from "../../../src/core/transport.js";
import type { UpdateMode, UpdateOutcome } from "../../../src/core/update/flow-types.js";
import { verifierFor } from "../../../src/core/update/image-acceptance.js";
import { classifyFailure, isUnsupported, smpConnector } from "../../../src/core/update/smp-device-session.js";
import type { PackageTarget } from "../../../src/core/update/targets.js";
import { runPackageUpdate, runUpdate, type UpdateOptions } from "../../../src/core/update/update-flow.js";
import { VirtualClock } from "../../../src/sim/clock.js";
import { SimulatedDevice } from "../../../src/sim/device.js";
import type { SimulatedDeviceOptions } from "../../../src/sim/device-options.js";
import type { FaultPlan } from "../../../src/sim/faults.js";
import type { LinkModel } from "../../../src/sim/link-model.js";
import { createMemoryTransportFactory } from "../../../src/sim/memory-transport.js";

export interface SentRequest {
  readonly group: number;
  readonly command: number;
  readonly op: number;
  readonly body: Record<string, unknown>;
}

export interface SimHarness {
  readonly clock: VirtualClock;
  readonly device: SimulatedDevice;
  readonly factory: TransportFactory;
  readonly sent: SentRequest[];
  /** Client options that put request timeouts on the scenario's virtual clock. */
  readonly clientOptions: { schedule: (ms: number, fn: () => void) => () => void };
  /** Hashes (hex) sent in image state writes (test or confirm). */
  markedHashes(): string[];
}

// WebCrypto works on real threads that virtual time cannot see: while a scenario runs, its promises go through
// the scenario's clock so VirtualClock.run waits for them instead of reporting a deadlock. The patch is put on
// by startSim and taken off when the test that started it finishes, so no other test sees a patched global.
const TRACKED_SUBTLE = [
  "digest",
  "verify",
  "importKey",
  "exportKey",
  "decrypt",
  "deriveBits",
  "unwrapKey",
] as const;

function trackWebCryptoOn(clock: VirtualClock): () => void {
  const subtle = globalThis.crypto.subtle;
  const saved = TRACKED_SUBTLE.map((name) => [name, Object.getOwnPropertyDescriptor(subtle, name)] as const);
  for (const name of TRACKED_SUBTLE) {
    const original = subtle[name].bind(subtle) as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(subtle, name, {
      configurable: true,
      value: (...args: unknown[]) => clock.track(original(...args)),
    });
  }
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(subtle, name, descriptor);
      else Reflect.deleteProperty(subtle, name);
    }
  };
}

let restoreWebCrypto: (() => void) | undefined;

function scopeWebCryptoTo(clock: VirtualClock): void {
  restoreWebCrypto?.();
  restoreWebCrypto = trackWebCryptoOn(clock);
  onTestFinished(() => {
    restoreWebCrypto?.();
    restoreWebCrypto = undefined;
  });
}

export async function startSim(
  options: SimulatedDeviceOptions & {
    readonly linkModel?: LinkModel;
    readonly faults?: FaultPlan | ((connection: number) => FaultPlan | undefined);
  } = {},
): Promise<SimHarness> {
  const clock = new VirtualClock();
  scopeWebCryptoTo(clock);
  const { linkModel, faults, ...deviceOptions } = options;
  const device = await SimulatedDevice.create({ clock, ...deviceOptions });
  const inner = createMemoryTransportFactory(device, {
    clock,
    ...(linkModel ? { linkModel } : {}),
    ...(faults ? { faults } : {}),
  });
  const sent: SentRequest[] = [];
  const factory: TransportFactory = {
    label: inner.label,
    async open(signal) {
      return spy(await inner.open(signal), sent);
    },
  };
  return {
    clock,
    device,
    factory,
    sent,
    clientOptions: { schedule: (ms, fn) => clock.schedule(ms, fn) },
    markedHashes: () =>
      sent
        .filter((r) => r.group === 1 && r.command === 0 && r.op === 2)
        .map((r) => (r.body.hash instanceof Uint8Array ? toHex(r.body.hash) : "(running image)")),
  };
}

function spy(transport: Transport, sent: SentRequest[]): Transport {
  return tapTransport(transport, {
    sent(packet) {
      const { header, body } = decodePacket(packet);
      sent.push({ group: header.group, command: header.command, op: header.op, body: { ...body } });
    },
  });
}

/** The same link, with `tap` told of every whole packet sent and received (before the client sees it). */
export function tapTransport(
  transport: Transport,
  tap: { sent?(packet: Uint8Array): void; received?(packet: Uint8Array): void },
): Transport {
  if (tap.received) transport.onPacket(tap.received);
  return {
    label: transport.label,
    ...(transport.kind ? { kind: transport.kind } : {}),
    maxPacketSize: transport.maxPacketSize,
    closed: transport.closed,
    onPacket: (listener) => transport.onPacket(listener),
    close: () => transport.close(),
    send(packet, signal) {
      tap.sent?.(packet);
      return transport.send(packet, signal);
    },
  };
}

/**
 * Update-flow options for a scenario on the harness's virtual clock. Simulator images carry a hash but no
 * signature: the explicit unsigned override is what lets them through.
 */
export function simFlowOptions(
  sim: SimHarness,
  mode: UpdateMode,
  extra: Partial<UpdateOptions> = {},
): UpdateOptions {
  return {
    mode,
    verify: verifierFor([], true),
    classifyFailure,
    isUnsupported,
    sleep: (ms, signal) => sim.clock.sleep(ms, signal),
    now: () => sim.clock.now(),
    ...extra,
  };
}

/** The whole update flow for one image against the simulator, on its virtual clock. */
export function updateOnSim(
  sim: SimHarness,
  image: Uint8Array,
  mode: UpdateMode,
  extra: Partial<UpdateOptions> = {},
): Promise<UpdateOutcome> {
  return sim.clock.run(
    runUpdate(smpConnector(sim.factory, sim.clientOptions), image, simFlowOptions(sim, mode, extra)),
  );
}

/** The same for a package of images. */
export function packageUpdateOnSim(
  sim: SimHarness,
  images: readonly PackageTarget[],
  mode: UpdateMode,
  extra: Partial<UpdateOptions> = {},
): Promise<UpdateOutcome> {
  return sim.clock.run(
    runPackageUpdate(smpConnector(sim.factory, sim.clientOptions), images, simFlowOptions(sim, mode, extra)),
  );
}

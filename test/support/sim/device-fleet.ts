// Several simulated devices on one virtual clock, each reachable through its own link factory: the devices
// of a batch install.

import type { SmpClientOptions } from "../../../src/core/smp/index.js";
import type { FlowSettings, InstallTarget } from "../../../src/core/manifest/index.js";
import { SimulatedDevice } from "../../../src/sim/device.js";
import { bleLink } from "../../../src/sim/link-model.js";
import { createMemoryTransportFactory } from "../../../src/sim/memory-transport.js";
import type { VirtualClock } from "../../../src/sim/clock.js";
import { startSim } from "./harness.js";

export interface Bench {
  readonly clock: VirtualClock;
  readonly devices: SimulatedDevice[];
  readonly targets: InstallTarget[];
  readonly clientOptions: SmpClientOptions;
  readonly flow: FlowSettings;
}

export interface BenchDevice {
  readonly board?: string;
  readonly version?: { readonly major: number; readonly minor: number; readonly revision: number };
  readonly name?: string;
}

const FAST_FLASH = { pageEraseMs: 2, writeBytesPerMs: 2000 };

export async function bench(specs: readonly BenchDevice[]): Promise<Bench> {
  // startSim puts WebCrypto on this scenario's clock; the devices share that clock.
  const { clock } = await startSim({ transport: "ble" });
  const devices: SimulatedDevice[] = [];
  const targets: InstallTarget[] = [];
  for (const [i, spec] of specs.entries()) {
    const name = spec.name ?? `Acme-${i + 1}`;
    const device = await SimulatedDevice.create({
      clock,
      transport: "ble",
      firmware: {
        version: spec.version ?? { major: 1, minor: 0, revision: 0 },
        bodySize: 4096,
        seed: 11 + i,
      },
      appInfo: { nodeName: name, hardwarePlatform: spec.board ?? "nrf52840dk/nrf52840" },
      flash: FAST_FLASH,
    });
    devices.push(device);
    targets.push({
      factory: createMemoryTransportFactory(device, {
        clock,
        label: `BLE ${name}`,
        linkModel: bleLink({ attMtu: 498, connectionIntervalMs: 15 }),
      }),
      link: { kind: "bluetooth", name },
    });
  }
  return {
    clock,
    devices,
    targets,
    clientOptions: { schedule: (ms, fn) => clock.schedule(ms, fn) },
    flow: {
      sleep: (ms, signal) => clock.sleep(ms, signal),
      now: () => clock.now(),
      reconnect: { attempts: 20, initialDelayMs: 200, maxDelayMs: 1000 },
    },
  };
}

// A page-side harness for the Tools panel's browser tests: builds a simulated device (in the page, on real
// time), connects an SmpClient over an in-memory link and mounts <DeviceToolsPanel> above the served app.
// Bundled by tools-harness-build.ts and injected with page.addScriptTag.

import { createRoot } from "react-dom/client";
import { DeviceToolsPanel } from "../../../src/app/tools/index.js";
import { SmpClient } from "../../../src/core/smp/index.js";
import { SimulatedDevice, bleLink, createMemoryLink } from "../../../src/sim/index.js";

export interface HarnessOptions {
  /** Give the panel this list instead of letting it find out. */
  readonly supportedGroups?: readonly number[];
}

export interface Harness {
  fileBytes(path: string): number[] | undefined;
  setting(name: string): string | undefined;
}

async function mountToolsPanel(options: HarnessOptions = {}): Promise<void> {
  const text = (s: string) => new TextEncoder().encode(s);
  const device = await SimulatedDevice.create({
    transport: "ble",
    processingMs: 0,
    flash: { writeBytesPerMs: 1e6 },
    fs: { files: { "/lfs1/log.txt": text("boot ok\nready\n") } },
    settings: { roots: ["app"], storage: true, values: { "app/name": text("pump-7") } },
    rtc: "2020-01-01T00:00:00Z",
  });
  const client = new SmpClient(
    createMemoryLink(device, { linkModel: bleLink({ connectionIntervalMs: 7.5 }) }),
  );
  const host = document.createElement("div");
  host.id = "tools-harness";
  document.body.prepend(host);
  createRoot(host).render(
    <DeviceToolsPanel
      client={client}
      {...(options.supportedGroups ? { supportedGroups: options.supportedGroups } : {})}
    />,
  );
  const harness: Harness = {
    fileBytes: (path) => {
      const data = device.files().get(path);
      return data ? Array.from(data) : undefined;
    },
    setting: (name) => {
      const value = device.settingsValues().runtime.get(name);
      return value ? new TextDecoder().decode(value) : undefined;
    },
  };
  Object.assign(window, { toolsHarness: harness });
}

Object.assign(window, { mountToolsPanel });

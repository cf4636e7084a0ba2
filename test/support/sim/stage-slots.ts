// Puts a simulated device's slots in a given state by hand, over a link of its own, the way an earlier
// session would have: an image uploaded (and optionally marked for test), or installed on trial. Tests then
// meet the device as a technician would find it.

import { parseImageHeader } from "../../../src/core/mcuboot/index.js";
import { SmpClient } from "../../../src/core/smp/client.js";
import { imageStateWrite } from "../../../src/core/smp/commands/image.js";
import type { UpdateMode } from "../../../src/core/update/flow-types.js";
import { verifierFor } from "../../../src/core/update/image-acceptance.js";
import { classifyFailure, isUnsupported, smpConnector } from "../../../src/core/update/smp-device-session.js";
import { runUpdate } from "../../../src/core/update/update-flow.js";
import type { SimulatedDevice } from "../../../src/sim/device.js";
import { createMemoryTransportFactory } from "../../../src/sim/memory-transport.js";

export async function stageSlots(
  device: SimulatedDevice,
  bytes: Uint8Array,
  mode: UpdateMode,
  markForTest = false,
): Promise<void> {
  const factory = createMemoryTransportFactory(device);
  await runUpdate(smpConnector(factory), bytes, {
    mode,
    // Simulator images carry a hash but no signature.
    verify: verifierFor([], true),
    classifyFailure,
    isUnsupported,
    reconnect: { initialDelayMs: 10, maxDelayMs: 100 },
  });
  if (!markForTest) return;
  const transport = await factory.open();
  const client = new SmpClient(transport);
  await client.request(imageStateWrite, { hash: parseImageHeader(bytes).imageHash, confirm: false });
  client.dispose();
  await transport.close();
}

// The simulator's in-memory link (src/sim) meets the same Transport contract as the real links, with the
// simulated device itself as the echo peer (it answers os echo as Zephyr does).

import { beforeAll } from "vitest";
import { SimulatedDevice, buildImage, createMemoryLink, udpLink } from "../../src/sim/index.js";
import { describeTransportContract } from "./transport-contract.js";

let primary: Uint8Array;

beforeAll(async () => {
  primary = await buildImage({ bodySize: 1024 });
});

describeTransportContract("simulator memory link", {
  async open() {
    // A buffer big enough for the 2 KiB packet test, and room for 8 requests at once (a Zephyr-like device with
    // 4 buffers would drop some: that is the device's limit, not the link's); a fast link keeps the suite quick.
    const device = await SimulatedDevice.create({
      transport: "udp",
      bufSize: 4096,
      buffering: "unlimited",
      slots: { primary },
    });
    const link = createMemoryLink(device, { linkModel: udpLink({ latencyMs: 0.1, bytesPerMs: 100_000 }) });
    return { transport: link, loseLink: () => link.disconnect() };
  },
});

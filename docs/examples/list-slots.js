// mcuflash/core: list a device's image slots over any link (a TransportFactory: Web Serial, Web Bluetooth,
// a Node serial port, UDP, or the simulator's in-memory link).
import { SmpClient, imageStateRead, toHex } from "mcuflash/core";

/** @param {import("mcuflash/core").TransportFactory} factory */
export async function listSlots(factory) {
  const transport = await factory.open();
  const client = new SmpClient(transport);
  try {
    const { images } = await client.request(imageStateRead, {});
    return images.map((s) => ({
      image: s.image ?? 0,
      slot: s.slot,
      version: s.version,
      hash: s.hash ? toHex(s.hash) : undefined,
      active: s.active === true,
      confirmed: s.confirmed === true,
    }));
  } finally {
    client.dispose();
    await transport.close();
  }
}

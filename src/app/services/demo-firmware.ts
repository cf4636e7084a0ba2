// Lazy chunk: sample firmware for the Demo device, signed by the simulator's public demo key, so a visitor
// without firmware of their own can try the whole flow, signature check included.

import { DEMO_KEY_NAME, buildDemoImage, demoPublicKeyPem } from "../../sim/demo-firmware.js";

let minor = 0;

export interface DemoFirmware {
  readonly file: File;
  readonly keyPem: string;
  readonly keyName: string;
}

/** Each call makes the next version (1.1.0, 1.2.0, ...), newer than the demo device's factory 1.0.0. */
export async function nextDemoFirmware(): Promise<DemoFirmware> {
  minor += 1;
  const bytes = await buildDemoImage({
    version: { major: 1, minor, revision: 0 },
    bodySize: 48 * 1024,
    seed: minor,
  });
  return {
    file: new File([new Uint8Array(bytes)], `demo-app-1.${minor}.0.signed.bin`, {
      type: "application/octet-stream",
    }),
    keyPem: await demoPublicKeyPem(),
    keyName: DEMO_KEY_NAME,
  };
}

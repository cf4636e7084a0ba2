// `mcuflash/core`: the platform-free stack (SMP client and commands, the device client and MCUboot mode table, serial/GATT framing, MCUboot images and
// keys, the upload engine and update flow, vendor manifests, device tools). Runs in browsers, Node and workers;
// the platform's links come in as a Transport.

export * from "./errors.js";
export * from "./bytes.js";
export * from "./transport.js";
export * from "./smp/index.js";
export * from "./device/index.js";
export * from "./framing/index.js";
export * from "./mcuboot/index.js";
export * from "./update/index.js";
export * from "./manifest/index.js";
export * from "./device-tools/index.js";
// Two modules define an image version (the header's, with its text form, and the update flow's); the header's
// is the one users read from a parsed image.
export type { ImageVersion } from "./mcuboot/index.js";

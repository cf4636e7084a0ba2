// The SMP core's public surface: codec, command definitions, errors and the client.

export * from "./cbor.js";
export * from "./header.js";
export * from "./packet.js";
export * from "./command.js";
export * from "./validate.js";
export * from "./commands/index.js";
export * from "./rc/index.js";
export * from "./device-error.js";
export * from "./request-packet.js";
export * from "./client-errors.js";
export * from "./client.js";

// The device client and the MCUboot mode table.
export * from "./boot-modes.js";
export * from "./device-client.js";
export * from "./errors.js";
export * from "./slot-state.js";

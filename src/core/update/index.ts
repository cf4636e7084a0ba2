// Public API of core/update: the pipelined, resumable upload and the update flow around it (verify, upload,
// test/confirm, reset, check), with its progress and audit events.

export * from "./chunk-size.js";
export * from "./device-session.js";
export * from "./errors.js";
export * from "./flow-plan.js";
export * from "./flow-types.js";
export * from "./image-acceptance.js";
export * from "./pacing.js";
export * from "./progress.js";
export * from "./reconnect.js";
export * from "./retransmission-timer.js";
export * from "./secondary-slot.js";
export * from "./send-rule.js";
export * from "./session-store.js";
export * from "./smp-device-session.js";
export type { PackageTarget } from "./targets.js";
export * from "./update-flow.js";
export * from "./upload.js";
export * from "./version.js";
export * from "./window.js";

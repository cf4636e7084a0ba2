// Device tools: looking inside a device over SMP — files, shell, statistics, settings, clock, threads, memory
// pools, OS and bootloader facts, and which groups it has. Platform-free; the CLI verbs and the app's Tools
// panel call these and hold no protocol logic of their own.

export * from "./errors.js";
export * from "./device-support.js";
export * from "./checksum.js";
export * from "./fs-info.js";
export * from "./fs-upload.js";
export * from "./fs-download.js";
export * from "./shell.js";
export * from "./shell-history.js";
export * from "./stats.js";
export * from "./settings-value.js";
export * from "./settings.js";
export * from "./datetime.js";
export * from "./os-tools.js";
export * from "./groups.js";

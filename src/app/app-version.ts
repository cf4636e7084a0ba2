// McuFlash's own version, for audit records (set by the build from package.json; "dev" in unit tests).

declare const __MCUFLASH_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __MCUFLASH_VERSION__ === "string" ? __MCUFLASH_VERSION__ : "dev";

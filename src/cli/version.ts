// The version `mcuflash --version` prints, read from package.json with an import attribute so a bundler inlines
// it into the bin (and tsx or Node load it directly when the CLI runs from source).

import packageJson from "../../package.json" with { type: "json" };

export const MCUFLASH_VERSION: string = packageJson.version;

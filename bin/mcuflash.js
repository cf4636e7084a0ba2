#!/usr/bin/env node
// Entry point of the `mcuflash` command: loads the TypeScript CLI through tsx's loader, so `npx mcuflash`
// works straight after `npm ci` with no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");

// The harness bundle defines the global McuFlashHarness in the page; this gives the tests' page.evaluate
// callbacks its type.

import type * as Harness from "./harness.js";

declare global {
  var McuFlashHarness: typeof Harness;
}

export {};

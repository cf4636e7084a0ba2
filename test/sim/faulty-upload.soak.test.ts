// Seeded fault-injection uploads against the simulator: every run ends (no deadlock, no crash) and, when it
// completes, the slot holds the image intact. A few seeds always; all of them under `npm run soak`.
import { describe, expect, test } from "vitest";
import { soakRuns } from "../support/campaign-size.js";
import { faultyUpload } from "../support/sim/faulty-upload.js";

describe("faulty uploads", () => {
  const runs = soakRuns(1000, 3);
  test(`${runs} seeded runs end, and completed ones are intact`, async () => {
    for (let seed = 1000; seed < 1000 + runs; seed++) {
      const result = await faultyUpload(seed);
      if (result.requests < 3000) expect(result.intact, `seed ${seed}`).toBe(true);
    }
  });
});

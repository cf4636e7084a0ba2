import { describe, expect, test } from "vitest";
import type { UploadSession } from "../../src/core/update/session-store.js";
import type { StoredFirmware } from "../../src/app/storage/records.js";
import { resumeOffers } from "../../src/app/update/resume-offers.js";
import { startBlocker } from "../../src/app/update/start-readiness.js";

describe("start readiness", () => {
  const allowed = { kind: "allowed", summary: "ok" } as const;
  const untrusted = { kind: "needs-override", summary: "u", warning: "w" } as const;
  const refused = { kind: "refused", summary: "r", advice: "a" } as const;
  const ready = {
    connected: true,
    hasImage: true,
    verdict: allowed,
    overrideAccepted: false,
    running: false,
  };

  test("says the first thing missing, in order of the steps", () => {
    expect(startBlocker(ready)).toBeUndefined();
    expect(startBlocker({ ...ready, running: true })).toMatch(/running/);
    expect(startBlocker({ ...ready, hasImage: false, verdict: undefined, connected: false })).toMatch(
      /Pick a firmware/,
    );
    expect(startBlocker({ ...ready, verdict: refused })).toMatch(/refused/);
    expect(startBlocker({ ...ready, verdict: untrusted })).toMatch(/override/);
    expect(startBlocker({ ...ready, verdict: untrusted, overrideAccepted: true })).toBeUndefined();
    expect(startBlocker({ ...ready, connected: false })).toMatch(/Connect a device/);
  });
});

describe("resume offers", () => {
  const session: UploadSession = {
    sha256: "s1",
    imageHash: "h1",
    imageNumber: 0,
    size: 1000,
    device: "BLE Zephyr",
    offset: 455,
    updatedAt: "t",
  };
  const firmware: StoredFirmware = {
    id: "f1",
    name: "app.zip",
    size: 2000,
    source: "file",
    addedAt: "t",
    lastUsedAt: "t",
    images: [
      { imageNumber: 1, sha256: "other" },
      { imageNumber: 0, sha256: "s1", version: "1.2.3" },
    ],
  };

  test("match the kept file holding those bytes and say how far it got", () => {
    expect(resumeOffers([session], [firmware])).toEqual([
      { session, firmware, version: "1.2.3", percent: 45 },
    ]);
  });

  test("a session without its file is still listed (to discard); finished ones are not", () => {
    expect(resumeOffers([session], [])[0]?.firmware).toBeUndefined();
    expect(resumeOffers([{ ...session, offset: 1000 }], [firmware])).toEqual([]);
  });
});

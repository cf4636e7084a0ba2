// The checks made before anything is sent, against imgtool-built vectors: DEPENDENCY TLVs against the versions
// the device will hold afterwards (the package's own images first, then what runs), the newer-version rule of
// the modes that boot the newest image, and the --no-downgrade guard.
// ed25519-dep1.bin (1.2.3+4) needs image 1 at 2.3.4+5 or later; ed25519-dep2-seccnt.bin (1.2.3+4) needs image 0
// at 1.0.0 and image 2 at 255.255.65535+4294967295.
import { describe, expect, test } from "vitest";
import type { FlowPlan } from "../../../src/core/update/flow-plan.js";
import type { SlotState } from "../../../src/core/update/flow-types.js";
import {
  checkDependencies,
  checkNewerForInPlace,
  checkVersions,
  type CheckedImage,
} from "../../../src/core/update/package-checks.js";
import { vectorBytes } from "../mcuboot/manifest.js";

const DEP1 = vectorBytes("images/deps/ed25519-dep1.bin");
const DEP2 = vectorBytes("images/deps/ed25519-dep2-seccnt.bin");
const PLAIN = vectorBytes("images/signed/ed25519-1k-pure-seccnt.bin");

const slot = (image: number, version: string, over: Partial<SlotState> = {}): SlotState => ({
  image,
  slot: 0,
  version,
  hash: "aa",
  bootable: true,
  pending: false,
  confirmed: true,
  active: true,
  permanent: false,
  ...over,
});

const app = (bytes: Uint8Array, imageNumber = 0, version = "1.2.3+4"): CheckedImage => ({
  imageNumber,
  bytes,
  version,
});

function thrown(run: () => void): Record<string, unknown> | undefined {
  try {
    run();
  } catch (error) {
    return error as Record<string, unknown>;
  }
  return undefined;
}

describe("DEPENDENCY TLVs", () => {
  test("met by the running image at exactly the minimum, in Zephyr's or imgtool's spelling", () => {
    expect(thrown(() => checkDependencies([app(DEP1)], [slot(1, "2.3.4.5")]))).toBeUndefined();
    expect(thrown(() => checkDependencies([app(DEP1)], [slot(1, "2.3.4+5")]))).toBeUndefined();
    expect(thrown(() => checkDependencies([app(DEP1)], [slot(1, "3.0.0")]))).toBeUndefined();
  });

  test("a running image one build short: dependency-unmet, naming what the device would hold", () => {
    expect(thrown(() => checkDependencies([app(DEP1)], [slot(1, "2.3.4.4")]))).toMatchObject({
      step: "downgrade-check",
      code: "dependency-unmet",
      params: {
        image: 0,
        version: "1.2.3+4",
        needs: 1,
        minVersion: "2.3.4+5",
        after: "2.3.4.4",
        from: "device",
      },
      hint: "dependency-unmet",
    });
  });

  test("an image in the same package decides, whatever runs now", () => {
    const newerInPackage = [app(DEP1), app(PLAIN, 1, "2.4.0")];
    expect(thrown(() => checkDependencies(newerInPackage, [slot(1, "1.0.0")]))).toBeUndefined();
    const olderInPackage = [app(DEP1), app(PLAIN, 1, "2.3.4+4")];
    expect(thrown(() => checkDependencies(olderInPackage, [slot(1, "9.0.0")]))).toMatchObject({
      code: "dependency-unmet",
      params: { needs: 1, after: "2.3.4+4", from: "package" },
    });
  });

  test("nothing of the image it needs, running or in the package: dependency-missing", () => {
    const inactive = slot(1, "9.9.9", { active: false, slot: 1 });
    for (const slots of [[], [slot(0, "1.0.0")], [inactive]]) {
      expect(thrown(() => checkDependencies([app(DEP1)], slots))).toMatchObject({
        step: "downgrade-check",
        code: "dependency-missing",
        params: { image: 0, version: "1.2.3+4", needs: 1, minVersion: "2.3.4+5" },
        hint: "dependency-missing",
      });
    }
  });

  test("every dependency of every image is checked: the second one of dep2 needs the largest version", () => {
    const withImage2 = (version: string) => [app(DEP2), app(PLAIN, 2, version)];
    expect(
      thrown(() => checkDependencies(withImage2("255.255.65535+4294967295"), [slot(0, "0.1.0")])),
    ).toBeUndefined();
    expect(
      thrown(() => checkDependencies(withImage2("255.255.65535+4294967294"), [slot(0, "0.1.0")])),
    ).toMatchObject({
      code: "dependency-unmet",
      params: { needs: 2, minVersion: "255.255.65535+4294967295", from: "package" },
    });
    // Its first dependency (image 0 at 1.0.0) is met by the image itself, 1.2.3+4, not the older running 0.1.0.
    const second = app(PLAIN, 2, "255.255.65535+4294967295");
    expect(thrown(() => checkDependencies([second, app(DEP2)], [slot(0, "0.1.0")]))).toBeUndefined();
  });

  test("an image without DEPENDENCY TLVs needs nothing", () => {
    expect(thrown(() => checkDependencies([app(PLAIN)], []))).toBeUndefined();
  });
});

const plan = (strategy: FlowPlan["strategy"]): FlowPlan =>
  ({
    strategy,
    reverts: false,
    marks: true,
    recovery: false,
    decision: { text: "DirectXIP", number: 5, inferred: false, note: { key: "x", params: {} } },
  }) as FlowPlan;

describe("the newest image boots (direct-XIP, RAM load)", () => {
  const target = (version: string, hashHex = "bb") => ({ ...app(PLAIN, 0, version), hashHex });

  test("an image not newer than the running one would never run: version-not-newer", () => {
    for (const version of ["1.2.3+4", "1.2.3", "1.0.0"]) {
      expect(
        thrown(() => checkVersions(target(version), plan("other-slot"), [slot(0, "1.2.3.4")], {})),
      ).toMatchObject({
        step: "downgrade-check",
        code: "version-not-newer",
        params: { mode: "DirectXIP", image: 0, version, running: "1.2.3.4" },
        hint: "version-not-newer",
      });
    }
    expect(
      thrown(() => checkVersions(target("1.2.3+5"), plan("other-slot"), [slot(0, "1.2.3.4")], {})),
    ).toBeUndefined();
  });

  test("the same image as the running one (same hash) is not refused; other modes have no such rule", () => {
    const running = [slot(0, "1.2.3", { hash: "bb" })];
    expect(
      thrown(() => checkVersions(target("1.2.3", "bb"), plan("other-slot"), running, {})),
    ).toBeUndefined();
    expect(thrown(() => checkVersions(target("1.0.0", "cc"), plan("swap"), running, {}))).toBeUndefined();
  });

  test("checkNewerForInPlace lets through what it cannot compare, or when nothing runs", () => {
    expect(thrown(() => checkNewerForInPlace(app(PLAIN, 0, "1.0.0"), undefined, "x"))).toBeUndefined();
    expect(thrown(() => checkNewerForInPlace(app(PLAIN, 0, "1.0.0"), slot(0, "beta"), "x"))).toBeUndefined();
    expect(thrown(() => checkNewerForInPlace(app(PLAIN, 0, "dev"), slot(0, "1.0.0"), "x"))).toBeUndefined();
  });
});

describe("--no-downgrade", () => {
  const target = (version: string) => ({ ...app(PLAIN, 0, version), hashHex: "bb" });
  const running = [slot(0, "2.0.0.7")];

  test("an older image is refused, naming both versions; the same or a newer one goes", () => {
    expect(
      thrown(() => checkVersions(target("2.0.0+6"), plan("swap"), running, { noDowngrade: true })),
    ).toMatchObject({
      step: "downgrade-check",
      code: "downgrade-refused",
      params: { version: "2.0.0+6", version2: "2.0.0.7" },
      hint: "downgrade-refused",
    });
    expect(
      thrown(() => checkVersions(target("2.0.0+7"), plan("swap"), running, { noDowngrade: true })),
    ).toBeUndefined();
    expect(
      thrown(() => checkVersions(target("2.1.0"), plan("swap"), running, { noDowngrade: true })),
    ).toBeUndefined();
  });

  test("off, forced, or with nothing running for this image, any version goes", () => {
    const old = target("1.0.0");
    expect(thrown(() => checkVersions(old, plan("swap"), running, {}))).toBeUndefined();
    expect(
      thrown(() => checkVersions(old, plan("swap"), running, { noDowngrade: true, force: true })),
    ).toBeUndefined();
    expect(
      thrown(() => checkVersions(old, plan("swap"), [slot(1, "9.0.0")], { noDowngrade: true })),
    ).toBeUndefined();
    expect(
      thrown(() =>
        checkVersions(old, plan("swap"), [slot(0, "9.0.0", { active: false })], { noDowngrade: true }),
      ),
    ).toBeUndefined();
  });
});

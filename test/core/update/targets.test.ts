// Which build of each package image is sent: for direct-XIP ("other-slot") the one built for the slot that is
// not running, otherwise slot 0's; an untagged single build goes anywhere; a build for the wrong slot or two
// builds for one slot stop before anything is verified or sent. Each chosen build must pass the verifier.
import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import type { FlowPlan } from "../../../src/core/update/flow-plan.js";
import type { SlotState } from "../../../src/core/update/flow-types.js";
import { chooseVariants, type PackageTarget } from "../../../src/core/update/targets.js";
import type { VerifiedImage } from "../../../src/core/update/update-flow.js";

const plan = (strategy: FlowPlan["strategy"]): FlowPlan =>
  ({ strategy, reverts: false, marks: true, recovery: false, decision: {} }) as unknown as FlowPlan;
const directXip = plan("other-slot");
const swap = plan("swap");

const running = (image: number, slotNumber: number): SlotState => ({
  image,
  slot: slotNumber,
  version: "1.0.0",
  hash: "",
  bootable: true,
  pending: false,
  confirmed: true,
  active: true,
  permanent: false,
});

const build = (imageNumber: number, tag: number, slotNumber?: number): PackageTarget => ({
  imageNumber,
  bytes: Uint8Array.of(imageNumber, tag),
  ...(slotNumber !== undefined ? { slot: slotNumber } : {}),
  name: `image${imageNumber}-${tag}.bin`,
});

/** Accepts every image; its hash is the bytes repeated, its version names them. */
function verifier(refuse: (bytes: Uint8Array) => boolean = () => false) {
  const seen: Uint8Array[] = [];
  const verify = (bytes: Uint8Array): Promise<VerifiedImage> => {
    seen.push(bytes);
    return Promise.resolve({
      accepted: !refuse(bytes),
      reason: { key: refuse(bytes) ? "test.refused" : "test.ok", params: { bytes: bytes.join(".") } },
      hash: Uint8Array.of(...bytes, ...bytes),
      version: `1.${bytes[0]}.${bytes[1]}`,
    });
  };
  return { verify, seen };
}

async function refusal(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  return promise.then(
    () => {
      throw new Error("did not reject");
    },
    (error: unknown) => error as Record<string, unknown>,
  );
}

describe("the build for the slot the image will run from", () => {
  test("direct-XIP running from slot 0 gets the slot-1 build, and from slot 1 the slot-0 build", async () => {
    const images = [build(0, 10, 0), build(0, 11, 1)];
    const fromZero = await chooseVariants(images, directXip, [running(0, 0)], verifier().verify);
    expect(fromZero.map((t) => t.bytes)).toEqual([images[1]!.bytes]);
    expect(fromZero[0]).toMatchObject({
      destination: 1,
      builtFor: 1,
      slotBuild: { slot: 1, runningSlot: 0, name: "image0-11.bin" },
    });
    const fromOne = await chooseVariants(images, directXip, [running(0, 1)], verifier().verify);
    expect(fromOne.map((t) => t.bytes)).toEqual([images[0]!.bytes]);
  });

  test("each image number looks at its own running slot", async () => {
    const images = [build(1, 20, 0), build(1, 21, 1), build(0, 10, 0), build(0, 11, 1)];
    const targets = await chooseVariants(
      images,
      directXip,
      [running(0, 1), running(1, 0)],
      verifier().verify,
    );
    expect(targets.map((t) => [t.imageNumber, t.bytes[1]])).toEqual([
      [0, 10],
      [1, 21],
    ]);
  });

  test("with nothing running (or any other mode) the slot-0 build is sent", async () => {
    const images = [build(0, 10, 0), build(0, 11, 1)];
    const idle = await chooseVariants(images, directXip, [], verifier().verify);
    expect(idle[0]!.bytes).toEqual(images[0]!.bytes);
    const swapped = await chooseVariants(images, swap, [running(0, 1)], verifier().verify);
    expect(swapped[0]!.bytes).toEqual(images[0]!.bytes);
  });

  test("a single untagged build is sent whatever the slot", async () => {
    const only = [build(0, 10)];
    const targets = await chooseVariants(only, directXip, [running(0, 0)], verifier().verify);
    expect(targets[0]!.bytes).toEqual(only[0]!.bytes);
  });
});

describe("packages that cannot be matched to the device", () => {
  test("a single build tagged for the running slot: variant-wrong-slot, nothing verified", async () => {
    const { verify, seen } = verifier();
    const error = await refusal(chooseVariants([build(0, 10, 0)], directXip, [running(0, 0)], verify));
    expect(error).toMatchObject({
      step: "verify",
      code: "variant-wrong-slot",
      params: { image: 0, builtFor: 0, slot: 1 },
      hint: "variant-wrong-slot",
    });
    expect(seen).toEqual([]);
  });

  test("two builds and none for the slot, or two untagged: package-duplicate-image", async () => {
    const { verify } = verifier();
    const wrong = await refusal(
      chooseVariants([build(0, 10, 0), build(0, 11, 0)], directXip, [running(0, 0)], verify),
    );
    expect(wrong).toMatchObject({
      step: "verify",
      code: "package-duplicate-image",
      params: { files: 2, image: 0, slot: 1 },
      hint: "package-duplicate-image",
    });
    const untagged = await refusal(chooseVariants([build(2, 1), build(2, 2)], swap, [], verify));
    expect(untagged).toMatchObject({
      code: "package-duplicate-image",
      params: { files: 2, image: 2, slot: 0 },
    });
  });
});

describe("the chosen builds", () => {
  test("are verified in image-number order and carry the verifier's hash, its hex, version and reason", async () => {
    const { verify, seen } = verifier();
    const images = [build(1, 5), build(0, 7)];
    const targets = await chooseVariants(images, swap, [], verify);
    expect(seen).toEqual([images[1]!.bytes, images[0]!.bytes]);
    expect(targets).toEqual([
      {
        imageNumber: 0,
        bytes: images[1]!.bytes,
        hash: Uint8Array.of(0, 7, 0, 7),
        hashHex: toHex(Uint8Array.of(0, 7, 0, 7)),
        version: "1.0.7",
        reason: { key: "test.ok", params: { bytes: "0.7" } },
        skipped: false,
        destination: 0,
        builtFor: undefined,
      },
      {
        imageNumber: 1,
        bytes: images[0]!.bytes,
        hash: Uint8Array.of(1, 5, 1, 5),
        hashHex: "01050105",
        version: "1.1.5",
        reason: { key: "test.ok", params: { bytes: "1.5" } },
        skipped: false,
        destination: 0,
        builtFor: undefined,
      },
    ]);
  });

  test("a refused image stops the update with the verifier's reason; the package variant names the image", async () => {
    const refuseImage1 = verifier((bytes) => bytes[0] === 1);
    const package2 = await refusal(chooseVariants([build(0, 1), build(1, 2)], swap, [], refuseImage1.verify));
    expect(package2).toMatchObject({
      step: "verify",
      code: "image-refused",
      params: { reasonKey: "test.refused", bytes: "1.2", image: 1 },
      variant: "package",
      hint: "image-refused",
    });
    const single = await refusal(chooseVariants([build(1, 2)], swap, [], refuseImage1.verify));
    expect(single).toMatchObject({ code: "image-refused", variant: undefined, params: { image: 1 } });
  });
});

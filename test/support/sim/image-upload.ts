// Image helpers for simulator tests: upload through handlePacket, read image state.
import { expect } from "vitest";
import type { CborMap, CborValue } from "../../../src/core/smp/cbor.js";
import { type SimulatedDevice } from "../../../src/sim/index.js";
import { sha256 } from "../../../src/sim/sha256.js";
import { G, ask, decode, req } from "./smp-packets.js";

export async function uploadAll(
  device: SimulatedDevice,
  image: Uint8Array,
  options: { chunk?: number; from?: number; sha?: Uint8Array } = {},
): Promise<CborMap> {
  const chunk = options.chunk ?? 256;
  const sha = options.sha ?? (await sha256(image));
  let off = options.from ?? 0;
  let last: CborMap = {};
  while (off < image.length) {
    const data = image.subarray(off, off + chunk);
    const body: CborMap = off === 0 ? { image: 0, len: image.length, off, sha, data } : { off, data };
    const [rsp] = await device.handlePacket(req(G.image, 1, "write", body));
    last = decode(rsp!).body;
    const next = last.off;
    if (typeof next !== "number") throw new Error(`upload failed: ${JSON.stringify(last)}`);
    expect(next).toBeGreaterThan(off);
    off = next;
  }
  return last;
}

export interface SlotView {
  slot: number;
  version: string;
  hash: Uint8Array;
  bootable: boolean;
  pending: boolean;
  confirmed: boolean;
  active: boolean;
  permanent: boolean;
}

function isMap(v: CborValue): v is CborMap {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

export async function imageState(device: SimulatedDevice): Promise<SlotView[]> {
  const answer = await ask(device, G.image, 0, "read");
  const images = answer.body.images;
  if (!Array.isArray(images)) throw new Error(`no images: ${JSON.stringify(answer.body)}`);
  return images.map((entry: CborValue) => {
    if (!isMap(entry)) throw new Error("image entry is not a map");
    const { slot, version, hash, bootable, pending, confirmed, active, permanent } = entry;
    if (
      typeof slot !== "number" ||
      typeof version !== "string" ||
      !(hash instanceof Uint8Array) ||
      typeof bootable !== "boolean" ||
      typeof pending !== "boolean" ||
      typeof confirmed !== "boolean" ||
      typeof active !== "boolean" ||
      typeof permanent !== "boolean"
    ) {
      throw new Error("image entry has the wrong shape");
    }
    return { slot, version, hash, bootable, pending, confirmed, active, permanent };
  });
}

/** Flags as a compact string per slot, e.g. "0:1.0.0 active confirmed". */
export function flags(slots: SlotView[]): string[] {
  return slots.map((s) => {
    const f = (["active", "pending", "confirmed", "permanent"] as const).filter((k) => s[k]);
    return [`${s.slot}:${s.version}`, ...f, ...(s.bootable ? [] : ["non-bootable"])].join(" ");
  });
}

// The upload step for one image of an update: skip it when a slot already holds the image, else stream it with
// the upload engine, reconnect and resume from the device's offset when the link drops, and make room in the
// secondary slot (with consent) when the device has none free.

import { toHex } from "../bytes.js";
import { flatSlot } from "../device/slot-state.js";
import { digest } from "../mcuboot/digest.js";
import { TransportError } from "../transport.js";
import type { DeviceParams, DeviceSession } from "./device-session.js";
import { type Message, words } from "../errors.js";
import { linkLost, MAX_LINK_LOSSES, type FlowContext } from "./flow-context.js";
import type { PackageProgress } from "./flow-types.js";
import { makeRoomInSecondarySlot } from "./secondary-slot.js";
import type { PacingProfile } from "./pacing.js";
import type { RetransmissionTimer } from "./retransmission-timer.js";
import type { UploadSessionStore } from "./session-store.js";
import { uploadImage, type ChunkFailure, type UploadTimeouts } from "./upload.js";

export interface UploadStepOptions {
  readonly classifyFailure: (error: unknown) => ChunkFailure;
  readonly upgradeOnly?: boolean | undefined;
  readonly confirmErase?: ((question: Message) => Promise<boolean>) | undefined;
  readonly sessionStore?: UploadSessionStore | undefined;
  readonly timeouts?: Partial<UploadTimeouts> | undefined;
  readonly now?: (() => number) | undefined;
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  readonly clock?: (() => Date) | undefined;
}

export interface UploadTarget {
  readonly imageNumber: number;
  readonly bytes: Uint8Array;
  readonly hashHex: string;
}

export interface UploadResult {
  readonly bytes: number;
  readonly ms: number;
}

/** Streams one image; `place` says where it sits in the package (for progress over all images). */
export async function uploadTarget(
  ctx: FlowContext,
  target: UploadTarget,
  params: DeviceParams,
  options: UploadStepOptions,
  place: Omit<PackageProgress, "bytes">,
  doneBefore: number,
  /** The link's round-trip estimate, kept across reconnects and images of one run. */
  retransmission: RetransmissionTimer,
): Promise<UploadResult> {
  const signal = ctx.signal;
  const sha256 = await digest("sha256", target.bytes);
  const shaHex = toHex(sha256);
  const store = options.sessionStore;
  const now = options.now ?? (() => performance.now());
  const clock = options.clock ?? (() => new Date());
  let session = ctx.session ?? (await ctx.reconnect());
  // What earlier runs (and earlier attempts of this one) learnt about pacing requests to this device.
  let learnt: PacingProfile | undefined = await store
    ?.loadLinkProfile?.(session.label)
    .catch(() => undefined);
  const attempt = (session: DeviceSession) =>
    uploadImage(session.upload, target.bytes, {
      pacing: session.linkKind === "serial" ? "console" : "device",
      ...(learnt ? { rememberedPacing: learnt } : {}),
      onPacingLearnt: (profile) => {
        learnt = profile;
        void store
          ?.saveLinkProfile?.(session.label, { ...profile, updatedAt: clock().toISOString() })
          .catch(() => undefined);
      },
      retransmission,
      sha256,
      imageNumber: target.imageNumber,
      ...(options.upgradeOnly ? { upgrade: true } : {}),
      bufSize: params.bufSize,
      bufCount: params.bufCount,
      transportMaxPacket: session.maxPacketSize,
      ...(session.shrinkPacketLimit ? { shrinkPacketLimit: session.shrinkPacketLimit } : {}),
      classifyFailure: options.classifyFailure,
      ...(signal ? { signal } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      now,
      onProgress: (progress) =>
        ctx.options.onEvent?.({
          type: "progress",
          progress,
          package: { ...place, bytes: doneBefore + progress.bytes },
        }),
      onOffset: (offset) => {
        void store?.save({
          sha256: shaHex,
          imageHash: target.hashHex,
          imageNumber: target.imageNumber,
          size: target.bytes.length,
          device: session.label,
          offset,
          updatedAt: clock().toISOString(),
        });
      },
    });
  let linkLosses = 0;
  let erased = false;
  for (;;) {
    try {
      const result = await attempt(session);
      await store?.clear(shaHex);
      return { bytes: result.bytes - result.resumedFrom, ms: result.elapsedMs };
    } catch (error) {
      if (error instanceof TransportError && !signal?.aborted && linkLosses < MAX_LINK_LOSSES) {
        // The link dropped mid-upload: reconnect and let the device tell us where it got to.
        linkLosses += 1;
        ctx.record("upload", "failed", linkLost("audit.link-lost-resume", error));
        ctx.enter("reconnect", words("step.reconnecting-resume"));
        await ctx.dropSession();
        session = await ctx.reconnect();
        ctx.enter("upload", words("step.resuming"));
        continue;
      }
      if (erased || !(await makeRoomAndRetry(ctx, session, target.imageNumber, error, options))) throw error;
      erased = true;
    }
  }
}

/**
 * The device refused the upload for want of a free slot: read why from its slot list, and erase the other
 * slot if that is possible and the user agrees (true: try the upload again); else a typed error explains.
 */
async function makeRoomAndRetry(
  ctx: FlowContext,
  session: DeviceSession,
  imageNumber: number,
  error: unknown,
  options: UploadStepOptions,
): Promise<boolean> {
  if (options.classifyFailure(error) !== "no-free-slot") return false;
  const slots = await session.readImageState(ctx.signal).catch(() => ctx.slotsBefore);
  const detail = await makeRoomInSecondarySlot(
    {
      imageNumber,
      slots,
      confirmErase: options.confirmErase,
      eraseSecondary: () => session.eraseSlot(flatSlot(imageNumber, 1), ctx.signal),
      isNoFreeSlot: (e) => options.classifyFailure(e) === "no-free-slot",
    },
    error,
  );
  if (detail === undefined) return false;
  ctx.record("upload", "ok", detail);
  return true;
}

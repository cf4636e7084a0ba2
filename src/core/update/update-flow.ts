// The update state machine (issue "the whole update flow"): inspect → verify → downgrade check → upload →
// test/confirm → reset → reconnect → check → confirm. Every step emits events and an audit record, and the
// device is only ever asked to test or confirm the exact hash that was verified and that it reports holding.

import { toHex } from "../bytes.js";
import { digest } from "../mcuboot/digest.js";
import { TransportError } from "../transport.js";
import { CancelledError, McuFlashError, type Message, neutralText, words } from "../errors.js";
import type { DeviceConnector, DeviceSession } from "./device-session.js";
import { UpdateFlowError } from "./errors.js";
import type {
  AuditRecord,
  SlotState,
  UpdateEvent,
  UpdateMode,
  UpdateOutcome,
  UpdateStep,
} from "./flow-types.js";
import { SAFE_DEFAULT_BUF_COUNT, SAFE_DEFAULT_BUF_SIZE } from "./chunk-size.js";
import { reconnectWithBackoff, type ReconnectPolicy } from "./reconnect.js";
import { makeRoomInSecondarySlot } from "./secondary-slot.js";
import type { UploadSessionStore } from "./session-store.js";
import type { PacingProfile } from "./pacing.js";
import { RetransmissionTimer } from "./retransmission-timer.js";
import { uploadImage, type ChunkFailure, type UploadTimeouts } from "./upload.js";
import { compareVersions, parseVersion } from "./version.js";

/** What the verification step concluded (core/mcuboot produces it; the flow only reads it). */
export interface VerifiedImage {
  /** True when the image may be sent: valid and trusted, or valid with an explicit unsigned override. */
  readonly accepted: boolean;
  readonly reason: string;
  /** MCUboot image hash (the hash TLV), as the device will report it. */
  readonly hash: Uint8Array;
  readonly version: string;
}

export interface UpdateOptions {
  readonly mode: UpdateMode;
  readonly imageNumber?: number;
  /** Refuse an image older than the one running, unless `force`. */
  readonly noDowngrade?: boolean;
  readonly force?: boolean;
  /** Ask the device to reject versions not newer than the running one (the upload `upgrade` flag). */
  readonly upgradeOnly?: boolean;
  readonly verify: (image: Uint8Array) => Promise<VerifiedImage>;
  readonly classifyFailure: (error: unknown) => ChunkFailure;
  /** True when the error says the device does not support the command (MCUboot serial recovery has no test/confirm). */
  readonly isUnsupported: (error: unknown) => boolean;
  /**
   * Asked before erasing a secondary slot that holds an image set to boot next (the device refused the upload
   * for it); no callback means no erase, and the flow explains what to do instead.
   */
  readonly confirmErase?: (question: Message) => Promise<boolean>;
  readonly sessionStore?: UploadSessionStore;
  readonly onEvent?: (event: UpdateEvent) => void;
  readonly signal?: AbortSignal;
  readonly reconnect?: Partial<ReconnectPolicy>;
  readonly timeouts?: Partial<UploadTimeouts>;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly clock?: () => Date;
}

/** Link drops tolerated during one step before giving up. */
const MAX_LINK_LOSSES = 5;
/** Resets asked for when the device does not restart. */
const MAX_RESETS = 3;

export async function runUpdate(
  connector: DeviceConnector,
  image: Uint8Array,
  options: UpdateOptions,
): Promise<UpdateOutcome> {
  const flow = new UpdateRun(connector, image, options);
  return flow.run();
}

class UpdateRun {
  private readonly audit: AuditRecord[] = [];
  private readonly imageNumber: number;
  private session: DeviceSession | undefined;
  private verified: VerifiedImage | undefined;
  private slotsBefore: SlotState[] = [];
  private step: UpdateStep = "inspect";
  /** The link's round-trip estimate, kept across reconnects to the same device. */
  private readonly retransmission: RetransmissionTimer;

  constructor(
    private readonly connector: DeviceConnector,
    private readonly image: Uint8Array,
    private readonly options: UpdateOptions,
  ) {
    this.imageNumber = options.imageNumber ?? 0;
    this.retransmission = new RetransmissionTimer(
      options.timeouts?.chunkMs !== undefined ? { ceilingMs: options.timeouts.chunkMs } : {},
    );
  }

  async run(): Promise<UpdateOutcome> {
    try {
      return await this.steps();
    } catch (error) {
      const cancelled = this.options.signal?.aborted === true;
      this.record(this.step, cancelled ? "cancelled" : "failed", errorWords(error), {
        errorCode: error instanceof McuFlashError ? error.code : "unexpected",
      });
      if (cancelled && !(error instanceof CancelledError)) throw new CancelledError("update", error);
      throw error;
    } finally {
      await this.session?.close().catch(() => undefined);
    }
  }

  private async steps(): Promise<UpdateOutcome> {
    const { options } = this;
    const signal = options.signal;
    // 1. Inspect the device.
    this.enter("inspect", words("step.connecting", { device: this.connector.label }));
    this.session = await this.connector.connect(signal);
    this.slotsBefore = await this.onDevice((s) => s.readImageState(signal));
    const params = (await this.onDevice((s) => s.readParams(signal)).catch(() => undefined)) ?? {
      bufSize: SAFE_DEFAULT_BUF_SIZE,
      bufCount: SAFE_DEFAULT_BUF_COUNT,
    };
    const running = this.activeSlot(this.slotsBefore);
    this.record("inspect", "ok", words("audit.device-runs", { version: running?.version ?? "" }));

    // 2. Verify the image before a byte leaves the machine.
    this.enter("verify", words("step.verifying"));
    const verified = await options.verify(this.image);
    this.verified = verified;
    if (!verified.accepted) {
      throw new UpdateFlowError(
        "verify",
        "image-refused",
        { reason: verified.reason },
        { hint: "image-refused" },
      );
    }
    const hashHex = toHex(verified.hash);
    this.record("verify", "ok", words("audit.verified", { reason: verified.reason }));

    // 3. Downgrade guard.
    this.enter("downgrade-check", words("step.comparing-versions"));
    this.checkDowngrade(running);

    if (running?.hash === hashHex && options.mode !== "upload-only") {
      if (options.mode !== "test-only" && !running.confirmed) {
        this.enter("confirm", words("step.confirming-running"));
        await this.confirmRunning(verified.hash);
      }
      this.record("done", "ok", words("audit.already-running"));
      return this.outcome(
        "already-running",
        await this.onDevice((s) => s.readImageState(signal)),
        0,
        0,
        true,
      );
    }

    // 4. Upload (skipped when a slot already holds this exact image).
    this.enter("upload", words("step.uploading"));
    const { bytes, ms, skipped } = await this.upload(params, hashHex);
    const afterUpload = await this.onDevice((s) => s.readImageState(signal));
    const holder = afterUpload.find((s) => s.image === this.imageNumber && s.hash === hashHex);
    if (!holder) {
      throw new UpdateFlowError("upload", "hash-not-on-device", {}, { hint: "hash-not-on-device" });
    }
    this.record("upload", "ok", words(skipped ? "audit.upload-skipped" : "audit.uploaded", { bytes }), {
      slotsAfter: afterUpload,
    });
    if (options.mode === "upload-only") {
      this.record("done", "ok", words("audit.uploaded-not-marked"));
      return this.outcome("uploaded", afterUpload, bytes, ms, skipped);
    }

    // 5. Mark the slot: test (revertible) or confirm (permanent). MCUboot serial recovery has neither.
    const permanent = options.mode === "confirm-only";
    const markStep = permanent ? "confirm" : "test";
    this.enter(markStep, words(permanent ? "step.marking-permanent" : "step.marking-test"));
    const serialRecovery = holder.active || (await this.mark(verified.hash, permanent));
    this.record(markStep, "ok", words(serialRecovery ? "audit.no-test-confirm" : "audit.marked"));

    // 6. Reset and reconnect while the bootloader swaps; 7. check what runs now.
    let after = await this.resetUntilBooted(hashHex);
    this.enter("check", words("step.checking"));
    const nowRunning = this.activeSlot(after);
    if (nowRunning?.hash !== hashHex) {
      this.record("check", "failed", words("audit.reverted", { version: nowRunning?.version ?? "" }), {
        slotsAfter: after,
      });
      return this.outcome("reverted", after, bytes, ms, skipped);
    }
    this.record("check", "ok", words("audit.runs", { version: nowRunning.version }), { slotsAfter: after });

    if (options.mode === "test-and-confirm" && !nowRunning.confirmed && !serialRecovery) {
      this.enter("confirm", words("step.confirming"));
      after = await this.confirmRunning(verified.hash);
    }
    this.record("done", "ok", words("audit.now-running", { version: nowRunning.version }), {
      slotsAfter: after,
    });
    return this.outcome("running-new", after, bytes, ms, skipped);
  }

  /** Marks the verified image; returns true when the bootloader has no test/confirm (serial recovery). */
  private async mark(hash: Uint8Array, permanent: boolean): Promise<boolean> {
    const hashHex = toHex(hash);
    try {
      const marked = await this.onDevice((s) => s.writeImageState(hash, permanent, this.options.signal));
      const slot = marked.find((s) => s.image === this.imageNumber && s.hash === hashHex);
      if (!slot?.pending && !slot?.confirmed) {
        throw new UpdateFlowError(permanent ? "confirm" : "test", "not-marked", {}, { hint: "not-marked" });
      }
      return false;
    } catch (error) {
      if (!this.options.isUnsupported(error)) throw error;
      return true;
    }
  }

  /**
   * Resets and reconnects. A reset request can be lost like any packet; if the image is still waiting in the
   * secondary slot afterwards, the device never restarted, so it is asked again.
   */
  private async resetUntilBooted(hashHex: string): Promise<SlotState[]> {
    const signal = this.options.signal;
    for (let attempt = 1; ; attempt++) {
      this.enter("reset", words(attempt === 1 ? "step.resetting" : "step.resetting-again"));
      const session = this.session ?? (await this.reconnect());
      await session.reset(signal).catch((error: unknown) => {
        if (signal?.aborted) throw error;
        // A device may reset before its answer gets out: the reconnect below tells whether it did.
      });
      await session.close().catch(() => undefined);
      this.session = undefined;
      this.record("reset", "ok", words("audit.reset-requested"));
      this.enter("reconnect", words("step.waiting-restart"));
      await this.reconnect();
      this.record("reconnect", "ok", words("audit.reconnected"));
      const slots = await this.onDevice((s) => s.readImageState(signal));
      const waiting = slots.some(
        (s) => s.image === this.imageNumber && s.hash === hashHex && s.pending && !s.active,
      );
      if (!waiting || attempt >= MAX_RESETS) return slots;
    }
  }

  /** Runs a device operation; when the link drops, reconnects (with backoff) and runs it again. */
  private async onDevice<T>(operation: (session: DeviceSession) => Promise<T>): Promise<T> {
    for (let losses = 0; ; losses++) {
      const session = this.session ?? (await this.reconnect());
      try {
        return await operation(session);
      } catch (error) {
        if (!(error instanceof TransportError) || this.options.signal?.aborted || losses >= MAX_LINK_LOSSES)
          throw error;
        this.record(
          this.step,
          "failed",
          words("audit.link-lost", { errorKey: error.messageKey, ...error.params }),
        );
        await session.close().catch(() => undefined);
        this.session = undefined;
      }
    }
  }

  private async upload(
    params: { bufSize: number; bufCount: number },
    hashHex: string,
  ): Promise<{ bytes: number; ms: number; skipped: boolean }> {
    const { options } = this;
    let session = this.session ?? (await this.reconnect());
    if (this.slotsBefore.some((s) => s.image === this.imageNumber && s.hash === hashHex)) {
      return { bytes: 0, ms: 0, skipped: true };
    }
    const sha256 = await digest("sha256", this.image);
    const shaHex = toHex(sha256);
    const store = options.sessionStore;
    const now = options.now ?? (() => performance.now());
    const clock = options.clock ?? (() => new Date());
    // What earlier runs (and earlier attempts of this one) learnt about pacing requests to this device.
    let learnt: PacingProfile | undefined = await store
      ?.loadLinkProfile?.(session.label)
      .catch(() => undefined);
    const attempt = (session: DeviceSession) =>
      uploadImage(session.upload, this.image, {
        pacing: session.linkKind === "serial" ? "console" : "device",
        ...(learnt ? { rememberedPacing: learnt } : {}),
        onPacingLearnt: (profile) => {
          learnt = profile;
          void store
            ?.saveLinkProfile?.(session.label, { ...profile, updatedAt: clock().toISOString() })
            .catch(() => undefined);
        },
        retransmission: this.retransmission,
        sha256,
        imageNumber: this.imageNumber,
        ...(options.upgradeOnly ? { upgrade: true } : {}),
        bufSize: params.bufSize,
        bufCount: params.bufCount,
        transportMaxPacket: session.maxPacketSize,
        ...(session.shrinkPacketLimit ? { shrinkPacketLimit: session.shrinkPacketLimit } : {}),
        classifyFailure: options.classifyFailure,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        ...(options.timeouts ? { timeouts: options.timeouts } : {}),
        now,
        onProgress: (progress) => options.onEvent?.({ type: "progress", progress }),
        onOffset: (offset) => {
          void store?.save({
            sha256: shaHex,
            imageHash: hashHex,
            imageNumber: this.imageNumber,
            size: this.image.length,
            device: session.label,
            offset,
            updatedAt: clock().toISOString(),
          });
        },
      });
    let result;
    let linkLosses = 0;
    let erased = false;
    for (;;) {
      try {
        result = await attempt(session);
        break;
      } catch (error) {
        if (error instanceof TransportError && !options.signal?.aborted && linkLosses < MAX_LINK_LOSSES) {
          // The link dropped mid-upload: reconnect and let the device tell us where it got to.
          linkLosses += 1;
          this.record(
            "upload",
            "failed",
            words("audit.link-lost-resume", { errorKey: error.messageKey, ...error.params }),
          );
          this.enter("reconnect", words("step.reconnecting-resume"));
          await session.close().catch(() => undefined);
          session = await this.reconnect();
          this.enter("upload", words("step.resuming"));
          continue;
        }
        if (erased || !(await this.makeRoomAndRetry(session, error))) throw error;
        erased = true;
      }
    }
    await store?.clear(shaHex);
    return { bytes: result.bytes - result.resumedFrom, ms: result.elapsedMs, skipped: false };
  }

  /** Opens a new session with backoff and makes it the current one. */
  private async reconnect(): Promise<DeviceSession> {
    const { options } = this;
    this.session = undefined;
    const session = await reconnectWithBackoff(this.connector, {
      ...options.reconnect,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    this.session = session;
    return session;
  }

  /**
   * The device refused the upload for want of a free slot: read why from its slot list, and erase the other
   * slot if that is possible and the user agrees (true: try the upload again); else a typed error explains.
   */
  private async makeRoomAndRetry(session: DeviceSession, error: unknown): Promise<boolean> {
    const { options } = this;
    if (options.classifyFailure(error) !== "no-free-slot") return false;
    const slots = await session.readImageState(options.signal).catch(() => this.slotsBefore);
    const detail = await makeRoomInSecondarySlot(
      {
        imageNumber: this.imageNumber,
        slots,
        confirmErase: options.confirmErase,
        // Erase takes Zephyr's flat slot number: image N's secondary slot is 2N + 1.
        eraseSecondary: () => session.eraseSlot(2 * this.imageNumber + 1, options.signal),
        isNoFreeSlot: (e) => options.classifyFailure(e) === "no-free-slot",
      },
      error,
    );
    if (detail === undefined) return false;
    this.record("upload", "ok", detail);
    return true;
  }

  private async confirmRunning(hash: Uint8Array): Promise<SlotState[]> {
    const hashHex = toHex(hash);
    const slots = await this.onDevice((s) => s.writeImageState(hash, true, this.options.signal));
    const active = this.activeSlot(slots);
    if (active?.hash !== hashHex || !active.confirmed) {
      throw new UpdateFlowError("confirm", "not-confirmed", {}, { hint: "not-confirmed" });
    }
    this.record("confirm", "ok", words("audit.confirmed", { version: active.version }), {
      slotsAfter: slots,
    });
    return slots;
  }

  private checkDowngrade(running: SlotState | undefined): void {
    const verified = this.verified;
    if (!this.options.noDowngrade || !running || !verified) return;
    const next = parseVersion(verified.version);
    const current = parseVersion(running.version);
    if (next && current && compareVersions(next, current) < 0 && !this.options.force) {
      throw new UpdateFlowError(
        "downgrade-check",
        "downgrade-refused",
        { version: verified.version, version2: running.version },
        { hint: "downgrade-refused" },
      );
    }
    this.record(
      "downgrade-check",
      "ok",
      words("audit.versions", { from: running.version, to: verified.version }),
    );
  }

  private activeSlot(slots: readonly SlotState[]): SlotState | undefined {
    return slots.find((s) => s.image === this.imageNumber && s.active);
  }

  private enter(step: UpdateStep, text: Message): void {
    if (this.options.signal?.aborted) throw new CancelledError("update", this.options.signal.reason);
    this.step = step;
    this.options.onEvent?.({ type: "step", step, message: neutralText(text), text });
  }

  private record(
    step: UpdateStep,
    result: AuditRecord["result"],
    text: Message,
    extra: Partial<Pick<AuditRecord, "slotsAfter" | "errorCode">> = {},
  ): void {
    const record: AuditRecord = {
      time: (this.options.clock ?? (() => new Date()))().toISOString(),
      device: this.connector.label,
      step,
      result,
      message: neutralText(text),
      text,
      ...(this.verified ? { imageHash: toHex(this.verified.hash), imageVersion: this.verified.version } : {}),
      slotsBefore: this.slotsBefore,
      ...extra,
    };
    this.audit.push(record);
    this.options.onEvent?.({ type: "audit", record });
  }

  private outcome(
    result: UpdateOutcome["result"],
    after: SlotState[],
    uploadedBytes: number,
    uploadMs: number,
    skippedUpload: boolean,
  ): UpdateOutcome {
    const verified = this.verified;
    return {
      result,
      device: this.connector.label,
      imageHash: verified ? toHex(verified.hash) : "",
      imageVersion: verified?.version ?? "",
      previousVersion: this.activeSlot(this.slotsBefore)?.version,
      slotsBefore: this.slotsBefore,
      slotsAfter: after,
      uploadedBytes,
      uploadMs,
      skippedUpload,
      audit: this.audit,
    };
  }
}

function errorWords(error: unknown): Message {
  if (error instanceof McuFlashError) return { key: error.messageKey, params: error.params };
  return words("error.unexpected", { detail: error instanceof Error ? error.message : String(error) });
}

// What every step of the update flow shares: the current session to the device (reconnected with backoff when
// the link drops), the step being run, its events and the audit trail.

import { toHex } from "../bytes.js";
import type { McuFlashError } from "../errors.js";
import { CancelledError, type Message, neutralText, words } from "../errors.js";
import { TransportError } from "../transport.js";
import type { DeviceConnector, DeviceSession } from "./device-session.js";
import type { AuditRecord, SlotState, UpdateEvent, UpdateStep } from "./flow-types.js";
import { reconnectWithBackoff, type ReconnectPolicy } from "./reconnect.js";

export interface FlowContextOptions {
  readonly onEvent?: ((event: UpdateEvent) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly reconnect?: Partial<ReconnectPolicy> | undefined;
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  readonly clock?: (() => Date) | undefined;
}

/** Link drops tolerated during one step before giving up. */
export const MAX_LINK_LOSSES = 5;

export class FlowContext {
  readonly audit: AuditRecord[] = [];
  session: DeviceSession | undefined;
  step: UpdateStep = "inspect";
  slotsBefore: SlotState[] = [];
  /** The image the audit records are about (the first one of a package). */
  subject: { readonly hash: Uint8Array; readonly version: string } | undefined;

  constructor(
    readonly connector: DeviceConnector,
    readonly options: FlowContextOptions,
  ) {}

  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  enter(step: UpdateStep, text: Message): void {
    if (this.signal?.aborted) throw new CancelledError("update", this.signal.reason);
    this.step = step;
    this.options.onEvent?.({ type: "step", step, message: neutralText(text), text });
  }

  record(
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
      ...(this.subject ? { imageHash: toHex(this.subject.hash), imageVersion: this.subject.version } : {}),
      slotsBefore: this.slotsBefore,
      ...extra,
    };
    this.audit.push(record);
    this.options.onEvent?.({ type: "audit", record });
  }

  /** Runs a device operation; when the link drops, reconnects (with backoff) and runs it again. */
  async onDevice<T>(operation: (session: DeviceSession) => Promise<T>): Promise<T> {
    for (let losses = 0; ; losses++) {
      const session = this.session ?? (await this.reconnect());
      try {
        return await operation(session);
      } catch (error) {
        if (!(error instanceof TransportError) || this.signal?.aborted || losses >= MAX_LINK_LOSSES)
          throw error;
        this.record(this.step, "failed", linkLost("audit.link-lost", error));
        await this.dropSession();
      }
    }
  }

  readSlots(): Promise<SlotState[]> {
    return this.onDevice((s) => s.readImageState(this.signal));
  }

  /** Opens a new session with backoff and makes it the current one. */
  async reconnect(): Promise<DeviceSession> {
    this.session = undefined;
    const session = await reconnectWithBackoff(this.connector, {
      ...this.options.reconnect,
      ...(this.signal ? { signal: this.signal } : {}),
      ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
    });
    this.session = session;
    return session;
  }

  async dropSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.close().catch(() => undefined);
  }
}

/** The audit words for a dropped link: the transport error's own catalog key and parameters ride along. */
export function linkLost(key: "audit.link-lost" | "audit.link-lost-resume", error: McuFlashError): Message {
  return words(key, { errorKey: error.messageKey, ...error.params });
}

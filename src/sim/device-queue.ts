// The device's request path, like Zephyr's SMP work queue: requests are handled one at a time in arrival
// order; each needs one of CONFIG_MCUMGR_TRANSPORT_NETBUF_COUNT buffers (the one being handled holds a second
// for its answer), so a burst beyond that is dropped; handling takes simulated time (flash); and the thread
// waits for the transport to take the answer before it starts the next request.

import type { Clock } from "./clock.js";
import type { DispatchResult } from "./smp/dispatcher.js";
import type { LinkKind } from "./smp/group.js";

/** What the device asks of a link attached to it. */
export interface DevicePort {
  readonly kind: LinkKind;
  /** Sends a response; returns how long (ms) the transport keeps the device's SMP thread busy sending it. */
  send(response: Uint8Array): number;
  /** The device went away (reset). */
  lost(reason: Error): void;
}

/** Instructions a fault-injecting link attaches to a request. */
export interface RequestAnnotations {
  /** Answer `{rc}` without processing. */
  readonly rc?: number;
  /** Process, then reset instead of answering. */
  readonly resetAfter?: boolean;
}

export type DropReason =
  | "device-off"
  | "oversize"
  | "no-buffer"
  /** Serial console: a line arrived with every line buffer taken ("Insufficient buffers, fragment dropped"). */
  | "no-line-buffer"
  | "line-too-long"
  /** Serial console: a packet that lost a line failed its length or CRC check. */
  | "bad-frame";

export interface QueueHost {
  readonly clock: Clock;
  readonly bufCount: number;
  readonly buffering: "zephyr" | "unlimited";
  readonly processingMs: number;
  running(): boolean;
  maxRequestSize(via: LinkKind): number;
  process(
    packet: Uint8Array,
    via: LinkKind,
    annotations: RequestAnnotations | undefined,
  ): Promise<DispatchResult>;
  attached(port: DevicePort): boolean;
  resetByFault(): void;
  dropped(reason: DropReason, length: number): void;
}

interface Job {
  readonly packet: Uint8Array;
  readonly port: DevicePort;
  readonly annotations: RequestAnnotations | undefined;
}

export class RequestQueue {
  private jobs: Job[] = [];
  private busy = false;
  private held = 0;
  private epoch = 0;
  private abort = new AbortController();
  /** True while a request's handling holds the CPU (flash write or erase). */
  private holdingCpu = false;
  private unstallWaiters: (() => void)[] = [];

  constructor(private readonly host: QueueHost) {}

  /** Whether the SMP work queue holds the CPU now; other work (the serial fragment decoder) waits. */
  get stalled(): boolean {
    return this.holdingCpu;
  }

  /** Calls `fn` when the CPU is free again (at once if it is). */
  whenUnstalled(fn: () => void): void {
    if (!this.holdingCpu) fn();
    else this.unstallWaiters.push(fn);
  }

  private setHoldingCpu(holding: boolean): void {
    this.holdingCpu = holding;
    if (holding) return;
    const waiters = this.unstallWaiters;
    this.unstallWaiters = [];
    for (const fn of waiters) fn();
  }

  receive(port: DevicePort, packet: Uint8Array, annotations: RequestAnnotations | undefined): void {
    const host = this.host;
    if (!host.running()) return host.dropped("device-off", packet.length);
    if (packet.length > host.maxRequestSize(port.kind)) return host.dropped("oversize", packet.length);
    if (host.buffering === "zephyr" && this.held + (this.busy ? 1 : 0) >= host.bufCount) {
      return host.dropped("no-buffer", packet.length);
    }
    this.held += 1;
    this.jobs.push({ packet, port, annotations });
    this.pump();
  }

  /** Forgets every waiting request and abandons the one being handled (a reset). */
  clear(): void {
    this.epoch += 1;
    this.abort.abort();
    this.abort = new AbortController();
    this.jobs = [];
    this.held = 0;
    this.setHoldingCpu(false);
  }

  private pump(): void {
    if (this.busy) return;
    const job = this.jobs.shift();
    if (!job) return;
    this.busy = true;
    void this.run(job).finally(() => {
      this.busy = false;
      this.pump();
    });
  }

  private async run(job: Job): Promise<void> {
    const { clock } = this.host;
    const epoch = this.epoch;
    const signal = this.abort.signal;
    try {
      this.setHoldingCpu(true);
      let result: DispatchResult;
      try {
        result = await this.host.process(job.packet, job.port.kind, job.annotations);
        if (epoch !== this.epoch) return;
        await clock.sleep(this.host.processingMs + result.spentMs, signal);
      } finally {
        if (epoch === this.epoch) this.setHoldingCpu(false);
      }
      this.held -= 1;
      if (job.annotations?.resetAfter) {
        this.host.resetByFault();
        return;
      }
      let sendingMs = 0;
      for (const response of result.responses) {
        if (this.host.attached(job.port)) sendingMs = Math.max(sendingMs, job.port.send(response));
      }
      for (const action of result.after) action();
      if (sendingMs > 0 && epoch === this.epoch) await clock.sleep(sendingMs, signal);
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  }
}

// The SMP client (DESIGN.md "SmpClient.request"): sends typed requests over a Transport, matches answers by
// sequence number (and group, command, op), and turns them into typed responses or typed errors. Several
// requests may be in flight; each has its own timeout and AbortSignal; losing the link fails them all.
//
// Protocol version: v2 by default. With `autoVersion` (default on) the client adapts once, simply:
// - a device that answers a v2 request with a v1 header speaks v1 only: later requests go out as v1;
// - `rc` UNSUPPORTED_TOO_NEW (13) to a v2 request, or UNSUPPORTED_TOO_OLD (12) to a v1 request: the device
//   rejected the request unread, so it is sent once more with the other version, which then sticks.

import { CancelledError, McuFlashError } from "../errors.js";
import { type Transport, type TransportCloseReason, TransportError } from "../transport.js";
import type { CborMap } from "./cbor.js";
import type { SmpCommand, SmpProtocolVersion } from "./command.js";
import { SmpClientError, SmpTimeoutError, linkError } from "./client-errors.js";
import type { IgnoredPacket, SmpClientOptions, SmpClientStats, SmpRequestOptions } from "./client-types.js";
import { SmpDeviceError, decodeResponse } from "./device-error.js";
import { MgmtRc } from "./rc/index.js";
import { type SmpHeader, decodeHeader, isResponseOp } from "./header.js";
import { decodePacket, encodePacket } from "./packet.js";
import { requestOp, responseOp, versionBits } from "./request-packet.js";
import { SequencePool } from "./sequence-pool.js";

export type * from "./client-types.js";

export const DEFAULT_SMP_TIMEOUT_MS = 5_000;
// setTimeout fires at once for delays past 2^31-1 ms; longer waits are treated as "no timeout".
const MAX_TIMER_MS = 2_147_483_647;

interface Pending {
  readonly name: string;
  readonly group: number;
  readonly id: number;
  readonly responseOp: number;
  answer(header: SmpHeader, bytes: Uint8Array): void;
  fail(error: unknown): void;
}

function standardSchedule(ms: number, fn: () => void): () => void {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
}

export class SmpClient {
  private readonly pending = new Map<number, Pending>();
  private readonly sequences: SequencePool;
  private readonly ignoredListeners = new Set<(event: IgnoredPacket) => void>();
  private readonly unsubscribe: () => void;
  private readonly autoVersion: boolean;
  private readonly defaultTimeoutMs: number;
  private readonly schedule: (ms: number, fn: () => void) => () => void;
  private currentVersion: SmpProtocolVersion;
  private closedBy: TransportCloseReason | "disposed" | undefined;
  private counts = { sent: 0, answered: 0, timedOut: 0, ignored: 0 };

  constructor(
    readonly transport: Transport,
    options: SmpClientOptions = {},
  ) {
    this.currentVersion = options.version ?? 2;
    this.autoVersion = options.autoVersion ?? true;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_SMP_TIMEOUT_MS;
    this.schedule = options.schedule ?? standardSchedule;
    this.sequences = new SequencePool(options.firstSequence ?? 0);
    this.unsubscribe = transport.onPacket((packet) => this.receive(packet));
    void transport.closed.then((reason) => this.shutDown(reason));
  }

  /** The version the next request will use. */
  get version(): SmpProtocolVersion {
    return this.currentVersion;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  get stats(): SmpClientStats {
    return { ...this.counts };
  }

  /** Called for every received packet that no request takes; returns an unsubscribe function. */
  onIgnored(listener: (event: IgnoredPacket) => void): () => void {
    this.ignoredListeners.add(listener);
    return () => this.ignoredListeners.delete(listener);
  }

  /**
   * Sends one request and resolves with the validated response. Rejects with SmpDeviceError (the device
   * answered with an error code), SmpResponseError (malformed answer), SmpTimeoutError, TransportError
   * ("link-lost", "link-closed", or the transport's own send error) or CancelledError (the signal fired).
   */
  request<Req, Res>(
    command: SmpCommand<Req, Res>,
    request: Req,
    options: SmpRequestOptions = {},
  ): Promise<Res> {
    let body: CborMap;
    try {
      body = command.encode(request);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.exchange(command, body, options, this.autoVersion);
  }

  /** Stops listening and fails every pending request with CancelledError. The transport stays open. */
  dispose(): void {
    if (this.closedBy !== undefined) return;
    this.closedBy = "disposed";
    this.unsubscribe();
    for (const entry of [...this.pending.values()])
      entry.fail(new CancelledError("request", undefined, { command: entry.name }));
  }

  private exchange<Req, Res>(
    command: SmpCommand<Req, Res>,
    body: CborMap,
    options: SmpRequestOptions,
    mayRetryVersion: boolean,
  ): Promise<Res> {
    const refusal = this.refusal(command.name);
    if (refusal !== undefined) return Promise.reject(refusal);
    const signal = options.signal;
    if (signal?.aborted)
      return Promise.reject(new CancelledError("request", signal.reason, { command: command.name }));
    const sequence = this.sequences.take();
    if (sequence === undefined) {
      return Promise.reject(
        new SmpClientError(
          "smp-too-many-in-flight",
          { command: command.name },
          { hint: "smp-too-many-in-flight" },
        ),
      );
    }
    const sentVersion = this.currentVersion;
    let packet: Uint8Array;
    try {
      packet = encodePacket(
        {
          op: requestOp(command.op),
          version: versionBits(sentVersion),
          flags: 0,
          group: command.group,
          sequence,
          command: command.id,
        },
        body,
      );
    } catch (error) {
      this.sequences.release(sequence);
      return Promise.reject(error);
    }
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;

    return new Promise<Res>((resolve, reject) => {
      let stopTimer = () => {};
      const finish = (abandon: boolean) => {
        stopTimer();
        signal?.removeEventListener("abort", onAbort);
        this.pending.delete(sequence);
        if (abandon) this.sequences.abandon(sequence);
        else this.sequences.release(sequence);
      };
      const onAbort = () => {
        finish(true);
        reject(new CancelledError("request", signal?.reason, { command: command.name }));
      };
      const entry: Pending = {
        name: command.name,
        group: command.group,
        id: command.id,
        responseOp: responseOp(command.op),
        answer: (header, bytes) => {
          finish(false);
          this.counts.answered += 1;
          this.noteAnswerVersion(sentVersion, header.version);
          try {
            resolve(decodeResponse(command, decodePacket(bytes).body));
          } catch (error) {
            if (mayRetryVersion && this.switchVersionFor(error, sentVersion)) {
              resolve(this.exchange(command, body, options, false));
            } else {
              reject(error);
            }
          }
        },
        fail: (error) => {
          finish(false);
          reject(error);
        },
      };
      this.pending.set(sequence, entry);
      if (Number.isFinite(timeoutMs) && timeoutMs <= MAX_TIMER_MS) {
        stopTimer = this.schedule(Math.max(0, timeoutMs), () => {
          this.counts.timedOut += 1;
          finish(true);
          reject(new SmpTimeoutError(command, timeoutMs));
        });
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      this.counts.sent += 1;
      this.transport.send(packet, signal).catch((error: unknown) => {
        if (this.pending.get(sequence) !== entry) return; // Already settled (abort, timeout, link loss).
        finish(true);
        reject(
          error instanceof McuFlashError
            ? error
            : new TransportError(
                "send-failed",
                { command: command.name },
                { variant: "request", hint: "send-failed.request", cause: error },
              ),
        );
      });
    });
  }

  private receive(bytes: Uint8Array): void {
    let header: SmpHeader;
    try {
      header = decodeHeader(bytes);
    } catch (error) {
      this.ignore({ reason: "malformed", packet: bytes, error });
      return;
    }
    if (!isResponseOp(header.op)) {
      this.ignore({ reason: "not-a-response", packet: bytes, header });
      return;
    }
    const entry = this.pending.get(header.sequence);
    if (entry === undefined) {
      const late = this.sequences.wasAbandoned(header.sequence);
      if (late) this.sequences.settleAbandoned(header.sequence);
      this.ignore({ reason: late ? "late" : "unknown-sequence", packet: bytes, header });
      return;
    }
    if (entry.group !== header.group || entry.id !== header.command || entry.responseOp !== header.op) {
      this.ignore({ reason: "mismatched", packet: bytes, header });
      return;
    }
    // From here the packet is this request's answer, even if its body turns out to be malformed.
    entry.answer(header, bytes);
  }

  private ignore(event: IgnoredPacket): void {
    this.counts.ignored += 1;
    for (const listener of this.ignoredListeners) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not break the receive path.
      }
    }
  }

  private noteAnswerVersion(sent: SmpProtocolVersion, answeredBits: number): void {
    if (this.autoVersion && sent === 2 && answeredBits === versionBits(1)) this.currentVersion = 1;
  }

  private switchVersionFor(error: unknown, sent: SmpProtocolVersion): boolean {
    if (!(error instanceof SmpDeviceError)) return false;
    if (sent === 2 && error.isMgmtRc(MgmtRc.UNSUPPORTED_TOO_NEW)) this.currentVersion = 1;
    else if (sent === 1 && error.isMgmtRc(MgmtRc.UNSUPPORTED_TOO_OLD)) this.currentVersion = 2;
    else return false;
    return true;
  }

  private refusal(command: string): McuFlashError | undefined {
    const by = this.closedBy;
    if (by === undefined) return undefined;
    if (by === "disposed") {
      return new SmpClientError("smp-client-disposed", { command });
    }
    return linkError(by, command);
  }

  private shutDown(reason: TransportCloseReason): void {
    if (this.closedBy !== undefined) return;
    this.closedBy = reason;
    this.unsubscribe();
    for (const entry of [...this.pending.values()]) entry.fail(linkError(reason, entry.name));
  }
}

// The focused install flow as a state machine, shared by the app's install screen and the embeddable
// <mcuflash-install> element (both only render its state): load the manifest → connect a device → check it
// (product, version, release) → install → done → the next device of the batch, with the same release.
// Platform-free: links, downloads and storage are injected.

import type { TrustedKey } from "../mcuboot/index.js";
import type { SmpClientOptions } from "../smp/index.js";
import type { Transport } from "../transport.js";
import type { AuditRecord } from "../update/flow-types.js";
import { buildBatchAudit, batchAuditJson } from "./batch-audit.js";
import type { InstallLinkKind } from "./device-facts.js";
import { fetchFirmware, type Fetcher, type FirmwareCache } from "./fetch-firmware.js";
import {
  failureOf,
  inspectTarget,
  installImages,
  summariseOutcomes,
  type DeviceResult,
  type FlowSettings,
  type InstallEvent,
  type InstallTarget,
} from "./install-device.js";
import {
  NO_DEVICE,
  checkDevice,
  initialInstallState,
  isCancel,
  problem,
  type InstallState,
} from "./install-state.js";
import { loadManifest } from "./load-manifest.js";
import { loadManifestKeys } from "./manifest-keys.js";
import type { Manifest } from "./manifest-types.js";

const PROGRESS_INTERVAL_MS = 150;

export interface InstallSessionOptions {
  readonly manifestUrl: string;
  readonly fetcher: Fetcher;
  readonly cache?: FirmwareCache;
  /** Download the newest release as soon as the manifest is loaded (so it installs offline later). */
  readonly prefetch?: boolean;
  readonly clientOptions?: SmpClientOptions;
  readonly flow?: FlowSettings;
  readonly clock?: () => Date;
}

export class InstallSession {
  private current: InstallState = initialInstallState;
  private readonly listeners = new Set<(state: InstallState) => void>();
  private readonly eventListeners = new Set<(event: InstallEvent) => void>();
  private target: InstallTarget | undefined;
  private transport: Transport | undefined;
  private keys: Promise<TrustedKey[]> | undefined;
  private abort = new AbortController();

  constructor(private readonly options: InstallSessionOptions) {}

  get state(): InstallState {
    return this.current;
  }

  subscribe(listener: (state: InstallState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The update flow's own events (steps, progress, audit records) while installing, for a detailed view. */
  subscribeEvents(listener: (event: InstallEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  private set(patch: Partial<InstallState>): void {
    this.current = { ...this.current, ...patch };
    for (const listener of [...this.listeners]) listener(this.current);
  }

  private fresh(): AbortSignal {
    this.abort = new AbortController();
    return this.abort.signal;
  }

  async load(): Promise<void> {
    const signal = this.fresh();
    this.set({ ...initialInstallState, phase: "loading" });
    try {
      const manifest = await loadManifest(this.options.manifestUrl, this.options.fetcher, signal);
      this.set({ phase: "ready", manifest });
      void this.checkOffline(manifest, signal);
    } catch (error) {
      this.set({ phase: "load-failed", error: problem(error) });
    }
  }

  /** Whether the newest release is kept locally; with `prefetch`, downloads it first. */
  private async checkOffline(manifest: Manifest, signal: AbortSignal): Promise<void> {
    const newest = manifest.releases[0];
    const cache = this.options.cache;
    if (!newest || !cache) return;
    try {
      if (this.options.prefetch) {
        await fetchFirmware(newest, this.options.fetcher, cache, { signal, product: manifest.product });
      }
      const kept = await Promise.all(newest.images.map((i) => cache.get(i.sha256).catch(() => undefined)));
      if (this.current.manifest === manifest) this.set({ offlineReady: kept.every((k) => k !== undefined) });
    } catch {
      // Not fatal: the install downloads (and reports) again when the user asks for it.
    }
  }

  /**
   * Connects the device `request` picks (call from a click: it opens the browser's chooser synchronously),
   * then checks it against the manifest.
   */
  async connect(kind: InstallLinkKind, request: () => Promise<InstallTarget>): Promise<void> {
    const pending = request();
    await this.closeLink();
    this.set({ ...NO_DEVICE, phase: "connecting", linkKind: kind, error: undefined });
    try {
      this.target = await pending;
    } catch (error) {
      this.set({ phase: "ready", error: problem(error) });
      return;
    }
    await this.check();
  }

  /** Reads the connected device again and checks it (after a failed install, for instance). */
  async check(): Promise<void> {
    const { manifest } = this.current;
    const target = this.target;
    if (!manifest || !target) return;
    const signal = this.fresh();
    await this.closeLink();
    this.set({
      phase: "checking",
      error: undefined,
      blocker: undefined,
      result: undefined,
      activity: undefined,
    });
    try {
      const { facts, transport } = await inspectTarget(target, { signal, ...this.clientOptions() });
      this.transport = transport;
      void transport.closed.then(() => {
        if (this.transport === transport) this.transport = undefined;
      });
      const verdict = checkDevice(manifest, facts, this.current.pinned);
      this.set({ phase: "checked", device: facts, ...verdict });
    } catch (error) {
      await this.closeLink();
      this.set({ phase: "ready", error: isCancel(error, signal) ? undefined : problem(error) });
    }
  }

  private clientOptions(): { clientOptions?: SmpClientOptions } {
    return this.options.clientOptions ? { clientOptions: this.options.clientOptions } : {};
  }

  /** Installs the selected release on the checked device. */
  async install(): Promise<void> {
    const { manifest, selection, device, blocker, phase } = this.current;
    const target = this.target;
    if (phase !== "checked" || !manifest || !selection || !device || !target || blocker) return;
    const signal = this.fresh();
    const clock = this.options.clock ?? (() => new Date());
    const release = selection.release;
    const startedAt = clock().toISOString();
    const audit: AuditRecord[] = [];
    const imageCount = release.images.length;
    this.set({
      phase: "installing",
      pinned: release,
      error: undefined,
      activity: {
        step: "download",
        message: "Getting the firmware",
        progress: undefined,
        imageIndex: 0,
        imageCount,
      },
    });
    let outcome: Pick<DeviceResult, "result" | "message" | "errorCode" | "text">;
    try {
      const fetcher = this.options.fetcher;
      this.keys ??= loadManifestKeys(manifest, fetcher, signal).catch((error: unknown) => {
        this.keys = undefined;
        throw error;
      });
      const [images, keys] = await Promise.all([
        fetchFirmware(release, fetcher, this.options.cache, { signal, product: manifest.product }),
        this.keys,
      ]);
      if (this.options.cache)
        this.set({ offlineReady: this.current.offlineReady || release === manifest.releases[0] });
      const outcomes = await installImages(target, { manifest, release, images, keys }, this.transport, {
        signal,
        ...this.clientOptions(),
        ...(this.options.flow ? { flow: this.options.flow } : {}),
        onEvent: (event) => this.onInstallEvent(event, audit),
      });
      outcome = { ...summariseOutcomes(outcomes, release), errorCode: undefined };
    } catch (error) {
      outcome = failureOf(error, signal);
    }
    this.transport = undefined;
    const result: DeviceResult = {
      index: this.current.results.length + 1,
      device: device.label,
      link: device.link.kind,
      board: device.board,
      previousVersion: device.runningVersion,
      release: release.version,
      ...outcome,
      startedAt,
      finishedAt: clock().toISOString(),
      audit,
    };
    this.set({ phase: "done", result, results: [...this.current.results, result] });
  }

  private lastProgressAt = 0;

  private onInstallEvent(event: InstallEvent, audit: AuditRecord[]): void {
    for (const listener of [...this.eventListeners]) listener(event);
    const activity = this.current.activity;
    if (!activity || event.type === "outcome") return;
    if (event.type === "image") {
      this.set({ activity: { ...activity, imageIndex: event.index, progress: undefined } });
      return;
    }
    const update = event.event;
    if (update.type === "audit") {
      audit.push(update.record);
    } else if (update.type === "step") {
      this.set({ activity: { ...activity, step: update.step, message: update.message, text: update.text } });
    } else {
      // A few screen updates a second are enough; the last one (100%) always goes through.
      const at = Date.now();
      if (at - this.lastProgressAt < PROGRESS_INTERVAL_MS && update.progress.bytes < update.progress.total)
        return;
      this.lastProgressAt = at;
      this.set({ activity: { ...activity, progress: update.progress } });
    }
  }

  /** Stops what is running (connecting, checking, installing). */
  cancel(): void {
    this.abort.abort();
  }

  /** Back to "connect", for the next device of the batch (the results and the release are kept). */
  async next(): Promise<void> {
    this.cancel();
    await this.closeLink();
    this.target = undefined;
    this.set({ ...NO_DEVICE, phase: this.current.manifest ? "ready" : "load-failed", error: undefined });
  }

  auditJson(now: Date): string {
    const { manifest, pinned, results } = this.current;
    if (!manifest) return "";
    return batchAuditJson(buildBatchAudit(manifest, pinned, results, now));
  }

  async dispose(): Promise<void> {
    this.cancel();
    this.listeners.clear();
    this.eventListeners.clear();
    await this.closeLink();
  }

  private async closeLink(): Promise<void> {
    const transport = this.transport;
    this.transport = undefined;
    await transport?.close().catch(() => undefined);
  }
}

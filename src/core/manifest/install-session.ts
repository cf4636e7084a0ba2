// The focused install flow as a state machine, shared by the app's install screen and the embeddable
// <mcuflash-install> element (both only render its state): load the manifest → connect a device → check it
// (product, version, release) → install → done → the next device of the batch, with the same release.
// Platform-free: links, downloads and storage are injected.

import { neutralText, words } from "../errors.js";
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
  type ResultWords,
} from "./install-device.js";
import {
  NO_DEVICE,
  checkDevice,
  initialInstallState,
  isCancel,
  problem,
  type InstallState,
  type OfflineStatus,
} from "./install-state.js";
import { loadManifest } from "./load-manifest.js";
import { loadManifestKeys } from "./manifest-keys.js";
import type { Manifest, Release } from "./manifest-types.js";
import { offlinePlan } from "./offline-plan.js";
import { selectRelease } from "./select-release.js";

const PROGRESS_INTERVAL_MS = 150;
const DOWNLOADING = words("install.activity.download");

export interface InstallSessionOptions {
  readonly manifestUrl: string;
  readonly fetcher: Fetcher;
  readonly cache?: FirmwareCache;
  /**
   * As soon as the manifest is loaded, download its keys and every release on the upgrade path (within
   * `offlineBudgetBytes`), so the page installs offline later.
   */
  readonly prefetch?: boolean;
  readonly offlineBudgetBytes?: number;
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

  /** What is kept for offline installs; with `prefetch`, downloads the keys and the upgrade path first. */
  private async checkOffline(manifest: Manifest, signal: AbortSignal): Promise<void> {
    const cache = this.options.cache;
    if (!cache || manifest.releases.length === 0) return;
    const plan = offlinePlan(manifest, this.options.offlineBudgetBytes);
    let keys = false;
    if (this.options.prefetch) {
      keys = await this.manifestKeys(manifest, signal).then(
        () => true,
        () => false,
      );
      for (const release of plan.keep) {
        if (signal.aborted) return;
        await fetchFirmware(release, this.options.fetcher, cache, {
          signal,
          product: manifest.product,
        }).catch(() => undefined);
      }
    }
    const kept: string[] = [];
    const missing: { version: string; reason: "over-budget" | "not-downloaded" }[] = [];
    for (const release of plan.keep) {
      if (await this.isKept(release)) kept.push(release.version);
      else missing.push({ version: release.version, reason: "not-downloaded" });
    }
    for (const release of plan.overBudget) missing.push({ version: release.version, reason: "over-budget" });
    const offline: OfflineStatus = { keys, kept, missing, complete: keys && missing.length === 0 };
    if (this.current.manifest === manifest && !signal.aborted) {
      this.set({ offline, offlineReady: keys && kept.includes(manifest.releases[0]?.version ?? "") });
    }
  }

  private async isKept(release: Release): Promise<boolean> {
    const cache = this.options.cache;
    if (!cache) return false;
    const kept = await Promise.all(release.images.map((i) => cache.get(i.sha256).catch(() => undefined)));
    return kept.every((k) => k !== undefined);
  }

  /** The manifest's keys, downloaded once per session (a failure is retried at the next need). */
  private manifestKeys(manifest: Manifest, signal: AbortSignal): Promise<TrustedKey[]> {
    this.keys ??= loadManifestKeys(manifest, this.options.fetcher, signal).catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
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
        text: DOWNLOADING,
        message: neutralText(DOWNLOADING),
        progress: undefined,
        imageIndex: 0,
        imageCount,
      },
    });
    let outcome: ResultWords;
    try {
      const fetcher = this.options.fetcher;
      const [images, keys] = await Promise.all([
        fetchFirmware(release, fetcher, this.options.cache, { signal, product: manifest.product }),
        this.manifestKeys(manifest, signal),
      ]);
      if (this.options.cache)
        this.set({ offlineReady: this.current.offlineReady || release === manifest.releases[0] });
      const outcomes = await installImages(target, { manifest, release, images, keys }, this.transport, {
        signal,
        ...this.clientOptions(),
        ...(this.options.flow ? { flow: this.options.flow } : {}),
        onEvent: (event) => this.onInstallEvent(event, audit),
      });
      outcome = summariseOutcomes(outcomes, release);
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

  /**
   * The release this device may take now that it runs the one just installed (a step up: 1.0.0 → 1.1.0 makes
   * 1.2.0, which needs 1.1.0, fit), or undefined.
   */
  nextStep(): Release | undefined {
    const { manifest, device, result, phase } = this.current;
    if (phase !== "done" || !manifest || !device || !result || result.result !== "running-new")
      return undefined;
    try {
      const next = selectRelease(manifest, { ...device, runningVersion: result.release }).release;
      return next.version !== result.release ? next : undefined;
    } catch {
      return undefined;
    }
  }

  /** Reads the same device again and offers the release that now fits it (the batch's pin is lifted). */
  async continueUpgrade(): Promise<void> {
    if (!this.nextStep()) return;
    this.set({ pinned: undefined });
    await this.check();
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

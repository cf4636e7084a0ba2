// The simulated device: a Zephyr application serving SMP (the groups in groups/) on top of MCUboot
// (mcuboot/), with the behaviour a client meets on real hardware — one request at a time in arrival order,
// flash erase/write time, a limited number of buffers, a reset that takes the link down and runs the
// bootloader (swap, revert, or rejection of a bad image), and RAM state (an upload in progress, open files,
// unsaved settings) lost on reset.

import { type Clock, RealClock } from "./clock.js";
import { type GroupHost, buildGroups, buildSerialRecoveryGroups } from "./device-groups.js";
import { DeviceRtc, PendingReset, deviceHost } from "./device-host.js";
import { ImageFaultPlan } from "./device-faults.js";
import {
  type ImageFaults,
  type ResolvedOptions,
  type SimulatedDeviceOptions,
  resolveOptions,
} from "./device-options.js";
import { FsStore } from "./groups/fs-store.js";
import { type UploadState, idleUpload } from "./groups/image-upload.js";
import { SettingsStore } from "./groups/settings-store.js";
import type { ShellCommand } from "./groups/shell-group.js";
import { Bootloader, type BootReport } from "./mcuboot/bootloader.js";
import { bootEveryImage, type InitialSlots, initialSlots } from "./device-boot.js";
import { type DispatchResult, dispatchPacket, errorResponse, readRawHeader } from "./smp/dispatcher.js";
import type { LinkKind, SimGroup } from "./smp/group.js";
import { describeSlots, type SlotSnapshot } from "./device-slots.js";
import { type DevicePort, type RequestAnnotations, RequestQueue } from "./device-queue.js";
import { DeviceLinks } from "./device-links.js";

export type { DevicePort, DropReason, RequestAnnotations } from "./device-queue.js";

import type { AttachedPort, DeviceEvent, DeviceState } from "./device-types.js";

export type { AttachedPort, DeviceEvent, DeviceState } from "./device-types.js";

export class SimulatedDevice {
  readonly clock: Clock;
  readonly options: ResolvedOptions;
  /** One per image number (MCUBOOT_IMAGE_NUMBER pairs of slots). */
  readonly bootloaders: readonly Bootloader[];
  private readonly faults: ImageFaultPlan;
  private lastReports: BootReport[] = [];
  private readonly upload: UploadState = idleUpload();
  private readonly fs: FsStore;
  private readonly settings: SettingsStore;
  private readonly groupList: readonly SimGroup[];
  private readonly groups: ReadonlyMap<number, SimGroup>;
  private readonly recoveryGroups: ReadonlyMap<number, SimGroup>;
  /** The retention area's boot mode (survives a reset, read and cleared by MCUboot). */
  private retainedBootMode = 0;
  private recovery = false;
  private current: DeviceState = "running";
  private epoch = 0;
  private bootedAt: number;
  private resets = 0;
  private boots = 1;
  private lastReport: BootReport | undefined;
  private readonly rtc: DeviceRtc;
  private readonly pendingReset = new PendingReset();
  private readonly links: DeviceLinks;
  private readonly queue: RequestQueue;
  private mutex: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(event: DeviceEvent) => void>();
  private waiters: (() => void)[] = [];

  /** Builds the device; without `slots.primary` it first builds a factory image (hashing needs a moment). */
  static async create(options: SimulatedDeviceOptions = {}): Promise<SimulatedDevice> {
    return new SimulatedDevice(options, await initialSlots(options));
  }

  private constructor(options: SimulatedDeviceOptions, contents: readonly InitialSlots[]) {
    this.clock = options.clock ?? new RealClock();
    this.options = resolveOptions(options);
    this.faults = new ImageFaultPlan(this.options.imageFaults);
    this.bootloaders = contents.map((content) => {
      const boot = new Bootloader(this.options.bootloader);
      boot.primary.load(content.primary);
      if (content.secondary) boot.secondary.load(content.secondary);
      // imgtool --confirm: in direct-XIP with revert the factory image must carry a confirmed trailer to boot.
      if (boot.revertsInPlace) {
        boot.primary.trailer = { magic: "good", imageOk: true, copyDone: true };
      }
      return boot;
    });
    this.fs = new FsStore(this.options.fs);
    this.settings = new SettingsStore(this.options.settings);
    this.bootedAt = this.clock.now();
    this.rtc = new DeviceRtc(this.clock, this.options.rtc);
    const host = this.host(options.shellCommands ?? {});
    this.groupList = buildGroups(host);
    this.groups = new Map(this.groupList.map((g) => [g.id, g]));
    this.recoveryGroups = new Map(buildSerialRecoveryGroups(host).map((g) => [g.id, g]));
    this.queue = new RequestQueue({
      clock: this.clock,
      bufCount: this.options.bufCount,
      buffering: this.options.buffering,
      processingMs: this.options.processingMs,
      running: () => this.current === "running",
      maxRequestSize: (via) => this.maxRequestSize(via),
      process: (packet, via, annotations) =>
        this.clock.track(this.exclusive(() => this.process(packet, via, annotations))),
      attached: (port) => this.links.has(port),
      resetByFault: () => this.reset("fault injection: reset during upload"),
      dropped: (reason, length) => this.emit({ type: "dropped", reason, length }),
    });
    this.links = new DeviceLinks({
      queue: this.queue,
      console: this.options.uartConsole,
      running: () => this.current === "running",
      dropped: (reason, length) => this.emit({ type: "dropped", reason, length }),
    });
  }

  private host(shellCommands: Readonly<Record<string, ShellCommand>>): GroupHost {
    return deviceHost({
      options: this.options,
      boots: this.bootloaders,
      upload: this.upload,
      fs: this.fs,
      settings: this.settings,
      shellCommands,
      clock: this.clock,
      rtc: this.rtc,
      pendingReset: this.pendingReset,
      faults: this.faults,
      uptimeMs: () => this.uptimeMs(),
      reset: (reason, stay) => this.reset(reason, stay),
      retainBootMode: (mode) => {
        this.retainedBootMode = mode;
      },
      emit: (event) => this.emit(event),
    });
  }

  get state(): DeviceState {
    return this.current;
  }
  get resetCount(): number {
    return this.resets;
  }
  get bootCount(): number {
    return this.boots;
  }
  get lastBoot(): BootReport | undefined {
    return this.lastReport;
  }
  /** The last boot's report for each image number. */
  get lastBoots(): readonly BootReport[] {
    return this.lastReports;
  }
  /** Image 0's slots (the only ones on a single-image device). */
  get bootloader(): Bootloader {
    return this.bootloaders[0]!;
  }
  /**
   * True while MCUboot waits in serial recovery instead of booting: after a reset with boot mode 1, or in a
   * single-slot mode with no valid application.
   */
  get inSerialRecovery(): boolean {
    return this.recovery;
  }
  /**
   * Whether a reset would find something to run for every image: a valid image in some slot (or, in mode 7,
   * the firmware loader). A device without one is bricked for the user.
   */
  hasBootableImage(): boolean {
    return this.bootloaders.every((b) => b.hasImage());
  }
  /** Group ids in registration order. */
  get groupIds(): number[] {
    return this.groupList.map((g) => g.id);
  }

  uptimeMs(): number {
    return this.current === "running" ? this.clock.now() - this.bootedAt : 0;
  }

  /** The largest request packet the transport of `via` accepts (serial frames also carry length and CRC). */
  maxRequestSize(via: LinkKind = this.options.transport): number {
    return via === "serial" ? this.options.bufSize - 4 : this.options.bufSize;
  }

  onEvent(listener: (event: DeviceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: DeviceEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /**
   * Processes one packet right away (no link, no queue, no simulated time) and returns the responses; an
   * oversize packet or a device that is booting answers nothing. Actions such as a requested reset still
   * follow on the device's clock.
   */
  async handlePacket(packet: Uint8Array, via: LinkKind = this.options.transport): Promise<Uint8Array[]> {
    if (this.current !== "running" || packet.length > this.maxRequestSize(via)) return [];
    const result = await this.clock.track(this.exclusive(() => this.process(packet, via, undefined)));
    for (const action of result.after) action();
    return result.responses;
  }

  /** Connects a link. Requests go in through `receive`; responses come out through `port.send`. */
  attach(port: DevicePort): AttachedPort {
    return this.links.attach(port);
  }

  /** Resolves when the device answers requests (immediately unless it is booting). */
  whenRunning(): Promise<void> {
    if (this.current === "running") return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** A hardware reset now: RAM state is lost, links drop, MCUboot runs, then the application boots. */
  reset(reason = "reset", stayInBootloader = false): void {
    this.epoch += 1;
    this.queue.clear();
    this.links.resetConsoles();
    this.pendingReset.cancel();
    this.resets += 1;
    this.current = "booting";
    Object.assign(this.upload, idleUpload());
    this.fs.closeTransfer();
    this.settings.reboot();
    if (this.options.linkDropsOnReset) this.links.dropAll(reason, "device-reset-dropped");
    this.emit({ type: "reset", reason });
    const epoch = this.epoch;
    // MCUboot reads the retained boot mode first and clears it: 1 keeps it in serial recovery (in mode 7: starts
    // the firmware loader), before any swap.
    const stay = stayInBootloader || this.retainedBootMode === 1;
    this.retainedBootMode = 0;
    void this.clock.track(this.exclusive(() => bootEveryImage(this.bootloaders, stay))).then((reports) => {
      this.recovery = this.bootloader.inRecovery;
      if (epoch !== this.epoch) return;
      const report = reports[0]!;
      const durationMs = reports.reduce((n, r) => n + r.durationMs, 0);
      this.clock.schedule(durationMs, () => {
        if (epoch !== this.epoch) return;
        this.current = "running";
        this.bootedAt = this.clock.now();
        this.boots += 1;
        this.lastReport = report;
        this.lastReports = reports;
        this.emit({ type: "boot", report });
        const waiters = this.waiters;
        this.waiters = [];
        for (const resolve of waiters) resolve();
      });
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.mutex.then(work, work);
    this.mutex = run.catch(() => undefined);
    return run;
  }

  private async process(
    packet: Uint8Array,
    via: LinkKind,
    annotations: RequestAnnotations | undefined,
  ): Promise<DispatchResult> {
    const header = readRawHeader(packet);
    if (header) this.emit({ type: "request", group: header.group, id: header.id, op: header.op });
    if (annotations?.rc !== undefined) {
      return {
        responses: header ? [errorResponse(header, annotations.rc)] : [],
        spentMs: 0,
        after: [],
        requests: [],
      };
    }
    this.fs.expireIdle(this.clock.now());
    const groups = this.recovery ? this.recoveryGroups : this.groups;
    return dispatchPacket(packet, { groups, bufSize: this.options.bufSize, via });
  }

  // ---- State for tests and the demo UI ----

  /** Every image's slots as image state read would describe them, plus their raw trailer state. */
  slots(): SlotSnapshot[] {
    return this.bootloaders.flatMap((boot, image) => describeSlots(boot, image));
  }

  /** A copy of a slot's flash content (slot of image 0, or of `image`). */
  slotBytes(slot: number, image = 0): Uint8Array {
    return (this.bootloaders[image]?.slot(slot)?.bytes ?? new Uint8Array(0)).slice();
  }

  /** Replaces the per-image faults (e.g. lifts a failing upload before a second run); re-arms the reset faults. */
  setImageFaults(faults: Partial<ImageFaults>): void {
    this.faults.replace(faults);
  }

  /** Drops every link without a reset (a cable pulled, a BLE disconnection). */
  dropLinks(reason: string): void {
    this.links.dropAll(reason, "simulated-links-dropped");
  }

  uploadState(): Readonly<UploadState> {
    return { ...this.upload, sha: this.upload.sha.slice() };
  }

  files(): ReadonlyMap<string, Uint8Array> {
    return new Map(this.fs.files);
  }

  settingsValues(): ReturnType<SettingsStore["snapshot"]> {
    return this.settings.snapshot();
  }

  rtcTime(): number | undefined {
    return this.rtc.now();
  }
}

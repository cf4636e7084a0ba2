// <mcuflash-install manifest="https://vendor.example/fw/manifest.json" [demo]>: a vendor's "Update your gadget"
// button. It loads the manifest, lets the user connect the device (the links the manifest allows and the
// browser supports; with `demo`, a simulated device), checks it, installs the newest matching signed release,
// and offers the next device. The only network requests are the manifest and its firmware and key URLs; all
// three are kept in the page's Cache Storage, so the same page installs offline later.

import {
  InstallSession,
  allowedLinks,
  initialInstallState,
  type InstallLinkKind,
  type InstallState,
} from "../core/manifest/index.js";
import { cacheStorageFirmwareCache } from "../web/cache-storage-firmware.js";
import { browserFetcher } from "../web/install-fetcher.js";
import { requestInstallTarget } from "../web/install-links.js";
import { detectLinkSupport, readBrowserEnv, type LinkKind, type LinkSupport } from "../web/capabilities.js";
import { outcomeEvents, stateDetail, type EmbedStateName } from "./embed-events.js";
import { applyStyles } from "./embed-styles.js";
import { EmbedView, isUnsupported, type EmbedModel } from "./embed-view.js";

export class McuflashInstallElement extends HTMLElement {
  static readonly observedAttributes = ["manifest", "demo"];

  private session: InstallSession | undefined;
  private unsubscribe: (() => void) | undefined;
  private view: EmbedView | undefined;
  private support: Readonly<Record<LinkKind, LinkSupport>> | undefined;
  private choosing = false;
  private last: InstallState = initialInstallState;
  private lastName: EmbedStateName | undefined;
  private lastStep: string | undefined;

  /** The current state, as in the last `state-changed` event. */
  get state(): EmbedStateName {
    return this.lastName ?? "loading";
  }

  connectedCallback(): void {
    if (!this.view) {
      const root = this.attachShadow({ mode: "open" });
      applyStyles(root);
      this.view = new EmbedView(root, {
        activate: () => this.activate(),
        connect: (kind) => this.connect(kind),
        install: () => void this.session?.install(),
        cancel: () => this.session?.cancel(),
        next: () => {
          this.choosing = false;
          void this.session?.next();
        },
        retry: () => void this.session?.check(),
      });
      void readBrowserEnv().then((env) => {
        this.support = detectLinkSupport(env);
        this.render();
        this.announce();
      });
    }
    this.start();
  }

  disconnectedCallback(): void {
    this.stop();
  }

  attributeChangedCallback(_name: string, before: string | null, after: string | null): void {
    if (this.isConnected && this.view && before !== after) this.start();
  }

  private get demo(): boolean {
    return this.hasAttribute("demo");
  }

  private start(): void {
    this.stop();
    const attribute = this.getAttribute("manifest") ?? "";
    let manifestUrl = attribute.trim();
    try {
      if (manifestUrl !== "") manifestUrl = new URL(manifestUrl, document.baseURI).href;
    } catch {
      // Left as written: the session reports it as an address that is not allowed.
    }
    const session = new InstallSession({
      manifestUrl,
      // Manifest, keys and firmware are kept in this page's Cache Storage, so it installs offline later.
      fetcher: browserFetcher({ offline: true }),
      cache: cacheStorageFirmwareCache(),
    });
    this.session = session;
    this.choosing = false;
    this.unsubscribe = session.subscribe((state) => this.onState(state));
    void session.load();
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    void this.session?.dispose();
    this.session = undefined;
  }

  /** Links the manifest allows that this browser can use; only the simulated device in demo mode. */
  private usable(): InstallLinkKind[] | undefined {
    const manifest = this.last.manifest;
    if (this.demo) return ["demo"];
    if (!manifest || !this.support) return undefined;
    const support = this.support;
    return allowedLinks(manifest).filter((kind) => kind !== "demo" && support[kind].supported);
  }

  private unsupportedReason(): string | undefined {
    if (!this.support) return undefined;
    const reasons = [this.support.bluetooth, this.support.serial].map(
      (s) => `${s.reason}${s.hint ? ` ${s.hint}` : ""}`,
    );
    return [...new Set(reasons)].join(" ");
  }

  private activate(): void {
    const usable = this.usable();
    const only = usable?.length === 1 ? usable[0] : undefined;
    // One way to connect: open its chooser right inside this click. Several: ask which first.
    if (only) this.connect(only);
    else if (usable && usable.length > 1) {
      this.choosing = true;
      this.render();
    }
  }

  private connect(kind: InstallLinkKind): void {
    const session = this.session;
    const manifest = this.last.manifest;
    if (!session || !manifest) return;
    this.choosing = false;
    void session.connect(kind, () => requestInstallTarget(kind, manifest));
  }

  private onState(state: InstallState): void {
    const before = this.last;
    this.last = state;
    this.render();
    this.announce();
    const { done, error } = outcomeEvents(before, state);
    if (done) this.emit("done", done);
    if (error) this.emit("error", error);
  }

  /** Fires `state-changed` when the state name or the install step changed since the last one. */
  private announce(): void {
    const state = this.last;
    const name: EmbedStateName = isUnsupported(this.model()) ? "unsupported" : state.phase;
    const step = state.activity?.step;
    if (name === this.lastName && step === this.lastStep) return;
    this.lastName = name;
    this.lastStep = step;
    this.emit("state-changed", stateDetail(name, state));
  }

  private model(): EmbedModel {
    return {
      state: this.last,
      demo: this.demo,
      usable: this.usable(),
      unsupportedReason: this.unsupportedReason(),
      choosing: this.choosing,
    };
  }

  private render(): void {
    this.view?.render(this.model());
  }

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

// <mcuflash-install manifest="https://vendor.example/fw/manifest.json" [demo] [lang="de"]>: a vendor's "Update your gadget"
// button. It loads the manifest, lets the user connect the device (the links the manifest allows and the
// browser supports; with `demo`, a simulated device), checks it, installs the newest matching signed release,
// and offers the next device. The only network requests are the manifest and its firmware and key URLs; all
// three are kept in the page's Cache Storage, so the same page installs offline later. It speaks the language
// of its `lang` attribute, else the page's, else the browser's (English, German, Simplified Chinese).

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
import {
  detectLinkSupport,
  readBrowserEnv,
  type BrowserEnv,
  type LinkKind,
  type LinkSupport,
} from "../web/capabilities.js";
import { LOCALE_TAGS, type Locale } from "../i18n/locales.js";
import { outcomeEvents, stateDetail, type EmbedStateName } from "./embed-events.js";
import { applyStyles } from "./embed-styles.js";
import { EmbedView, isUnsupported, type EmbedModel } from "./embed-view.js";
import { elementLocale, inLocale, loadWords } from "./embed-words.js";
import { i18n } from "../i18n/browser-i18n.js";

export class McuflashInstallElement extends HTMLElement {
  static readonly observedAttributes = ["manifest", "demo", "lang"];

  private session: InstallSession | undefined;
  private unsubscribe: (() => void) | undefined;
  private view: EmbedView | undefined;
  private env: BrowserEnv | undefined;
  /** What this browser supports, worded in the element's language at the last render. */
  private support: Readonly<Record<LinkKind, LinkSupport>> | undefined;
  /** The language shown, once its words are loaded. */
  private locale: Locale | undefined;
  private wanted: Locale | undefined;
  private pageLang: MutationObserver | undefined;
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
        this.env = env;
        this.render();
        this.announce();
      });
    }
    // A page that switches its language (`<html lang>`) switches the element with it.
    this.pageLang = new MutationObserver(() => this.followLanguage());
    this.pageLang.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
    this.followLanguage();
    this.start();
  }

  disconnectedCallback(): void {
    this.pageLang?.disconnect();
    this.pageLang = undefined;
    this.stop();
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null): void {
    if (!this.isConnected || !this.view || before === after) return;
    if (name === "lang") this.followLanguage();
    else this.start();
  }

  /** Loads the words of the language this element should speak now, then shows it. */
  private followLanguage(): void {
    const locale = elementLocale(this);
    if (locale === this.wanted) return;
    this.wanted = locale;
    void loadWords(locale).then(
      () => {
        if (this.wanted !== locale) return;
        this.locale = locale;
        this.render();
        this.announce();
      },
      () => {
        // The chunk could not be fetched (offline before it was ever cached): keep the language shown, or
        // fall back to English, the language every build carries as a chunk too.
        if (this.wanted === locale) this.wanted = undefined;
        if (!this.locale && locale !== "en") void loadWords("en").then(() => this.useIfSilent("en"));
      },
    );
  }

  private useIfSilent(locale: Locale): void {
    if (this.locale) return;
    this.locale = locale;
    this.render();
    this.announce();
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

  /** In the element's language (called while rendering). */
  private unsupportedReason(): string | undefined {
    const support = this.support;
    if (!support) return undefined;
    const reasons = [support.bluetooth, support.serial].map(
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
    const locale = this.locale ?? "en";
    // The demo device is named when it is made, after this click: in this element's language.
    const demoLabel = (n: number) => inLocale(locale, () => i18n._("install.demo.device", { n }));
    void session.connect(kind, () => requestInstallTarget(kind, manifest, { demoLabel }));
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
    const name: EmbedStateName = isUnsupported(state, this.usable()) ? "unsupported" : state.phase;
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

  /** Nothing is shown until the element's words are there (one small chunk). */
  private render(): void {
    const locale = this.locale;
    const view = this.view;
    if (!locale || !view) return;
    inLocale(locale, () => {
      if (this.env) this.support = detectLinkSupport(this.env);
      view.render(this.model(), LOCALE_TAGS[locale]);
    });
  }

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

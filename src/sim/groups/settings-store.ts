// The device's Zephyr settings subsystem as settings_mgmt sees it: handlers registered under root names hold
// the runtime values (settings_runtime_get/set), and an optional storage backend persists them
// (settings_save/load/delete). Without a backend, save fails and delete finds nothing, as captured from Zephyr.

export interface SettingsOptions {
  /** Root names with a registered handler, e.g. ["app"] for keys "app/...". */
  readonly roots: readonly string[];
  /** A persistent backend (NVS, ZMS, file) is configured. */
  readonly storage: boolean;
  /** Values present (persisted and loaded) when the device starts. */
  readonly values: Readonly<Record<string, Uint8Array>>;
}

export type SettingsGet =
  | { readonly ok: true; readonly value: Uint8Array }
  | { readonly ok: false; readonly reason: "root-not-found" | "not-found" };

export class SettingsStore {
  private readonly roots: ReadonlySet<string>;
  private runtime = new Map<string, Uint8Array>();
  private readonly persisted: Map<string, Uint8Array> | undefined;

  constructor(options: SettingsOptions) {
    this.roots = new Set(options.roots);
    this.persisted = options.storage ? new Map() : undefined;
    for (const [key, value] of Object.entries(options.values)) {
      this.runtime.set(key, value.slice());
      this.persisted?.set(key, value.slice());
    }
  }

  private hasRoot(name: string): boolean {
    return this.roots.has(name.split("/")[0] ?? "");
  }

  get(name: string, maxSize: number): SettingsGet {
    if (!this.hasRoot(name)) return { ok: false, reason: "root-not-found" };
    const value = this.runtime.get(name);
    if (!value) return { ok: false, reason: "not-found" };
    return { ok: true, value: value.slice(0, maxSize) };
  }

  /** false when no handler owns the root. */
  set(name: string, value: Uint8Array): boolean {
    if (!this.hasRoot(name)) return false;
    this.runtime.set(name, value.slice());
    return true;
  }

  /** settings_delete removes the persisted value; false when there is no backend to delete it from. */
  delete(name: string): boolean {
    if (!this.persisted) return false;
    this.persisted.delete(name);
    return true;
  }

  /** settings_save: persist every runtime value; false without a backend. */
  save(): boolean {
    if (!this.persisted) return false;
    for (const [key, value] of this.runtime) this.persisted.set(key, value.slice());
    return true;
  }

  /** settings_load: hand every persisted value to its handler. */
  load(): void {
    if (!this.persisted) return;
    for (const [key, value] of this.persisted) if (this.hasRoot(key)) this.runtime.set(key, value.slice());
  }

  /** A reboot: RAM values are gone; the application loads the persisted ones again. */
  reboot(): void {
    this.runtime = new Map();
    this.load();
  }

  /** Zephyr basic "erase storage". */
  eraseStorage(): void {
    this.persisted?.clear();
  }

  snapshot(): { runtime: Map<string, Uint8Array>; persisted: Map<string, Uint8Array> | undefined } {
    return {
      runtime: new Map(this.runtime),
      persisted: this.persisted ? new Map(this.persisted) : undefined,
    };
  }
}

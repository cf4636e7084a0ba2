import { i18n } from "../../i18n/browser-i18n.js";
// Service worker glue (workbox-window, loaded after first paint): says when the app works offline, and when
// a new version is waiting. It never activates the new version by itself: the user is asked, and the
// question is held back while an update runs (a reload mid-upload would cut the device off).

export interface PwaStatus {
  /** The app shell and all chunks are cached: it will load with no network. */
  readonly offlineReady: boolean;
  /** A new version is installed and waits for the user's go-ahead. */
  readonly updateWaiting: boolean;
  /** Registration failed; offline use is not available (e.g. a private window). */
  readonly problem: string | undefined;
}

type Listener = (status: PwaStatus) => void;

let status: PwaStatus = { offlineReady: false, updateWaiting: false, problem: undefined };
const listeners = new Set<Listener>();
let activate: (() => void) | undefined;

function publish(next: Partial<PwaStatus>): void {
  status = { ...status, ...next };
  for (const listener of listeners) listener(status);
}

export function pwaStatus(): PwaStatus {
  return status;
}

export function onPwaStatus(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Activates the waiting version; the page reloads once it controls the page. */
export function activateWaitingVersion(): void {
  activate?.();
}

const HOUR_MS = 60 * 60 * 1000;

export async function registerServiceWorker(): Promise<void> {
  if (!("serviceWorker" in navigator)) {
    publish({ problem: i18n._("app.service-worker.browser-cannot-keep-app") });
    return;
  }
  const { Workbox } = await import("workbox-window");
  const base = import.meta.env.BASE_URL;
  const wb = new Workbox(`${base}sw.js`, { scope: base });
  let reloadOnControl = false;

  wb.addEventListener("activated", (event) => {
    if (!event.isUpdate) publish({ offlineReady: true });
  });
  wb.addEventListener("waiting", () => publish({ updateWaiting: true }));
  wb.addEventListener("controlling", () => {
    // Only reload for a version the user asked for; another tab activating it must not surprise us.
    if (reloadOnControl) window.location.reload();
  });
  activate = () => {
    reloadOnControl = true;
    wb.messageSkipWaiting();
  };

  try {
    const registration = await wb.register();
    if (registration?.active) publish({ offlineReady: true });
    if (registration?.waiting) publish({ updateWaiting: true });
    // Look for a new version now and then; a technician may keep the tab open for days.
    setInterval(() => {
      if (navigator.onLine) void registration?.update().catch(() => undefined);
    }, HOUR_MS);
  } catch (error) {
    publish({
      problem: i18n._("app.service-worker.offline-use-not-available", {
        value: error instanceof Error ? error.message : String(error),
      }),
    });
  }
}

// Connects the install screen to the core InstallSession: one session per manifest address, its state through
// useSyncExternalStore, the update flow's events folded into the step list (the update panel's reducer), each
// finished device recorded in the app's history, and the audit export.

import { useCallback, useEffect, useMemo, useReducer, useSyncExternalStore } from "react";
import {
  InstallSession,
  batchAuditFileName,
  isSuccess,
  type InstallLinkKind,
  type InstallState,
} from "../../core/manifest/index.js";
import type { LinkKind, LinkSupport } from "../../web/capabilities.js";
import { useLinkSupport } from "../services/use-link-support.js";
import { downloadText } from "../shared/download.js";
import { newId } from "../storage/database.js";
import { addHistory } from "../storage/history-store.js";
import { initialUpdateState, updateReducer, type UpdateViewState } from "../update/update-state.js";
import { appFirmwareCache } from "./firmware-cache.js";
import { browserFetcher } from "../../web/install-fetcher.js";
import { historyEntryOf } from "./install-history.js";
import { resultText } from "../../web/install-text.js";
import { requestInstallTarget, warmUpInstallLinks } from "../../web/install-links.js";

export interface InstallControl {
  readonly state: InstallState;
  readonly steps: UpdateViewState;
  readonly support: Readonly<Record<LinkKind, LinkSupport>> | undefined;
  connect(kind: InstallLinkKind): void;
  install(): void;
  cancel(): void;
  /** Reads the same device again (after a failure). */
  retry(): void;
  /** Back to step 1 for the next device of the batch. */
  next(): void;
  /** The release the device just updated may take next (a step up), if any. */
  readonly nextStep: string | undefined;
  continueUpgrade(): void;
  reload(): void;
  exportAudit(): void;
}

/** Resolves the ?manifest= value against the page, as the browser would. */
export function manifestAddress(value: string, page: string): string {
  try {
    return new URL(value, page).href;
  } catch {
    return value;
  }
}

export function useInstall(manifestUrl: string): InstallControl {
  const session = useMemo(
    () =>
      new InstallSession({
        manifestUrl: manifestAddress(manifestUrl, window.location.href),
        fetcher: browserFetcher({ offline: true }),
        cache: appFirmwareCache,
        prefetch: true,
        // Someone is watching: poll every 2 s at most while MCUboot swaps (as the main update screen does).
        flow: { reconnect: { attempts: 45, initialDelayMs: 500, maxDelayMs: 2000 } },
      }),
    [manifestUrl],
  );
  const support = useLinkSupport();
  const [steps, dispatch] = useReducer(updateReducer, "test-and-confirm", initialUpdateState);

  useEffect(() => {
    void session.load();
    warmUpInstallLinks(["demo", "serial", "bluetooth"]);
    return () => void session.dispose();
  }, [session]);

  const subscribe = useCallback((listener: () => void) => session.subscribe(listener), [session]);
  const state = useSyncExternalStore(subscribe, () => session.state);

  // The step list: the update flow's events for the image being installed.
  useEffect(() => {
    let phase = session.state.phase;
    const offState = session.subscribe((s) => {
      const mode = s.manifest?.update.mode ?? "test-and-confirm";
      if (s.phase === "installing" && phase !== "installing")
        dispatch({ type: "start", mode, at: new Date().toISOString() });
      if (s.phase === "done" && phase === "installing" && s.result && !isSuccess(s.result)) {
        dispatch({
          type: "failed",
          message: resultText(s.result),
          code: s.result.errorCode,
          cancelled: s.result.result === "cancelled",
        });
      }
      if (s.phase === "ready" || s.phase === "checked") dispatch({ type: "clear", mode });
      phase = s.phase;
    });
    const offEvents = session.subscribeEvents((event) => {
      const mode = session.state.manifest?.update.mode ?? "test-and-confirm";
      if (event.type === "image" && event.index > 0)
        dispatch({ type: "start", mode, at: new Date().toISOString() });
      else if (event.type === "outcome") dispatch({ type: "finished", outcome: event.outcome });
      // Progress comes from the session's (throttled) state; steps and records from the flow.
      else if (event.type === "update" && event.event.type !== "progress")
        dispatch({ type: "event", event: event.event });
    });
    return () => {
      offState();
      offEvents();
    };
  }, [session]);

  // Every device handled goes into the history too.
  const last = state.result;
  const manifest = state.manifest;
  useEffect(() => {
    if (!last || !manifest) return;
    const entry = historyEntryOf(manifest, last, newId());
    if (entry) void addHistory(entry).catch(() => undefined);
  }, [last, manifest]);

  const connect = useCallback(
    (kind: InstallLinkKind) => {
      const current = session?.state.manifest;
      if (!current) return;
      // The chooser opens inside this click (requestInstallTarget starts it synchronously).
      void session.connect(kind, () => requestInstallTarget(kind, current));
    },
    [session],
  );

  return {
    state,
    steps,
    support,
    connect,
    install: () => void session.install(),
    cancel: () => session.cancel(),
    retry: () => void session.check(),
    next: () => void session.next(),
    nextStep: state.phase === "done" ? session.nextStep()?.version : undefined,
    continueUpgrade: () => void session.continueUpgrade(),
    reload: () => void session.load(),
    exportAudit: () => {
      if (!state.manifest) return;
      const now = new Date();
      downloadText(batchAuditFileName(state.manifest.product, now), session.auditJson(now));
    },
  };
}

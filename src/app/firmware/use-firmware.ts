// The firmware the user picked: read from a file, a typed address or the files kept on this device,
// verified against the trusted keys (again whenever the keys change), and kept for offline use.

import { AppError } from "../shared/app-error.js";
import { i18n } from "../../i18n/browser-i18n.js";
import { useCallback, useEffect, useRef, useState } from "react";
import { checkFirmwareUrl, downloadFirmware } from "../services/firmware-download.js";
import { checkFirmware, type FirmwareCheck, type KeyMaterial } from "../services/verifier.js";
import { listFirmware, loadFirmwareBytes, removeFirmware, saveFirmware } from "../storage/firmware-store.js";
import type { StoredFirmware } from "../storage/records.js";
import { errorText, isAbort } from "../shared/error-text.js";

export interface LoadedFirmware {
  readonly content: Uint8Array;
  readonly check: FirmwareCheck;
  readonly source: "file" | "url" | "saved";
  readonly url: string | undefined;
}

export interface FirmwareState {
  readonly current: LoadedFirmware | undefined;
  /** Index into current.check.images of the image to send. */
  readonly selected: number;
  readonly busy: string | undefined;
  readonly error: string | undefined;
  readonly saved: readonly StoredFirmware[];
  readonly override: boolean;
  setOverride(value: boolean): void;
  select(index: number): void;
  openFile(file: File): void;
  openUrl(text: string): void;
  openSaved(id: string): void;
  removeSaved(id: string): void;
  cancel(): void;
}

export function useFirmware(keys: readonly KeyMaterial[]): FirmwareState {
  const [current, setCurrentState] = useState<LoadedFirmware | undefined>();
  // The file as last loaded, for the keys effect: a load can finish between a render and its effects.
  const currentRef = useRef<LoadedFirmware | undefined>(undefined);
  const setCurrent = useCallback((next: LoadedFirmware | undefined) => {
    currentRef.current = next;
    setCurrentState(next);
  }, []);
  const [selected, setSelected] = useState(0);
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<readonly StoredFirmware[]>([]);
  const [override, setOverride] = useState(false);
  const pending = useRef<AbortController | undefined>(undefined);
  const keysRef = useRef(keys);
  const savedRef = useRef<readonly StoredFirmware[]>([]);

  const refreshSaved = useCallback(() => {
    listFirmware()
      .then((files) => {
        savedRef.current = files;
        setSaved(files);
      })
      .catch(() => setSaved([]));
  }, []);
  useEffect(refreshSaved, [refreshSaved]);

  /** Runs one load at a time; a newer pick cancels the older one. */
  const load = useCallback(
    async (
      label: string,
      read: (
        signal: AbortSignal,
      ) => Promise<{ bytes: Uint8Array; name: string; source: LoadedFirmware["source"]; url?: string }>,
    ) => {
      pending.current?.abort();
      const controller = new AbortController();
      pending.current = controller;
      setBusy(label);
      setError(undefined);
      try {
        const { bytes, name, source, url } = await read(controller.signal);
        // Keys that changed while this file was being verified (a key added with it) count: verify again.
        let usedKeys = keysRef.current;
        let check = await checkFirmware(bytes, name, usedKeys);
        while (usedKeys !== keysRef.current && !controller.signal.aborted) {
          usedKeys = keysRef.current;
          check = await checkFirmware(bytes, name, usedKeys);
        }
        if (controller.signal.aborted) return;
        setCurrent({ content: bytes, check, source, url });
        setSelected(0);
        setOverride(false);
        if (check.images.some((image) => image.outcome === "valid")) {
          const now = new Date().toISOString();
          const known = savedRef.current.find((f) => f.id === check.fileSha256);
          await saveFirmware(
            {
              id: check.fileSha256,
              name,
              size: bytes.length,
              source: source === "url" ? "url" : "file",
              ...(url ? { url } : {}),
              addedAt: known?.addedAt ?? now,
              lastUsedAt: now,
              images: check.images.map((image) => ({
                imageNumber: image.imageNumber,
                sha256: image.sha256,
                ...(image.imageHash ? { imageHash: image.imageHash } : {}),
                ...(image.version ? { version: image.version } : {}),
              })),
            },
            bytes,
          ).catch(() => undefined); // Not being able to keep a copy must not block this install.
          refreshSaved();
        }
      } catch (e) {
        if (!isAbort(e) && !controller.signal.aborted) {
          setCurrent(undefined);
          setError(errorText(e));
        }
      } finally {
        if (pending.current === controller) {
          pending.current = undefined;
          setBusy(undefined);
        }
      }
    },
    [refreshSaved, setCurrent],
  );

  // Trusting or removing a key changes the verdict: verify the loaded file again (as it is now, even if its
  // load finished after this render).
  useEffect(() => {
    keysRef.current = keys;
    const loaded = currentRef.current;
    if (!loaded) return;
    let live = true;
    checkFirmware(loaded.content, loaded.check.fileName, keys)
      .then((check) => {
        if (!live || currentRef.current?.content !== loaded.content) return;
        setCurrent({ ...currentRef.current, check });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [keys, setCurrent]);

  const openFile = useCallback(
    (file: File) =>
      void load(i18n._("app.use-firmware.reading", { fileName: file.name }), async () => ({
        bytes: new Uint8Array(await file.arrayBuffer()),
        name: file.name,
        source: "file",
      })),
    [load],
  );

  const openUrl = useCallback(
    (text: string) => {
      const checked = checkFirmwareUrl(text, window.location.href);
      if (!checked.ok) {
        setError(checked.error);
        return;
      }
      void load(i18n._("app.use-firmware.downloading-from", { host: checked.url.host }), async (signal) => ({
        ...(await downloadFirmware(checked.url, signal)),
        source: "url",
        url: checked.url.href,
      }));
    },
    [load],
  );

  const openSaved = useCallback(
    (id: string) => {
      const meta = saved.find((f) => f.id === id);
      void load(
        i18n._("app.use-firmware.opening", { value: meta?.name ?? i18n._("app.use-firmware.saved-file") }),
        async () => {
          const bytes = await loadFirmwareBytes(id);
          if (!bytes || !meta) throw new AppError("saved-file-gone");
          return { bytes, name: meta.name, source: "saved", ...(meta.url ? { url: meta.url } : {}) };
        },
      );
    },
    [load, saved],
  );

  const removeSaved = useCallback(
    (id: string) => {
      void removeFirmware(id)
        .then(refreshSaved)
        .catch((e: unknown) => setError(errorText(e)));
    },
    [refreshSaved],
  );

  const cancel = useCallback(() => pending.current?.abort(), []);
  const select = useCallback((index: number) => {
    setSelected(index);
    setOverride(false);
  }, []);

  return {
    current,
    selected,
    busy,
    error,
    saved,
    override,
    setOverride,
    select,
    openFile,
    openUrl,
    openSaved,
    removeSaved,
    cancel,
  };
}

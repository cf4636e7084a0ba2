// Runs one update at a time: borrows the link from the device panel, feeds the engine's events into the
// panel's reducer (progress throttled to a few updates a second), records the run in the history, and
// hands the link back at the end.

import { AppError } from "../shared/app-error.js";
import { CancelledError, type Message } from "../../core/errors.js";
import { i18n } from "../../i18n/browser-i18n.js";
import { say } from "../../i18n/describe-error.js";
import { useCallback, useReducer, useRef, useState } from "react";
import type { AuditRecord, PackageProgress, UpdateEvent, UpdateMode } from "../../core/update/flow-types.js";
import type { UploadProgress } from "../../core/update/progress.js";
import { chooseSlotBuildsForDevice } from "../../core/update/slot-builds.js";
import type { PackageTarget } from "../../core/update/targets.js";
import type { ConnectionState } from "../connect/use-connection.js";
import { APP_VERSION } from "../app-version.js";
import {
  entryAtStart,
  entryFromFailure,
  entryFromOutcome,
  type RunRecord,
} from "../history/history-entry.js";
import type { AttemptContext } from "../storage/attempt-context.js";
import type { ImageCheck, KeyMaterial } from "../services/verifier.js";
import { hardwareId } from "../services/device.js";
import { startUpdate } from "../services/update-runner.js";
import { newId } from "../storage/database.js";
import type { HistoryEntry } from "../storage/records.js";
import { errorCode, errorText } from "../shared/error-text.js";
import { initialUpdateState, updateReducer, type UpdateViewState } from "./update-state.js";

const PROGRESS_INTERVAL_MS = 150;

export interface UpdateJob {
  readonly image: ImageCheck;
  /** Every image of a multi-image package: sent in one update (one reset). */
  readonly packageImages?: readonly ImageCheck[] | undefined;
  readonly firmwareName: string;
  readonly keys: readonly KeyMaterial[];
  readonly overrideAccepted: boolean;
}

export interface UpdateControl {
  readonly state: UpdateViewState;
  readonly mode: UpdateMode;
  setMode(mode: UpdateMode): void;
  start(job: UpdateJob): void;
  cancel(): void;
  clear(): void;
}

/**
 * The build the update will send for the picked image. A direct-XIP package carries one build per slot: the one
 * for the slot not running, chosen from the device's slot list and mode (the flow makes the same choice again
 * from the slot list it reads, and says which build it sends).
 */
function buildToSend(connection: ConnectionState, job: UpdateJob): ImageCheck {
  const builds = (job.packageImages ?? []).filter((i) => i.imageNumber === job.image.imageNumber);
  const snapshot = connection.snapshot;
  if (builds.length < 2 || !snapshot) return job.image;
  try {
    const [choice] = chooseSlotBuildsForDevice(builds, snapshot.slots, snapshot.bootloader?.modeNumber);
    return choice?.build ?? job.image;
  } catch {
    // No build fits the slot: the flow refuses with the words for it before anything is sent.
    return job.image;
  }
}

/** Every image of a multi-image package, and every per-slot build: the flow picks and sends them in one go. */
function packageTargets(job: UpdateJob): PackageTarget[] | undefined {
  const images = job.packageImages ?? [];
  const numbers = new Set(images.map((i) => i.imageNumber));
  if (numbers.size < 2 && !images.some((i) => i.slot !== undefined)) return undefined;
  const sent = numbers.size < 2 ? images.filter((i) => i.imageNumber === job.image.imageNumber) : images;
  return sent.map((i) => ({ imageNumber: i.imageNumber, bytes: i.bytes, name: i.name, slot: i.slot }));
}

/** Who and what, as known when the attempt starts (the device as the panel last read it). */
function attemptContext(connection: ConnectionState, job: UpdateJob, image: ImageCheck): AttemptContext {
  const snapshot = connection.snapshot;
  const running = snapshot?.slots.find((s) => s.image === image.imageNumber && s.active)?.version;
  const boot = snapshot?.bootloader;
  const hardware = hardwareId(snapshot?.hardware);
  return {
    appVersion: APP_VERSION,
    link: connection.kind ?? "unknown",
    deviceLabel: connection.label ?? "",
    imageSha256: image.sha256,
    imageSize: image.size,
    ...(snapshot?.osInfo ? { osInfo: snapshot.osInfo } : {}),
    ...(hardware ? { hardwareId: hardware } : {}),
    ...(boot?.name ? { bootloader: boot.name } : {}),
    ...(boot?.modeNumber !== undefined ? { bootMode: boot.modeNumber } : {}),
    ...(running ? { runningBefore: running } : {}),
    ...(image.signedBy ? { signedBy: image.signedBy } : {}),
    ...(image.signatureType ? { signatureType: image.signatureType } : {}),
  };
}

export function useUpdate(
  connection: ConnectionState,
  onRecorded: (entry: HistoryEntry) => void,
  confirmErase: (message: string) => Promise<boolean>,
  onStarted?: (entry: HistoryEntry) => void,
): UpdateControl {
  const [mode, setModeState] = useState<UpdateMode>("test-and-confirm");
  const [state, dispatch] = useReducer(updateReducer, mode, initialUpdateState);
  const abort = useRef<AbortController | undefined>(undefined);

  const setMode = useCallback((next: UpdateMode) => {
    setModeState(next);
    dispatch({ type: "clear", mode: next });
  }, []);

  const start = useCallback(
    (job: UpdateJob) => {
      if (abort.current) return;
      const controller = new AbortController();
      abort.current = controller;
      const startedAt = new Date().toISOString();
      const audit: AuditRecord[] = [];
      let latest: { progress: UploadProgress; package?: PackageProgress | undefined } | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const flushProgress = () => {
        timer = undefined;
        if (latest) {
          const { progress, package: whole } = latest;
          dispatch({
            type: "event",
            event: { type: "progress", progress, ...(whole ? { package: whole } : {}) },
          });
        }
      };
      const onEvent = (event: UpdateEvent) => {
        if (event.type === "progress") {
          latest = { progress: event.progress, package: event.package };
          timer ??= setTimeout(flushProgress, PROGRESS_INTERVAL_MS);
          return;
        }
        if (event.type === "audit") audit.push(event.record);
        dispatch({ type: "event", event });
      };
      dispatch({ type: "start", mode, at: startedAt });
      const id = newId();
      const image = buildToSend(connection, job);
      const targets = packageTargets(job);
      const context = attemptContext(connection, job, image);
      const run = (): RunRecord => ({
        id,
        startedAt,
        finishedAt: new Date().toISOString(),
        device: connection.label ?? i18n._("app.use-update.no-device"),
        mode,
        firmwareName: job.firmwareName,
        imageVersion: image.version,
        imageHash: image.imageHash,
        audit,
        context,
      });
      // Written before anything is sent, so an attempt the page never finishes still appears.
      onStarted?.(entryAtStart(run()));

      void (async () => {
        const factory = await connection.lend();
        try {
          if (!factory) throw new AppError("connect-first");
          const outcome = await startUpdate({
            factory,
            image: image.bytes,
            imageNumber: image.imageNumber,
            // One update for a multi-image package; per-slot builds of one image (direct-XIP): the flow picks.
            ...(targets ? { images: targets } : {}),
            mode,
            keys: job.keys,
            overrideAccepted: job.overrideAccepted,
            onEvent,
            confirmErase: (question: Message) => confirmErase(say(i18n, question)),
            signal: controller.signal,
          });
          if (timer) clearTimeout(timer);
          flushProgress();
          dispatch({ type: "finished", outcome });
          onRecorded(entryFromOutcome(run(), outcome));
        } catch (error) {
          if (timer) clearTimeout(timer);
          // The last acknowledged offset, so the stopped percentage is the one the resume offer names.
          flushProgress();
          const cancelled = controller.signal.aborted;
          dispatch({
            type: "failed",
            message: errorText(error),
            code: cancelled ? "cancelled" : errorCode(error),
            cancelled,
          });
          onRecorded(entryFromFailure(run(), errorText(error), cancelled));
        } finally {
          abort.current = undefined;
          connection.resume();
        }
      })();
    },
    [connection, confirmErase, mode, onRecorded, onStarted],
  );

  const cancel = useCallback(() => abort.current?.abort(new CancelledError("update")), []);
  const clear = useCallback(() => dispatch({ type: "clear", mode }), [mode]);

  return { state, mode, setMode, start, cancel, clear };
}

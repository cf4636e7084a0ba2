// Lazy chunk: runs the core update flow over a link, with the app's verification rule and storage.
//
// Expects from core/update: runPackageUpdate(connector, images, options) → UpdateOutcome (events via onEvent),
// smpConnector(factory), classifyFailure and isUnsupported (smp-device-session.ts).

import { SWAP_WAIT } from "../update/swap-wait.js";
import { runPackageUpdate, type VerifiedImage } from "../../core/update/update-flow.js";
import { classifyFailure, isUnsupported, smpConnector } from "../../core/update/smp-device-session.js";
import type { UpdateOutcome } from "../../core/update/flow-types.js";
import { acceptance } from "../../core/update/image-acceptance.js";
import { maySend, sendGate } from "../firmware/send-gate.js";
import { uploadSessions } from "../storage/upload-session-store.js";
import type { UpdateRequest } from "./update-runner.js";
import { reverify } from "./verifier.js";

export async function runAppUpdate(request: UpdateRequest): Promise<UpdateOutcome> {
  const verify = async (image: Uint8Array): Promise<VerifiedImage> => {
    // Verified again from the exact bytes about to be sent: the report on screen may be minutes old and the
    // keys may have changed since.
    const report = await reverify(image, request.keys);
    const verdict = sendGate({ ...report, imageHash: report.hash, notChecked: [] }, request.keys.length);
    return {
      accepted: maySend(verdict, request.overrideAccepted),
      reason: acceptance({ ...report, imageHash: report.hash }, request.overrideAccepted).reason,
      hash: report.hash ?? new Uint8Array(),
      version: report.version ?? "unknown",
    };
  };
  const images = request.images ?? [{ imageNumber: request.imageNumber, bytes: request.image }];
  return runPackageUpdate(smpConnector(request.factory), images, {
    mode: request.mode,
    imageNumber: request.imageNumber,
    verify,
    classifyFailure,
    isUnsupported,
    confirmErase: request.confirmErase,
    sessionStore: uploadSessions,
    onEvent: request.onEvent,
    signal: request.signal,
    // Someone is watching: poll every 2 s at most (MCUboot may swap for a while) rather than backing off to
    // long waits that leave a rebooted device unnoticed; give up after about a minute and a half.
    reconnect: SWAP_WAIT,
  });
}

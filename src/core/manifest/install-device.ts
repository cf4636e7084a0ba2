// Installing a manifest release on one connected device: read its facts, check it against the manifest, then
// run the core update flow once per image of the release (verify against the manifest's keys, upload, test,
// reset, check, confirm). The link opened for the check is handed to the flow, so the device is not
// reconnected in between. Every audit record is kept, failed runs included.

import { McuFlashError, nestedWords, neutralText, words, type Message } from "../errors.js";
import type { TrustedKey } from "../mcuboot/index.js";
import type { SmpClientOptions } from "../smp/index.js";
import type { Transport, TransportFactory } from "../transport.js";
import type { AuditRecord, UpdateEvent, UpdateOutcome } from "../update/flow-types.js";
import { classifyFailure, isUnsupported, smpConnector } from "../update/smp-device-session.js";
import { runUpdate, type UpdateOptions } from "../update/update-flow.js";
import { readDeviceFacts, type DeviceFacts, type LinkFacts } from "./device-facts.js";
import type { FetchedImage } from "./fetch-firmware.js";
import type { Manifest, ManifestImage, Release } from "./manifest-types.js";
import { ManifestErrorCode, ManifestFlowError, NoMatchingReleaseError } from "./manifest-errors.js";
import { manifestVerifier } from "./manifest-verifier.js";
import { matchDevice, type DeviceMatch, type MatchCheck } from "./match-device.js";
import { releaseRejection } from "./select-release.js";

/** A device the user picked: how to (re)open its link, and what the chooser told about it. */
export interface InstallTarget {
  readonly factory: TransportFactory;
  readonly link: LinkFacts;
}

/** What goes on every device of a batch: one release, its verified files and the manifest's keys. */
export interface InstallPlan {
  readonly manifest: Manifest;
  readonly release: Release;
  readonly images: readonly FetchedImage[];
  readonly keys: readonly TrustedKey[];
}

export type InstallEvent =
  | { readonly type: "image"; readonly index: number; readonly count: number; readonly image: ManifestImage }
  | { readonly type: "update"; readonly event: UpdateEvent }
  | { readonly type: "outcome"; readonly index: number; readonly outcome: UpdateOutcome };

/** Flow settings passed through to runUpdate (timings, resume store, erase consent). */
export type FlowSettings = Pick<
  UpdateOptions,
  "sleep" | "now" | "reconnect" | "timeouts" | "sessionStore" | "clock" | "confirmErase"
>;

export interface InstallRunOptions {
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: InstallEvent) => void;
  readonly clientOptions?: SmpClientOptions;
  readonly flow?: FlowSettings;
}

export interface InspectedTarget {
  readonly facts: DeviceFacts;
  /** The open link, handed to the install; close it when not installing. */
  readonly transport: Transport;
}

/** Opens the link and reads the device's facts; the link stays open for the install. */
export async function inspectTarget(
  target: InstallTarget,
  options: Pick<InstallRunOptions, "signal" | "clientOptions"> = {},
): Promise<InspectedTarget> {
  const transport = await target.factory.open(options.signal);
  try {
    const facts = await readDeviceFacts(transport, target.link, {
      ...options.clientOptions,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { facts, transport };
  } catch (error) {
    await transport.close().catch(() => undefined);
    throw error;
  }
}

/**
 * The device is not the manifest's product: `check` is the first product check it failed (its words nested
 * as the `check` parameter).
 */
export class DeviceMismatchError extends ManifestFlowError {
  readonly check: MatchCheck;
  constructor(product: string, check: MatchCheck) {
    super(ManifestErrorCode.deviceMismatch, { product, ...nestedWords("check", check.text) });
    this.check = check;
  }
}

/** The first failed product check as a typed error, or undefined when the device is the manifest's product. */
export function mismatchError(manifest: Manifest, match: DeviceMatch): DeviceMismatchError | undefined {
  const failed = match.checks.find((c) => !c.ok);
  return failed ? new DeviceMismatchError(manifest.product, failed) : undefined;
}

/** The requirement or downgrade rule of `release` this device breaks, as a typed error, or undefined. */
export function rejectionError(
  manifest: Manifest,
  release: Release,
  facts: DeviceFacts,
): NoMatchingReleaseError | undefined {
  const rejection = releaseRejection(manifest, release, facts);
  return rejection === undefined
    ? undefined
    : new NoMatchingReleaseError(manifest.product, facts.runningVersion, [
        { version: release.version, ...rejection },
      ]);
}

/** Why this release may not go on this device (product mismatch, requirement, downgrade), or undefined. */
export function installBlocker(
  manifest: Manifest,
  release: Release,
  facts: DeviceFacts,
): DeviceMismatchError | NoMatchingReleaseError | undefined {
  return mismatchError(manifest, matchDevice(manifest, facts)) ?? rejectionError(manifest, release, facts);
}

/**
 * An error as words a record can keep and the edges can render later: its catalog key and parameters, its
 * hint, the several problems it lists, and what went wrong underneath (`cause`: our own error's words, or the
 * platform's text as the `cause` parameter). Anything not a McuFlashError is an unexpected fault and says so.
 */
export interface ErrorWords extends Message {
  readonly hint?: string;
  readonly details?: readonly Message[];
  readonly cause?: ErrorWords;
}

export function errorWords(error: unknown): ErrorWords {
  if (!(error instanceof McuFlashError))
    return { ...words("error.unexpected", { detail: platformText(error) }), hint: "unexpected" };
  const { cause } = error;
  const underneath = error.params.cause === undefined && cause !== undefined;
  return {
    key: error.messageKey,
    params:
      underneath && !(cause instanceof McuFlashError)
        ? { ...error.params, cause: platformText(cause) }
        : error.params,
    ...(error.hint !== undefined ? { hint: error.hint } : {}),
    ...(error.details.length > 0 ? { details: error.details } : {}),
    ...(underneath && cause instanceof McuFlashError ? { cause: errorWords(cause) } : {}),
  };
}

/** What the platform said (a TypeError's message, a DOMException's): not our words, shown as they are. */
function platformText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A factory whose first open() returns the link already open (if it is still up). */
function reusing(factory: TransportFactory, first: Transport | undefined): TransportFactory {
  let spare = first;
  let lost = false;
  void first?.closed.then(() => {
    lost = true;
  });
  return {
    label: factory.label,
    open(signal?: AbortSignal): Promise<Transport> {
      const transport = spare;
      spare = undefined;
      return transport && !lost ? Promise.resolve(transport) : factory.open(signal);
    },
  };
}

/**
 * Runs the update flow for each image of the plan. Audit records reach `onEvent` as they happen; the outcomes
 * come back in image order. Throws the flow's error (the records of the failed run were already emitted).
 */
export async function installImages(
  target: InstallTarget,
  plan: InstallPlan,
  transport: Transport | undefined,
  options: InstallRunOptions = {},
): Promise<UpdateOutcome[]> {
  const factory = reusing(target.factory, transport);
  const connector = smpConnector(factory, options.clientOptions ?? {});
  const outcomes: UpdateOutcome[] = [];
  const policy = plan.manifest.update;
  for (const [index, fetched] of plan.images.entries()) {
    options.onEvent?.({ type: "image", index, count: plan.images.length, image: fetched.image });
    const outcome = await runUpdate(connector, fetched.bytes, {
      ...options.flow,
      mode: policy.mode,
      imageNumber: fetched.image.image,
      noDowngrade: policy.noDowngrade,
      upgradeOnly: policy.upgradeOnly,
      verify: manifestVerifier(plan.keys, fetched.image),
      classifyFailure,
      isUnsupported,
      onEvent: (event) => options.onEvent?.({ type: "update", event }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    outcomes.push(outcome);
    options.onEvent?.({ type: "outcome", index, outcome });
  }
  return outcomes;
}

export const DEVICE_RESULTS = [
  "running-new",
  "already-running",
  "uploaded",
  "reverted",
  "not-matching",
  "failed",
  "cancelled",
] as const;
export type DeviceResultKind = (typeof DEVICE_RESULTS)[number];

/** One device of a batch, as the result list and the audit export show it. */
export interface DeviceResult {
  /** 1-based position in the batch. */
  readonly index: number;
  readonly device: string;
  readonly link: LinkFacts["kind"];
  readonly board: string | undefined;
  readonly previousVersion: string | undefined;
  readonly release: string;
  readonly result: DeviceResultKind;
  /** What happened, for the edges to word: the outcome's catalog words, or the error's. */
  readonly text: ErrorWords;
  /** `text` language-neutral (key and parameters), for logs and the audit export. */
  readonly message: string;
  readonly errorCode: string | undefined;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly audit: readonly AuditRecord[];
}

/** What a device's result says, with its language-neutral form for the record. */
export interface ResultWords {
  readonly result: DeviceResultKind;
  readonly text: ErrorWords;
  readonly message: string;
  readonly errorCode: string | undefined;
}

export function resultWords(result: DeviceResultKind, text: ErrorWords, errorCode?: string): ResultWords {
  return { result, text, message: neutralText(text), errorCode };
}

/** The combined result of a release's images on one device. */
export function summariseOutcomes(outcomes: readonly UpdateOutcome[], release: Release): ResultWords {
  const { version } = release;
  const reverted = outcomes.find((o) => o.result === "reverted");
  if (reverted) {
    const running = reverted.slotsAfter.find((s) => s.active)?.version;
    return resultWords(
      "reverted",
      running === undefined
        ? words("install.outcome.reverted-unknown", { release: version })
        : words("install.outcome.reverted", { release: version, running }),
    );
  }
  if (outcomes.length > 0 && outcomes.every((o) => o.result === "already-running"))
    return resultWords("already-running", words("install.outcome.already-running", { release: version }));
  if (outcomes.some((o) => o.result === "uploaded"))
    return resultWords("uploaded", words("install.outcome.uploaded", { release: version }));
  return resultWords("running-new", words("install.outcome.running-new", { release: version }));
}

/** A run that threw: cancelled (by the user, or the signal), or failed with the error's words. */
export function failureOf(error: unknown, signal?: AbortSignal): ResultWords {
  const code = error instanceof McuFlashError ? error.code : "unexpected";
  return signal?.aborted === true || code === "cancelled"
    ? resultWords("cancelled", words("install.outcome.cancelled"), code)
    : resultWords("failed", errorWords(error), code);
}

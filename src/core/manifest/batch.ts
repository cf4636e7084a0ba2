// Batch install (issue "Vendor install", part 1): the same verified release on several devices, one after
// another. For each: connect the next device, check it against the manifest, install, record the result with
// every audit record; a failure on one device does not stop the others. The install screen drives the same
// installOnTarget one device per click; runBatch loops it for scripts and tests.

import type { AuditRecord } from "../update/flow-types.js";
import { buildBatchAudit, type BatchAudit } from "./batch-audit.js";
import {
  failureOf,
  inspectTarget,
  errorWords,
  installBlocker,
  installImages,
  resultWords,
  summariseOutcomes,
  type DeviceResult,
  type InstallPlan,
  type InstallRunOptions,
  type InstallTarget,
  type ResultWords,
} from "./install-device.js";
import type { DeviceFacts } from "./device-facts.js";

export interface DeviceRunOptions extends InstallRunOptions {
  readonly clock?: () => Date;
}

/** Installs the plan on one device and reports what happened; never throws (except on a programming error). */
export async function installOnTarget(
  target: InstallTarget,
  plan: InstallPlan,
  index: number,
  options: DeviceRunOptions = {},
): Promise<DeviceResult> {
  const clock = options.clock ?? (() => new Date());
  const startedAt = clock().toISOString();
  const audit: AuditRecord[] = [];
  let facts: DeviceFacts | undefined;
  const finish = (outcome: ResultWords): DeviceResult => ({
    index,
    device: facts?.label ?? target.factory.label,
    link: target.link.kind,
    board: facts?.board,
    previousVersion: facts?.runningVersion,
    release: plan.release.version,
    result: outcome.result,
    text: outcome.text,
    message: outcome.message,
    errorCode: outcome.errorCode,
    startedAt,
    finishedAt: clock().toISOString(),
    audit,
  });
  try {
    const inspected = await inspectTarget(target, options);
    facts = inspected.facts;
    const blocker = installBlocker(plan.manifest, plan.release, facts);
    if (blocker !== undefined) {
      await inspected.transport.close().catch(() => undefined);
      return finish(resultWords("not-matching", errorWords(blocker), blocker.code));
    }
    const outcomes = await installImages(target, plan, inspected.transport, {
      ...options,
      onEvent: (event) => {
        if (event.type === "update" && event.event.type === "audit") audit.push(event.event.record);
        options.onEvent?.(event);
      },
    });
    return finish(summariseOutcomes(outcomes, plan.release));
  } catch (error) {
    return finish(failureOf(error, options.signal));
  }
}

export interface BatchOptions extends DeviceRunOptions {
  readonly plan: InstallPlan;
  /** Connects the next device (index from 1); undefined ends the batch. */
  readonly next: (index: number, signal?: AbortSignal) => Promise<InstallTarget | undefined>;
  readonly onResult?: (result: DeviceResult) => void;
  /** Stop after the first device that is not updated (default: carry on with the next). */
  readonly stopOnFailure?: boolean;
}

export interface BatchReport {
  readonly results: readonly DeviceResult[];
  readonly audit: BatchAudit;
}

const SUCCESS: readonly DeviceResult["result"][] = ["running-new", "already-running", "uploaded"];

export function isSuccess(result: DeviceResult): boolean {
  return SUCCESS.includes(result.result);
}

export async function runBatch(options: BatchOptions): Promise<BatchReport> {
  const { plan, next, signal } = options;
  const clock = options.clock ?? (() => new Date());
  const results: DeviceResult[] = [];
  for (let index = 1; !signal?.aborted; index++) {
    const target = await next(index, signal);
    if (!target) break;
    const result = await installOnTarget(target, plan, index, options);
    results.push(result);
    options.onResult?.(result);
    if (options.stopOnFailure && !isSuccess(result)) break;
  }
  return { results, audit: buildBatchAudit(plan.manifest, plan.release, results, clock()) };
}

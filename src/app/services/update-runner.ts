// Adapter between the update panel and the update engine (a lazy chunk: update-engine.ts).

import type { Message } from "../../core/errors.js";
import type { TransportFactory } from "../../core/transport.js";
import type { UpdateEvent, UpdateMode, UpdateOutcome } from "../../core/update/flow-types.js";
import type { PackageTarget } from "../../core/update/targets.js";
import type { KeyMaterial } from "./verifier.js";

export interface UpdateRequest {
  readonly factory: TransportFactory;
  readonly image: Uint8Array;
  readonly imageNumber: number;
  /** All images of a multi-image package, sent in one update; `image`/`imageNumber` are then the first. */
  readonly images?: readonly PackageTarget[];
  readonly mode: UpdateMode;
  readonly keys: readonly KeyMaterial[];
  /** The user ticked "send this untrusted image anyway". */
  readonly overrideAccepted: boolean;
  readonly onEvent: (event: UpdateEvent) => void;
  readonly confirmErase: (question: Message) => Promise<boolean>;
  readonly signal: AbortSignal;
}

export async function startUpdate(request: UpdateRequest): Promise<UpdateOutcome> {
  const { runAppUpdate } = await import("./update-engine.js");
  return runAppUpdate(request);
}

// An SmpClient whose "device" is a function of the request: for shapes the simulator does not produce (legacy
// shell `rc`, memory pools, older enumeration, v1 translated errors).

import { type CborMap, SmpClient, SmpOp, decodePacket, encodePacket } from "../../src/core/smp/index.js";
import type { Transport, TransportCloseReason } from "../../src/core/transport.js";

export interface ScriptedRequest {
  readonly group: number;
  readonly command: number;
  readonly write: boolean;
  readonly body: CborMap;
}

/** Returns the response body, or undefined to stay silent. */
export type Script = (request: ScriptedRequest) => CborMap | undefined;

export function scriptedClient(
  script: Script,
  options: { defaultTimeoutMs?: number } = {},
): {
  client: SmpClient;
  requests: ScriptedRequest[];
} {
  const listeners = new Set<(packet: Uint8Array) => void>();
  const requests: ScriptedRequest[] = [];
  const transport: Transport = {
    label: "scripted device",
    maxPacketSize: 1024,
    closed: new Promise<TransportCloseReason>(() => undefined),
    close: () => Promise.resolve(),
    onPacket(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send(packet) {
      const { header, body } = decodePacket(packet);
      const request = {
        group: header.group,
        command: header.command,
        write: header.op === SmpOp.write,
        body,
      };
      requests.push(request);
      const answer = script(request);
      if (answer !== undefined) {
        const response = encodePacket(
          { ...header, op: request.write ? SmpOp.writeResponse : SmpOp.readResponse },
          answer,
        );
        queueMicrotask(() => {
          for (const listener of listeners) listener(response);
        });
      }
      return Promise.resolve();
    },
  };
  return { client: new SmpClient(transport, { autoVersion: false, ...options }), requests };
}

/** The answer Zephyr gives for a group or command that is not built in. */
export const NOT_SUPPORTED: CborMap = { rc: 8 };

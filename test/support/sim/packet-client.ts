// A minimal SMP client over a Transport for simulator tests: sends a request, waits (on the simulated clock)
// for the answer with the same sequence number.
import type { CborMap } from "../../../src/core/smp/cbor.js";
import type { Transport } from "../../../src/core/transport.js";
import type { Clock } from "../../../src/sim/index.js";
import { type Answer, type RequestOptions, decode, req } from "./smp-packets.js";

export class TimeoutError extends Error {}

export class TestClient {
  private sequence = 0;
  private readonly waiting = new Map<number, (answer: Answer) => void>();
  readonly received: Answer[] = [];

  constructor(
    readonly transport: Transport,
    private readonly clock: Clock,
  ) {
    transport.onPacket((packet) => {
      let answer: Answer;
      try {
        answer = decode(packet);
      } catch {
        return;
      }
      this.received.push(answer);
      const resolve = this.waiting.get(answer.header.sequence);
      if (resolve) {
        this.waiting.delete(answer.header.sequence);
        resolve(answer);
      }
    });
  }

  nextSequence(): number {
    const s = this.sequence;
    this.sequence = (this.sequence + 1) & 0xff;
    return s;
  }

  /** Sends and waits for the answer; rejects with TimeoutError after `timeoutMs` of simulated time. */
  async request(
    group: number,
    id: number,
    op: "read" | "write",
    body: CborMap = {},
    options: RequestOptions & { timeoutMs?: number } = {},
  ): Promise<Answer> {
    const sequence = options.sequence ?? this.nextSequence();
    let cancel: () => void = () => undefined;
    const answer = new Promise<Answer>((resolve, reject) => {
      cancel = this.clock.schedule(options.timeoutMs ?? 5_000, () => {
        this.waiting.delete(sequence);
        reject(new TimeoutError(`no answer to sequence ${sequence}`));
      });
      this.waiting.set(sequence, (a) => {
        cancel();
        resolve(a);
      });
    });
    try {
      await this.transport.send(req(group, id, op, body, { ...options, sequence }));
    } catch (error) {
      cancel();
      this.waiting.delete(sequence);
      throw error;
    }
    return answer;
  }
}

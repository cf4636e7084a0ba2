// The contract every Transport meets, run against each implementation with an echo-like SMP peer behind it:
// whole packets both ways, several in flight, unsubscribing, closing by the user, losing the link, and large
// packets intact. Each implementation's test file supplies a harness that opens one link to such a peer.

import { afterEach, describe, expect, test } from "vitest";
import { SmpOp, decodePacket, encodePacket } from "../../src/core/smp/index.js";
import { TransportError, type Transport } from "../../src/core/transport.js";

export interface ContractLink {
  readonly transport: Transport;
  /** Drops the link from the device side (cable pulled, out of range). */
  readonly loseLink?: () => void;
  /** Releases what the harness set up for this link (peer, sockets, PTY). */
  readonly dispose?: () => Promise<void> | void;
}

export interface ContractHarness {
  open(): Promise<ContractLink>;
  /** Bytes in the large-packet test (capped at the transport's maxPacketSize). Default 2048. */
  readonly largePacket?: number;
  /** Why this link cannot be lost from the device side, when it cannot (UDP has no connection). */
  readonly noLinkLoss?: string;
}

/** An os echo request (group 0, id 0) carrying `text`. */
export function echoRequest(sequence: number, text: string): Uint8Array {
  return encodePacket({ op: SmpOp.write, version: 1, flags: 0, group: 0, sequence, command: 0 }, { d: text });
}

/** The echoed text, checking that `packet` answers the echo request with `sequence`. */
export function echoedText(packet: Uint8Array, sequence: number): string {
  const { header, body } = decodePacket(packet);
  expect(header).toMatchObject({ op: SmpOp.writeResponse, group: 0, command: 0, sequence });
  const r = body.r;
  if (typeof r !== "string") throw new Error("the answer carries no echoed text");
  return r;
}

/** Collects received packets; next() waits for the next one. */
export class PacketInbox {
  private readonly packets: Uint8Array[] = [];
  private waiters: (() => void)[] = [];
  readonly unsubscribe: () => void;

  constructor(transport: Transport) {
    this.unsubscribe = transport.onPacket((packet) => {
      this.packets.push(packet);
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    });
  }

  get count(): number {
    return this.packets.length;
  }

  async next(timeoutMs = 3000): Promise<Uint8Array> {
    const deadline = Date.now() + timeoutMs;
    while (this.packets.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no packet within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const packet = this.packets.shift();
    if (packet === undefined) throw new Error("inbox emptied concurrently");
    return packet;
  }
}

/** Text that makes an echo request of exactly `size` bytes (or just under, where CBOR lengths jump). */
export function textForPacketSize(size: number): string {
  let n = Math.max(0, size - 14);
  const text = (length: number): string => {
    let s = "";
    for (let i = 0; i < length; i++) s += String.fromCharCode(33 + ((i * 7919) % 94));
    return s;
  };
  while (n > 0 && echoRequest(0, text(n)).length > size) n--;
  return text(n);
}

export function describeTransportContract(name: string, harness: ContractHarness): void {
  describe(`${name}: Transport contract`, () => {
    const open: ContractLink[] = [];
    const connect = async (): Promise<ContractLink> => {
      const link = await harness.open();
      open.push(link);
      return link;
    };

    afterEach(async () => {
      for (const link of open.splice(0)) {
        await link.transport.close();
        await link.dispose?.();
      }
    });

    test("carries a request and its answer as whole packets", async () => {
      const { transport } = await connect();
      const inbox = new PacketInbox(transport);
      await transport.send(echoRequest(1, "hello"));
      expect(echoedText(await inbox.next(), 1)).toBe("hello");
    });

    test("keeps several requests in flight and delivers every answer", async () => {
      const { transport } = await connect();
      const inbox = new PacketInbox(transport);
      const sequences = [10, 11, 12, 13, 14, 15, 16, 17];
      await Promise.all(sequences.map((seq) => transport.send(echoRequest(seq, `request ${seq}`))));
      const seen = new Map<number, string>();
      for (let i = 0; i < sequences.length; i++) {
        const packet = await inbox.next();
        const seq = decodePacket(packet).header.sequence;
        seen.set(seq, echoedText(packet, seq));
      }
      expect([...seen.keys()].sort((a, b) => a - b)).toEqual(sequences);
      for (const seq of sequences) expect(seen.get(seq)).toBe(`request ${seq}`);
    });

    test("stops calling a listener once it unsubscribes", async () => {
      const { transport } = await connect();
      let heardByGone = 0;
      const unsubscribe = transport.onPacket(() => heardByGone++);
      const inbox = new PacketInbox(transport);
      unsubscribe();
      unsubscribe();
      await transport.send(echoRequest(2, "once"));
      expect(echoedText(await inbox.next(), 2)).toBe("once");
      expect(heardByGone).toBe(0);
    });

    test("close() reports a user close and refuses later sends", async () => {
      const { transport } = await connect();
      await transport.close();
      await expect(transport.closed).resolves.toEqual({ kind: "user" });
      await expect(transport.send(echoRequest(3, "late"))).rejects.toBeInstanceOf(TransportError);
      await transport.close();
    });

    // A link without a connection (UDP) has nothing to lose: the test does not apply and is not registered.
    if (harness.noLinkLoss === undefined) {
      test("a lost link is reported and fails pending and later sends", async () => {
        const { transport, loseLink } = await connect();
        if (!loseLink) throw new Error("the harness gives no way to lose the link");
        const size = Math.min(harness.largePacket ?? 2048, transport.maxPacketSize);
        const pending = transport.send(echoRequest(4, textForPacketSize(size))).then(
          () => "sent",
          (error: unknown) => error,
        );
        loseLink();
        const reason = await transport.closed;
        expect(reason.kind).toBe("lost");
        if (reason.kind === "lost") expect(reason.error).toBeInstanceOf(Error);
        const outcome = await pending;
        // A send already handed to the platform may have completed; otherwise it fails as a TransportError.
        if (outcome !== "sent") expect(outcome).toBeInstanceOf(TransportError);
        await expect(transport.send(echoRequest(5, "after"))).rejects.toBeInstanceOf(TransportError);
      });
    }

    test("carries a large packet intact both ways", async () => {
      const { transport } = await connect();
      const size = Math.min(harness.largePacket ?? 2048, transport.maxPacketSize);
      const text = textForPacketSize(size);
      const request = echoRequest(6, text);
      expect(request.length).toBeGreaterThan(size - 4);
      const inbox = new PacketInbox(transport);
      await transport.send(request);
      expect(echoedText(await inbox.next(), 6)).toBe(text);
    });
  });
}

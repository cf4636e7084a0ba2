// Zephyr's serial console receive path as the simulator models it: line buffers taken at a line's first byte,
// freed when the fragment work runs, which waits while the SMP work queue holds the CPU for flash.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { encodeSerialFrame } from "../../src/core/framing/index.js";
import { UartConsoleReceiver, ZEPHYR_UART_CONSOLE, type UartDropReason } from "../../src/sim/uart-console.js";

function packet(size: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) & 0xff);
}

function lines(frame: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let start = 0; start < frame.length;) {
    const end = frame.indexOf(0x0a, start) + 1;
    out.push(frame.subarray(start, end));
    start = end;
  }
  return out;
}

/** A receiver whose CPU stall the test switches on and off by hand. */
function harness(options = ZEPHYR_UART_CONSOLE) {
  let stalled = false;
  let waiters: (() => void)[] = [];
  const delivered: Uint8Array[] = [];
  const drops: UartDropReason[] = [];
  const receiver = new UartConsoleReceiver(options, {
    stalled: () => stalled,
    whenUnstalled: (fn) => (stalled ? waiters.push(fn) : fn()),
    deliver: (p) => delivered.push(p),
    dropped: (reason) => drops.push(reason),
  });
  return {
    receiver,
    delivered,
    drops,
    stall() {
      stalled = true;
    },
    unstall() {
      stalled = false;
      const run = waiters;
      waiters = [];
      for (const fn of run) fn();
    },
  };
}

describe("serial console line buffers", () => {
  test("an idle device decodes every line as it comes: a long packet needs no more than one buffer", () => {
    const h = harness();
    const p = packet(380, 1);
    const frame = encodeSerialFrame(p);
    expect(lines(frame).length).toBeGreaterThan(2);
    for (const line of lines(frame)) {
      h.receiver.receive(line);
      expect(h.receiver.buffersInUse).toBe(0);
    }
    expect(h.delivered).toEqual([p]);
    expect(h.drops).toEqual([]);
  });

  test("while flash is written, lines wait in the two buffers and the third is dropped, losing the packet", () => {
    const h = harness();
    const p = packet(380, 2);
    h.stall();
    for (const line of lines(encodeSerialFrame(p))) h.receiver.receive(line);
    expect(h.receiver.buffersInUse).toBe(2);
    expect(h.drops.filter((d) => d === "no-line-buffer").length).toBeGreaterThan(0);
    h.unstall();
    expect(h.receiver.buffersInUse).toBe(0);
    // The two buffered lines are not a packet: it never reaches the SMP layer.
    expect(h.delivered).toEqual([]);
    // The next packet, sent to an idle device, arrives whole.
    const next = packet(100, 3);
    for (const line of lines(encodeSerialFrame(next))) h.receiver.receive(line);
    expect(h.delivered).toEqual([next]);
  });

  test("a packet of two lines survives a stall: both wait in the buffers and decode afterwards", () => {
    const h = harness();
    const p = packet(150, 4);
    expect(lines(encodeSerialFrame(p))).toHaveLength(2);
    h.stall();
    for (const line of lines(encodeSerialFrame(p))) h.receiver.receive(line);
    expect(h.delivered).toEqual([]);
    expect(h.drops).toEqual([]);
    h.unstall();
    expect(h.delivered).toEqual([p]);
  });

  test("more line buffers (a tuned device) hold a whole packet through the stall", () => {
    const h = harness({ lineBuffers: 8, lineBufferSize: 128 });
    const p = packet(380, 5);
    h.stall();
    for (const line of lines(encodeSerialFrame(p))) h.receiver.receive(line);
    h.unstall();
    expect(h.delivered).toEqual([p]);
    expect(h.drops).toEqual([]);
  });

  test("a line longer than a buffer is ignored up to its newline", () => {
    const h = harness({ lineBuffers: 2, lineBufferSize: 64 });
    for (const line of lines(encodeSerialFrame(packet(200, 6)))) h.receiver.receive(line);
    expect(h.drops).toContain("line-too-long");
    expect(h.delivered).toEqual([]);
    expect(h.receiver.buffersInUse).toBe(0);
  });

  test("property: whatever the stalls and byte splits, no packet is delivered damaged or twice", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 50 }),
        (sizes, stallPattern, split) => {
          const h = harness();
          const sent = sizes.map((size, i) => packet(size, i));
          let step = 0;
          for (const p of sent) {
            const frame = encodeSerialFrame(p);
            for (let i = 0; i < frame.length; i += split) {
              if (stallPattern[step++ % stallPattern.length]) h.stall();
              else h.unstall();
              h.receiver.receive(frame.subarray(i, i + split));
            }
          }
          h.unstall();
          // Every delivered packet is one that was sent, in order, each at most once.
          let cursor = 0;
          for (const got of h.delivered) {
            while (cursor < sent.length && !equal(sent[cursor]!, got)) cursor++;
            expect(cursor).toBeLessThan(sent.length);
            cursor++;
          }
          expect(h.receiver.buffersInUse).toBe(0);
        },
      ),
      { numRuns: 300, seed: 16 },
    );
  });
});

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

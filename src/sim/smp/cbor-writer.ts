// CBOR for responses, written the way Zephyr's zcbor encoder writes them (RFC 8949; see the
// zephyr_server_captures vectors): maps and arrays with indefinite length (0xbf / 0x9f ... 0xff), strings and
// integers with the shortest definite header, keys in the order the handler put them. The shared codec in
// core/smp/cbor.ts writes definite-length maps, so the simulator keeps this small writer of its own.

/** A response value. Numbers must be integers (SMP bodies carry no floats). */
export type RValue = number | bigint | string | boolean | Uint8Array | RMap | readonly RValue[];

/** An ordered map with text keys, encoded with indefinite length. */
export class RMap {
  readonly entries: [string, RValue][] = [];

  put(key: string, value: RValue): this {
    this.entries.push([key, value]);
    return this;
  }

  get(key: string): RValue | undefined {
    return this.entries.find(([k]) => k === key)?.[1];
  }

  get size(): number {
    return this.entries.length;
  }
}

export function rmap(entries: readonly (readonly [string, RValue])[] = []): RMap {
  const map = new RMap();
  for (const [k, v] of entries) map.put(k, v);
  return map;
}

const textEncoder = new TextEncoder();

class ByteSink {
  private buf = new Uint8Array(256);
  private len = 0;

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b & 0xff;
  }

  bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}

function writeHead(sink: ByteSink, major: number, value: bigint): void {
  const m = major << 5;
  if (value < 24n) {
    sink.byte(m | Number(value));
  } else if (value <= 0xffn) {
    sink.byte(m | 24);
    sink.byte(Number(value));
  } else if (value <= 0xffffn) {
    sink.byte(m | 25);
    sink.byte(Number(value >> 8n));
    sink.byte(Number(value & 0xffn));
  } else if (value <= 0xffffffffn) {
    sink.byte(m | 26);
    for (let shift = 24n; shift >= 0n; shift -= 8n) sink.byte(Number((value >> shift) & 0xffn));
  } else {
    sink.byte(m | 27);
    for (let shift = 56n; shift >= 0n; shift -= 8n) sink.byte(Number((value >> shift) & 0xffn));
  }
}

function writeInteger(sink: ByteSink, value: number | bigint): void {
  const big = typeof value === "bigint" ? value : BigInt(Math.trunc(value));
  if (big >= 0n) writeHead(sink, 0, big);
  else writeHead(sink, 1, -1n - big);
}

function writeValue(sink: ByteSink, value: RValue): void {
  if (typeof value === "number" || typeof value === "bigint") {
    writeInteger(sink, value);
  } else if (typeof value === "string") {
    const utf8 = textEncoder.encode(value);
    writeHead(sink, 3, BigInt(utf8.length));
    sink.bytes(utf8);
  } else if (typeof value === "boolean") {
    sink.byte(value ? 0xf5 : 0xf4);
  } else if (value instanceof Uint8Array) {
    writeHead(sink, 2, BigInt(value.length));
    sink.bytes(value);
  } else if (value instanceof RMap) {
    sink.byte(0xbf);
    for (const [k, v] of value.entries) {
      writeValue(sink, k);
      writeValue(sink, v);
    }
    sink.byte(0xff);
  } else {
    sink.byte(0x9f);
    for (const item of value) writeValue(sink, item);
    sink.byte(0xff);
  }
}

/** Encodes a response body: an indefinite-length map, like every Zephyr SMP response. */
export function encodeResponseBody(map: RMap): Uint8Array {
  const sink = new ByteSink();
  writeValue(sink, map);
  return sink.result();
}

// Decodes the BOOT_RECORD TLV: a small CBOR map (TF-M / PSA measured-boot claims) that imgtool writes as
// {1: sw type, 4: version, 5: signer id, 6: measurement description, 2: measurement}. Only the CBOR
// subset that map needs is accepted (RFC 8949 major types 0, 2, 3 and 5, definite lengths).

export interface BootRecordEntry {
  readonly key: number;
  /** Claim name for the keys MCUboot writes, else "claim-N". */
  readonly label: string;
  readonly value: number | string | Uint8Array;
}

const LABELS: Readonly<Record<number, string>> = {
  1: "type",
  2: "measurement_value",
  4: "version",
  5: "signer_id",
  6: "measurement_description",
};

class Cursor {
  at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  byte(): number | undefined {
    const b = this.bytes[this.at];
    if (b !== undefined) this.at++;
    return b;
  }

  /** Reads a head; returns [major type, argument] or undefined on anything outside the subset. */
  head(): [number, number] | undefined {
    const first = this.byte();
    if (first === undefined) return undefined;
    const major = first >> 5;
    const info = first & 0x1f;
    if (info < 24) return [major, info];
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 0;
    if (size === 0) return undefined;
    let value = 0;
    for (let i = 0; i < size; i++) {
      const b = this.byte();
      if (b === undefined) return undefined;
      value = value * 256 + b;
    }
    return [major, value];
  }

  take(length: number): Uint8Array | undefined {
    if (this.at + length > this.bytes.length) return undefined;
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }

  get done(): boolean {
    return this.at === this.bytes.length;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function readValue(c: Cursor): number | string | Uint8Array | undefined {
  const head = c.head();
  if (!head) return undefined;
  const [major, arg] = head;
  if (major === 0) return arg;
  if (major === 2) return c.take(arg);
  if (major === 3) {
    const raw = c.take(arg);
    if (!raw) return undefined;
    try {
      return utf8.decode(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The claims in file order, or undefined when the value is not such a CBOR map. */
export function decodeBootRecord(bytes: Uint8Array): BootRecordEntry[] | undefined {
  const c = new Cursor(bytes);
  const head = c.head();
  if (!head || head[0] !== 5) return undefined;
  const entries: BootRecordEntry[] = [];
  for (let i = 0; i < head[1]; i++) {
    const keyHead = c.head();
    if (!keyHead || keyHead[0] !== 0) return undefined;
    const value = readValue(c);
    if (value === undefined) return undefined;
    const key = keyHead[1];
    entries.push({ key, label: LABELS[key] ?? `claim-${key}`, value });
  }
  return c.done ? entries : undefined;
}

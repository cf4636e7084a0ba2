// Endian-aware, bounds-checked reads of the little (or, for `imgtool -e big`, big) endian fields of an image.

export type Endian = "little" | "big";

export class ByteReader {
  private readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    readonly endian: Endian,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  /** True when [offset, offset + size) lies inside the bytes. */
  has(offset: number, size: number): boolean {
    return Number.isSafeInteger(offset) && offset >= 0 && size >= 0 && offset + size <= this.bytes.length;
  }

  u8(offset: number): number {
    return this.view.getUint8(offset);
  }

  u16(offset: number): number {
    return this.view.getUint16(offset, this.endian === "little");
  }

  u32(offset: number): number {
    return this.view.getUint32(offset, this.endian === "little");
  }
}

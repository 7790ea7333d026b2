/**
 * Byte-level reading and writing for Standard MIDI Files: big-endian integers and the
 * variable-length quantities (7 bits a byte, high bit = more follows) used for times and lengths.
 */

/** Thrown by {@link Cursor} when a read would go past the end of its range. */
export class OutOfData extends Error {}

/** Thrown by {@link Cursor} when bytes cannot be what they are read as. */
export class BadData extends Error {}

/** Reads forward through `bytes[pos, end)`. */
export class Cursor {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    readonly end: number,
  ) {}

  /** Whether every byte has been read. */
  get done(): boolean {
    return this.pos >= this.end;
  }

  /** The next byte, without moving. */
  peek(): number {
    if (this.pos >= this.end) throw new OutOfData();
    return this.bytes[this.pos] ?? 0;
  }

  /** The next byte. */
  u8(): number {
    const b = this.peek();
    this.pos++;
    return b;
  }

  /** The next byte, which must be a data byte (below 0x80). */
  data(): number {
    const b = this.u8();
    if (b >= 0x80) throw new BadData();
    return b;
  }

  /** A variable-length quantity of at most four bytes (up to 0x0FFFFFFF), as the standard allows. */
  vlq(): number {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const b = this.u8();
      value = value * 128 + (b & 0x7f);
      if (b < 0x80) return value;
    }
    throw new BadData();
  }

  /** The next `length` bytes. */
  take(length: number): Uint8Array {
    if (length > this.end - this.pos) throw new OutOfData();
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
}

/** A big-endian 16-bit number at `pos` (the caller checks the bounds). */
export function u16At(bytes: Uint8Array, pos: number): number {
  return ((bytes[pos] ?? 0) << 8) | (bytes[pos + 1] ?? 0);
}

/** A big-endian 32-bit number at `pos` (the caller checks the bounds). */
export function u32At(bytes: Uint8Array, pos: number): number {
  return u16At(bytes, pos) * 0x10000 + u16At(bytes, pos + 2);
}

/** Four bytes at `pos` as ASCII, for chunk types. */
export function tagAt(bytes: Uint8Array, pos: number): string {
  return String.fromCharCode(...bytes.subarray(pos, pos + 4));
}

/** Collects bytes for a file being written. */
export class ByteWriter {
  private readonly out: number[] = [];

  /** The bytes written so far. */
  get length(): number {
    return this.out.length;
  }

  /** Appends bytes (each taken modulo 256). */
  bytes(...values: readonly number[]): this {
    for (const v of values) this.out.push(v & 0xff);
    return this;
  }

  /** Appends a big-endian 16-bit number. */
  u16(value: number): this {
    return this.bytes(value >>> 8, value);
  }

  /** Appends a big-endian 32-bit number. */
  u32(value: number): this {
    return this.bytes(value >>> 24, value >>> 16, value >>> 8, value);
  }

  /** Appends four ASCII characters. */
  tag(text: string): this {
    for (let i = 0; i < 4; i++) this.out.push(text.charCodeAt(i) & 0xff);
    return this;
  }

  /** Appends a variable-length quantity (0..0x0FFFFFFF). */
  vlq(value: number): this {
    let v = Math.max(0, Math.min(0x0fffffff, Math.floor(value)));
    const groups = [v & 0x7f];
    while ((v = Math.floor(v / 128)) > 0) groups.unshift((v & 0x7f) | 0x80);
    return this.bytes(...groups);
  }

  /** Appends raw bytes. */
  append(data: Uint8Array): this {
    for (const b of data) this.out.push(b);
    return this;
  }

  /** The result. */
  toBytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

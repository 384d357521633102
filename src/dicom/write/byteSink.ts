/**
 * Collects little-endian output as a list of chunks so large values (pixel data) are
 * copied once, when the file is assembled, rather than on every growth of a buffer.
 */
export class ByteSink {
  private readonly chunks: Uint8Array[] = [];
  private scratch = new Uint8Array(4096);
  private view = new DataView(this.scratch.buffer);
  private used = 0;
  private flushedLength = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.flushedLength + this.used;
  }

  u16(n: number): void {
    this.reserve(2);
    this.view.setUint16(this.used, n, true);
    this.used += 2;
  }

  u32(n: number): void {
    this.reserve(4);
    this.view.setUint32(this.used, n, true);
    this.used += 4;
  }

  /** Appends bytes; large arrays are kept by reference, so do not mutate them afterwards. */
  bytes(b: Uint8Array): void {
    if (b.length > 1024) {
      this.flush();
      this.chunks.push(b);
      this.flushedLength += b.length;
      return;
    }
    this.reserve(b.length);
    this.scratch.set(b, this.used);
    this.used += b.length;
  }

  /** The concatenated output. */
  toUint8Array(): Uint8Array {
    this.flush();
    if (this.chunks.length === 1) return this.chunks[0]!;
    const out = new Uint8Array(this.flushedLength);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  private reserve(n: number): void {
    if (this.used + n <= this.scratch.length) return;
    this.flush();
    if (n > this.scratch.length) {
      this.scratch = new Uint8Array(n);
      this.view = new DataView(this.scratch.buffer);
    }
  }

  private flush(): void {
    if (this.used === 0) return;
    this.chunks.push(this.scratch.slice(0, this.used));
    this.flushedLength += this.used;
    this.used = 0;
  }
}

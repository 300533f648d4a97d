/** Append-only typed arrays that double when full: recordings grow without per-element allocation. */

/** A growable Float64Array. */
export class GrowableFloat64 {
  private data: Float64Array;
  length = 0;
  constructor(capacity = 1024) { this.data = new Float64Array(Math.max(16, capacity)); }
  /** Makes room for `extra` more values. */
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const next = new Float64Array(Math.max(this.data.length * 2, this.length + extra));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push(x: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = x;
  }
  /** A copy of the values. */
  snapshot(): Float64Array { return this.data.slice(0, this.length); }
}

/** A growable Int32Array. */
export class GrowableInt32 {
  private data: Int32Array;
  length = 0;
  constructor(capacity = 1024) { this.data = new Int32Array(Math.max(16, capacity)); }
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const next = new Int32Array(Math.max(this.data.length * 2, this.length + extra));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push(x: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = x;
  }
  get(k: number): number { return this.data[k]!; }
  clear(): void { this.length = 0; }
  snapshot(): Int32Array { return this.data.slice(0, this.length); }
}

/**
 * A minimal WebAssembly assembler: the encodings and the few instructions Cajal's hand-written
 * kernels (gemm-wasm.ts, update-wasm.ts) use, so they are built here byte by byte, with no
 * toolchain and no download.
 */

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** A module section: id, byte length, body. */
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
/** A vector: count, then the items. */
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
/** A name (ASCII). */
export const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

/** Value types. */
export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

/** Instructions (memory arguments: alignment hint 0, then the offset). */
export const op = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  tee: (i: number) => [0x22, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v)],
  add: [0x6a], sub: [0x6b], mul: [0x6c], ltS: [0x48], eqz: [0x45],
  block: [0x02, 0x40], loop: [0x03, 0x40], end: [0x0b],
  br: (d: number) => [0x0c, ...uleb(d)],
  brIf: (d: number) => [0x0d, ...uleb(d)],
  f32Load: (offset = 0) => [0x2a, 0, ...uleb(offset)],
  f32Store: (offset = 0) => [0x38, 0, ...uleb(offset)],
  f32Add: [0x92], f32Sub: [0x93], f32Mul: [0x94], f32Div: [0x95], f32Sqrt: [0x91],
  f32Zero: [0x43, 0, 0, 0, 0],
  f32Gt: [0x5e],
  select: [0x1b],
  v128Load: (offset = 0) => [0xfd, 0x00, 0, ...uleb(offset)],
  v128Splat32: (offset = 0) => [0xfd, 0x09, 0, ...uleb(offset)],
  v128Store: (offset = 0) => [0xfd, 0x0b, 0, ...uleb(offset)],
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  f32x4Splat: [0xfd, 0x13],
  f32x4Gt: [0xfd, 0x44],
  v128And: [0xfd, 0x4e],
  f32x4Sqrt: [0xfd, 0xe3, 0x01],
  f32x4Add: [0xfd, 0xe4, 0x01],
  f32x4Sub: [0xfd, 0xe5, 0x01],
  f32x4Mul: [0xfd, 0xe6, 0x01],
  f32x4Div: [0xfd, 0xe7, 0x01],
};

/** A module importing `env.memory` and exporting one function `name` of the given type and body. */
export function moduleWithOneFunction(exportName: string, params: number[], locals: Array<[count: number, type: number]>, code: number[]): Uint8Array {
  const fnType = [0x60, ...vec(params.map((t) => [t])), 0x00];
  const body = [...vec(locals.map(([count, type]) => [...uleb(count), type])), ...code, 0x0b];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([fnType])),
    ...section(2, vec([[...name("env"), ...name("memory"), 0x02, 0x00, 0x00]])),
    ...section(3, vec([[0x00]])),
    ...section(7, vec([[...name(exportName), 0x00, 0x00]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

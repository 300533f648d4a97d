/** Reader for the IDX format of the MNIST files (big-endian header, then raw unsigned bytes). */
import * as fs from "node:fs";
import { CajalError } from "../core/errors.js";
import { badIdxFile } from "./messages.js";

/** An IDX array of unsigned bytes. */
export interface IdxArray {
  /** Sizes of each dimension, outermost first (e.g. [60000, 28, 28]). */
  readonly dims: readonly number[];
  /** The values, row-major, a view on the file's bytes. */
  readonly data: Uint8Array;
}

/** Parses IDX bytes (type code 0x08, unsigned byte, is the only one MNIST uses). */
export function parseIdx(bytes: Uint8Array, path = "IDX data"): IdxArray {
  if (bytes.length < 4) throw new CajalError(badIdxFile(path, `the file has ${bytes.length} bytes, fewer than an IDX header.`));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0 || view.getUint8(2) !== 0x08) {
    throw new CajalError(badIdxFile(path, `the magic number is 0x${view.getUint32(0).toString(16).padStart(8, "0")}, not an unsigned-byte IDX file (gzip-compressed files start with 0x1f8b).`));
  }
  const rank = view.getUint8(3);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i));
  const offset = 4 + 4 * rank;
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== offset + size) {
    throw new CajalError(badIdxFile(path, `the header promises ${size} values of shape [${dims.join(", ")}] but the file holds ${bytes.length - offset}.`));
  }
  return { dims, data: bytes.subarray(offset) };
}

/** Reads and parses one IDX file. */
export function readIdx(path: string): IdxArray {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(path);
  } catch (error) {
    throw new CajalError(badIdxFile(path, `the file cannot be read (${(error as Error).message}).`), { cause: error });
  }
  return parseIdx(bytes, path);
}

// Compact text for spike rasters and state words (golden detail files,
// a tape's expected result): zigzag varints of (step delta, neuron) pairs,
// and raw little-endian words, each deflated and base64-encoded.
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export function encodeRaster(r: Uint32Array): string {
  const bytes: number[] = [];
  const varint = (v: number) => {
    while (v >= 0x80) { bytes.push((v & 0x7f) | 0x80); v = Math.floor(v / 128); }
    bytes.push(v);
  };
  let prev = 0;
  for (let q = 0; q < r.length; q += 2) {
    const d = r[q]! - prev;
    varint(d >= 0 ? 2 * d : -2 * d - 1);
    varint(r[q + 1]!);
    prev = r[q]!;
  }
  return deflateRawSync(Uint8Array.from(bytes), { level: 9 }).toString('base64');
}

export function decodeRaster(s: string): Uint32Array {
  const b = inflateRawSync(Buffer.from(s, 'base64'));
  const out: number[] = [];
  let at = 0;
  const varint = () => {
    let v = 0, mul = 1, x: number;
    do { x = b[at++]!; v += (x & 0x7f) * mul; mul *= 128; } while (x & 0x80);
    return v;
  };
  let prev = 0;
  while (at < b.length) {
    const z = varint();
    prev += z & 1 ? -(z + 1) / 2 : z / 2;
    out.push(prev, varint());
  }
  return Uint32Array.from(out);
}

export const encodeWords = (w: Int32Array) =>
  deflateRawSync(new Uint8Array(w.buffer, w.byteOffset, w.byteLength), { level: 9 }).toString('base64');
export function decodeWords(s: string): Int32Array {
  const b = inflateRawSync(Buffer.from(s, 'base64'));
  return new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

// Test helper: a version 1 model file (ebnkit 0.1) made from a version 2 one,
// byte for byte what the old writer produced: image ABI v1 with its checksum
// over the arrays only, model version 1 with its checksum after the header.
import { fnvWords } from '../src/checksum.js';
import { H, HEADER_WORDS } from '../src/formats.js';

export function toVersion1(file: Uint8Array, imageBytes: number): Uint8Array {
  const out = new Uint8Array(file); // a copy with its own buffer (Buffer.slice would be a view)
  const dv = new DataView(out.buffer);
  const img = new Int32Array(out.buffer, out.byteLength - imageBytes, imageBytes / 4);
  img[H.VERSION] = 1;
  img[H.CHECKSUM] = fnvWords(img, HEADER_WORDS) | 0;
  dv.setUint32(4, 1, true);
  dv.setUint32(12, fnvWords(new Uint32Array(out.buffer), 6), true);
  return out;
}

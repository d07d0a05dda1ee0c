// The network image: the same bytes in kernel memory, in a saved file and in
// a microcontroller's flash. A 24-word header (see assembly/formats.ts) and
// then the arrays, all little-endian 32-bit words:
//
//   header | D N*J | T N | Of N*N | M K*J | theta K | Os N*B | LUT 257
//
// A low-rank image (flag IMG_LOWRANK, assembly/lowrank.ts) stores no Of and
// the J x B factor W where Os was (Os = D W), and mu in header word MU:
//
//   header | D N*J | T N | M K*J | theta K | W J*B | LUT 257
//
// Offsets are derived from the dims. The checksum (FNV-1a, checksum.ts) covers
// every word of the image except the checksum word itself (ABI v2; v1 covered
// only the bytes after the header). Flag bits outside KNOWN_FLAGS are refused.
import { fnvWords } from './checksum.js';
import { ABI_VERSION, H, HEADER_BYTES, HEADER_WORDS, IMG_LINEAR, IMG_LOWRANK, KNOWN_FLAGS, LUT_SEGMENTS, MAGIC } from './formats.js';

export interface ImageLayout {
  D: number;
  T: number;
  /** Fast weights N x N; -1 in a low-rank image (it has none). */
  Of: number;
  M: number;
  theta: number;
  /** The learned slow weights: Os (N x B), or W (J x B) in a low-rank image. */
  Os: number;
  /** Rows of the learned slow weights: N, or J when low-rank. */
  slowRows: number;
  lowrank: boolean;
  lut: number;
  words: number;
}

/** Word offsets of each array for these dims. */
export function imageLayout(N: number, J: number, K: number, B: number, lowrank = false): ImageLayout {
  let w = HEADER_WORDS;
  const take = (n: number) => ((w += n), w - n);
  const D = take(N * J);
  const T = take(N);
  const Of = lowrank ? -1 : take(N * N);
  const M = take(K * J);
  const theta = take(K);
  const slowRows = lowrank ? J : N;
  const Os = take(slowRows * B);
  const lut = take(LUT_SEGMENTS + 1);
  return { D, T, Of, M, theta, Os, slowRows, lowrank, lut, words: w };
}

/** The header's dims as the kernel's open() checks them (B = K, plus J with linear terms). */
export function dimsValid(N: number, J: number, K: number, B: number, flags: number): boolean {
  const lin = (flags & IMG_LINEAR) !== 0;
  return N >= 1 && N <= 65535 && J >= 1 && J <= 64 && K <= 65535 && B === K + (lin ? J : 0);
}

export class ImageError extends Error {
  override name = 'ImageError';
}

export interface ImageHeader {
  N: number;
  J: number;
  K: number;
  B: number;
  flags: number;
  format: number;
  checksum: number;
  bytes: number;
}

/** Validate an image (magic, version, dims, length, checksum) and return a word view of it. */
export function readImage(bytes: Uint8Array): { header: ImageHeader; words: Int32Array; layout: ImageLayout } {
  if (bytes.byteLength < HEADER_BYTES)
    throw new ImageError(`image is ${bytes.byteLength} bytes; an ebnkit image has at least a ${HEADER_BYTES}-byte header`);
  const copy = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const words = new Int32Array(copy.buffer, copy.byteOffset, Math.floor(copy.byteLength / 4));
  const u = (i: number) => words[i]! >>> 0;
  if (u(H.MAGIC) !== MAGIC) throw new ImageError(`bad magic 0x${u(H.MAGIC).toString(16)}: not an ebnkit image (expected "EBNK")`);
  if (u(H.VERSION) === 1)
    throw new ImageError(
      `image ABI version 1 (ebnkit 0.1, its checksum leaves the header unprotected) is no longer read; ` +
        `convert a model with \`ebnkit upgrade <model.ebn>\`, or re-export a raw image from the upgraded model`,
    );
  if (u(H.VERSION) !== ABI_VERSION)
    throw new ImageError(`image ABI version ${u(H.VERSION)} is not supported (this build reads version ${ABI_VERSION})`);
  const header: ImageHeader = {
    N: u(H.N),
    J: u(H.J),
    K: u(H.K),
    B: u(H.B),
    flags: u(H.FLAGS),
    format: u(H.FORMAT),
    checksum: u(H.CHECKSUM),
    bytes: u(H.BYTES),
  };
  const unknown = header.flags & ~KNOWN_FLAGS;
  if (unknown !== 0)
    throw new ImageError(`image sets unknown flag bits 0x${(unknown >>> 0).toString(16)} (this build knows 0x${KNOWN_FLAGS.toString(16)}): written by a newer ebnkit, or damaged`);
  const { N, J, K, B } = header;
  if (!dimsValid(N, J, K, B, header.flags)) throw new ImageError(`image dims N=${N} J=${J} K=${K} B=${B} are inconsistent or out of range`);
  const layout = imageLayout(N, J, K, B, (header.flags & IMG_LOWRANK) !== 0);
  if (header.bytes !== layout.words * 4)
    throw new ImageError(`image header says ${header.bytes} bytes; dims N=${N} J=${J} K=${K} need ${layout.words * 4}`);
  if (bytes.byteLength < header.bytes)
    throw new ImageError(`image is truncated: ${bytes.byteLength} of ${header.bytes} bytes`);
  const got = imageChecksum(words, layout.words);
  if (got !== header.checksum)
    throw new ImageError(`image checksum 0x${got.toString(16)} does not match the header's 0x${header.checksum.toString(16)}: the image is damaged`);
  return { header, words: words.subarray(0, layout.words), layout };
}

/** The v2 image checksum of words [0, end): every word but H.CHECKSUM (the kernel's checksum()). */
export function imageChecksum(words: ArrayLike<number>, end: number = words.length): number {
  return fnvWords(words, H.CHECKSUM + 1, end, fnvWords(words, 0, H.CHECKSUM));
}

/** Recompute and store the checksum of a word view of an image; returns it. */
export function sealWords(words: Int32Array): number {
  const h = imageChecksum(words);
  words[H.CHECKSUM] = h | 0;
  return h;
}

// The image is the single source of truth for what the kernel runs; the spec
// is what the float reference, the readout and the reports read. A model file
// or a (spec, image) pair given to KernelExecutor.fromImage must therefore
// agree: every header word and every fixed array of the image must be exactly
// what quantize(spec) produces for the image's own format and layout. Only the
// learned slow weights (Os, or W when low-rank) may differ — those are taken
// FROM the image (specWithImageWeights), never from the spec.
//
// The runtime tunables k*dt, eta*dt and noise (header words KDT, LR, NOISE) are
// excepted too: every executor sets them at run time (setTunables), so the
// image holds only the last values set; the checksum still protects them.
//
// Why re-quantize instead of comparing a few fields: any field the kernel reads
// (policy, dt, leaks, noise, vmax, vshift, mu, D, T, Of, M, theta, the LUT) that
// disagrees with the spec runs silently wrong (issue 14, F3: NRMSE 10 at exit 0).
import { H, fromQ } from './formats.js';
import { ImageError, readImage } from './image.js';
import { expandSlowWeights } from './kernel/lowrank.js';
import { FORMATS, type NumberFormat } from './presets.js';
import { quantize } from './quantize.js';
import { cloneSpec, type NetworkSpec } from './spec.js';

/** Header words an executor rewrites at run time (kernel setParam): not compared. */
const TUNABLE_WORDS: ReadonlySet<number> = new Set([H.CHECKSUM, H.KDT, H.LR, H.NOISE]);
const WORD_NAMES: Record<number, string> = Object.fromEntries(Object.entries(H).map(([k, v]) => [v, k]));

/** The preset a header's format id names, or null if this build has none with that id. */
export function formatById(id: number): NumberFormat | null {
  return Object.values(FORMATS).find((f) => f.id === id) ?? null;
}

/**
 * Throw an ImageError naming the first disagreeing header words or arrays when
 * `image` is not what quantizing `spec` gives (learned weights excepted).
 */
export function checkSpecAgainstImage(spec: NetworkSpec, image: Uint8Array): void {
  const { header, words, layout } = readImage(image);
  const format = formatById(header.format);
  if (!format) throw new ImageError(`image header names number format id ${header.format}; this build knows ${Object.values(FORMATS).map((f) => `${f.id} (${f.name})`).join(', ')}`);
  if (header.N !== spec.N || header.J !== spec.J || header.K !== spec.dendrites.K)
    throw new ImageError(`image dims N=${header.N} J=${header.J} K=${header.K} do not match the spec's N=${spec.N} J=${spec.J} K=${spec.dendrites.K}`);
  const expected = readImage(quantize(spec, format, { mode: layout.lowrank ? 'lowrank' : 'dense' }).image).words;
  if (expected.length !== words.length)
    throw new ImageError(`image is ${words.length * 4} bytes; its spec quantizes to ${expected.length * 4}`);
  const bad: string[] = [];
  for (let i = 0; i < layout.D; i++) {
    if (!TUNABLE_WORDS.has(i) && words[i] !== expected[i]) bad.push(`header word ${i} (${WORD_NAMES[i] ?? 'reserved'}) is ${words[i]! >>> 0}, the spec gives ${expected[i]! >>> 0}`);
  }
  const arrays: [string, number, number][] = [
    ['D', layout.D, layout.T],
    ['T', layout.T, layout.lowrank ? layout.M : layout.Of],
    ...(layout.lowrank ? [] : ([['Of', layout.Of, layout.M]] as [string, number, number][])),
    ['M', layout.M, layout.theta],
    ['theta', layout.theta, layout.Os],
    ['LUT', layout.lut, layout.words],
  ];
  for (const [name, from, to] of arrays) {
    let n = 0;
    for (let i = from; i < to; i++) if (words[i] !== expected[i]) n++;
    if (n > 0) bad.push(`${n} of ${to - from} ${name} entries differ`);
  }
  if (bad.length > 0)
    throw new ImageError(`image and spec disagree (the kernel would run something other than the spec says): ${bad.slice(0, 4).join('; ')}${bad.length > 4 ? `; and ${bad.length - 4} more` : ''}`);
}

/** `spec` with its slow weights replaced by the image's learned ones (Os = D W when low-rank). */
export function specWithImageWeights(spec: NetworkSpec, image: Uint8Array): NetworkSpec {
  const { words, layout, header } = readImage(image);
  const w = Array.from(words.subarray(layout.Os, layout.lut), fromQ);
  const out = cloneSpec(spec);
  out.Os = layout.lowrank ? expandSlowWeights(out.D, w, header.N, header.J, header.B) : w;
  return out;
}

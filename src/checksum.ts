// FNV-1a 32 over little-endian words: the image checksum and the spike-raster
// hash. The kernel (assembly/fixed.ts fnvWord) computes the same function.
export const FNV_OFFSET = 0x811c9dc5;

export function fnvWord(h: number, w: number): number {
  h = Math.imul(h ^ (w & 0xff), 16777619);
  h = Math.imul(h ^ ((w >>> 8) & 0xff), 16777619);
  h = Math.imul(h ^ ((w >>> 16) & 0xff), 16777619);
  h = Math.imul(h ^ (w >>> 24), 16777619);
  return h >>> 0;
}

export function fnvWords(words: ArrayLike<number>, start = 0, end = words.length, h = FNV_OFFSET): number {
  for (let i = start; i < end; i++) h = fnvWord(h, words[i]! >>> 0);
  return h >>> 0;
}

/** Hash of a spike raster exactly as the kernel accumulates it: per spike, neuron then step. */
export function spikeHash(steps: ArrayLike<number>, neurons: ArrayLike<number>, h = FNV_OFFSET): number {
  for (let q = 0; q < steps.length; q++) h = fnvWord(fnvWord(h, neurons[q]!), steps[q]!);
  return h >>> 0;
}

// Where everything lives in linear memory. One image, then kernel-owned state,
// then the I/O blocks the host fills and drains between run() calls:
//
//   __heap_base (16-aligned)
//   +-------------------------- image (host writes it, learning updates Os) --+
//   | header 24 x u32 | D N*J | T N | Of N*N | M K*J | theta K | Os N*B | LUT  |
//   +------------------------------------------------------------------------+
//   | V N | r N | alive N | xhat J | e J | Phi B | g N | spikers N | ref N    |   state, i32 each
//   | status S_WORDS u32 | counters C_WORDS u64                              |
//   | c_in steps*J | x_in steps*J | xhat_out steps*J | spikes_out cap*2 u32  |   I/O
//   +------------------------------------------------------------------------+
//
// ref holds each neuron's spike-rule countdown (parallel rule, step.ts): set
// to refractory + 1 when it fires, so "ref == refractory + 1" marks the
// spikes of the previous step whose effects are still to be delivered.
//
// A low-rank image (IMG_LOWRANK) has no Of and holds W (J*B) where Os was,
// and its state adds u J (slow drive in readout space) and q J (summed
// decoders of the step's spikers) after ref:
//
//   | header | D N*J | T N | M K*J | theta K | W J*B | LUT |  ...  | spikers N | ref N | u J | q J |
//
// Array offsets inside the image are derived from the dims, never stored.
import { HEADER_BYTES, LUT_SEGMENTS, S_WORDS, C_WORDS } from "./formats";

export let img: usize = 0;
export let N: i32 = 0;
export let J: i32 = 0;
export let K: i32 = 0;
export let B: i32 = 0;
export let blockSteps: i32 = 0;
export let spikeCap: i32 = 0;
export let loaded: bool = false;
/** The image is low-rank (IMG_LOWRANK): pOs points at W (J x B), pOf is unused. */
export let lowrank: bool = false;

export let pD: usize = 0;
export let pT: usize = 0;
export let pOf: usize = 0;
export let pM: usize = 0;
export let pTheta: usize = 0;
export let pOs: usize = 0;
export let pLut: usize = 0;
export let pV: usize = 0;
export let pR: usize = 0;
export let pAlive: usize = 0;
export let pXhat: usize = 0;
export let pE: usize = 0;
export let pPhi: usize = 0;
export let pG: usize = 0;
export let pSpk: usize = 0;
export let pRef: usize = 0;
export let pU: usize = 0;
export let pQ: usize = 0;
export let pStatus: usize = 0;
export let pCounters: usize = 0;
export let pCin: usize = 0;
export let pXin: usize = 0;
export let pXhatOut: usize = 0;
export let pSpikesOut: usize = 0;
export let pEnd: usize = 0;

/** Bytes an image with these dims occupies (header + arrays), as the host computes it. */
export function imageSize(n: i32, j: i32, k: i32, b: i32, lr: bool): i64 {
  const fast: i64 = lr ? 0 : <i64>n * n;
  const slow: i64 = <i64>(lr ? j : n) * b;
  const words: i64 = <i64>n * j + n + fast + <i64>k * j + k + slow + (LUT_SEGMENTS + 1);
  return <i64>HEADER_BYTES + words * 4;
}

/** Grow memory so that [0, end) is addressable; false if the runtime refuses. */
export function ensureMemory(end: usize): bool {
  const have = <u64>memory.size() << 16; // 64 bits: a full 4 GiB memory has 2^32 bytes
  if (<u64>end <= have) return true;
  const pages = <i32>((<u64>end - have + 0xFFFF) >> 16);
  return memory.grow(pages) >= 0;
}

/** Place the image at the heap base; returns its offset or 0. */
export function placeImage(bytes: i32): usize {
  img = (__heap_base + 15) & ~<usize>15;
  loaded = false;
  return ensureMemory(img + <usize>bytes) ? img : 0;
}

/** Largest byte address + 1 a wasm32 memory can have (65,536 pages of 64 KiB). */
// @ts-ignore: decorator
@inline const MEMORY_LIMIT: u64 = <u64>1 << 32;

/**
 * Derive every pointer from the dims; false if memory cannot hold it.
 * Every size is computed in 64 bits (steps*J, cap*8 and N*N overflow 32 bits
 * for inputs open() accepts) and the whole layout is refused before any
 * pointer is set if its end does not fit a wasm32 memory: no call sequence
 * can then place a region past the end or two regions at one address.
 */
export function placeState(n: i32, j: i32, k: i32, b: i32, lr: bool, steps: i32, cap: i32): bool {
  const n64 = <u64>n, j64 = <u64>j, k64 = <u64>k, b64 = <u64>b, st = <u64>steps, cap64 = <u64>cap;
  const imageEnd: u64 = <u64>img + <u64>HEADER_BYTES + 4 * (n64 * j64 + n64 + (lr ? 0 : n64 * n64) + k64 * j64 + k64 + (lr ? j64 : n64) * b64 + <u64>(LUT_SEGMENTS + 1));
  let stateEnd: u64 = imageEnd + 4 * (6 * n64 + 2 * j64 + b64 + (lr ? 2 * j64 : 0));
  stateEnd = (stateEnd + 7) & ~(<u64>7);
  const end: u64 = stateEnd + 4 * <u64>S_WORDS + 8 * <u64>C_WORDS + 3 * 4 * st * j64 + 8 * cap64;
  if (end >= MEMORY_LIMIT || !ensureMemory(<usize>end)) return false;
  N = n; J = j; K = k; B = b; blockSteps = steps; spikeCap = cap; lowrank = lr;
  let p: usize = img + HEADER_BYTES;
  pD = p; p += <usize>(n * j) << 2;
  pT = p; p += <usize>n << 2;
  pOf = p; if (!lr) p += <usize>(n * n) << 2;
  pM = p; p += <usize>(k * j) << 2;
  pTheta = p; p += <usize>k << 2;
  pOs = p; p += <usize>((lr ? j : n) * b) << 2;
  pLut = p; p += <usize>(LUT_SEGMENTS + 1) << 2;
  pV = p; p += <usize>n << 2;
  pR = p; p += <usize>n << 2;
  pAlive = p; p += <usize>n << 2;
  pXhat = p; p += <usize>j << 2;
  pE = p; p += <usize>j << 2;
  pPhi = p; p += <usize>b << 2;
  pG = p; p += <usize>n << 2;
  pSpk = p; p += <usize>n << 2;
  pRef = p; p += <usize>n << 2;
  pU = p; pQ = p;
  if (lr) { p += <usize>j << 2; pQ = p; p += <usize>j << 2; }
  p = (p + 7) & ~<usize>7;
  pStatus = p; p += <usize>S_WORDS << 2;
  pCounters = p; p += <usize>C_WORDS << 3;
  pCin = p; p += <usize>(steps * j) << 2;
  pXin = p; p += <usize>(steps * j) << 2;
  pXhatOut = p; p += <usize>(steps * j) << 2;
  pSpikesOut = p; p += <usize>cap << 3;
  pEnd = p;
  return <u64>pEnd == end; // the 32-bit walk above cannot wrap once `end` fits
}

// ebnkit kernel ABI v2: flat exports of numbers and byte offsets, zero imports.
//
//   constant(id)            format/ABI constant #id (see CONSTANTS below)
//   reserve(bytes)          place an image of `bytes` bytes; returns its offset (0 = no memory)
//   open(steps, spikeCap)   validate the image (magic, version, flags, length, dims, checksum),
//                           lay out state and I/O blocks, reset; 0 or an E_* code
//   reset(seed)             V = r = 0, all alive, counters and hash cleared, RNG seeded
//                           (seed 0 takes the header's seed)
//   run(steps, flags)       run up to `steps` <= block steps; returns steps done
//                           (E_FEATURE if it asks for learning in the inference build)
//   ptr(id)                 byte offset of a region (P_*)
//   status(id)              status word (S_*)
//   setParam(word, value)   write a tunable header word (k*dt, eta*dt, noise); 0 or -1
//   setAlive(i, alive)      kill (0) or revive (1) neuron i; 0 or -1
//   seal()                  recompute and store the image checksum; returns it
import {
  ABI_VERSION, MAGIC, FRAC, RATE_FRAC, LEARN_FRAC, LUT_SEG_LOG2, LUT_MIN, LUT_SHIFT,
  HEADER_WORDS, H_MAGIC, H_VERSION, H_BYTES, H_CHECKSUM, H_N, H_J, H_K, H_B, H_FLAGS,
  H_SEED, H_KDT, H_LR, H_NOISE, IMG_LINEAR, P_IMAGE, P_V, P_R, P_ALIVE, P_STATUS,
  P_COUNTERS, P_C_IN, P_X_IN, P_XHAT_OUT, P_SPIKES_OUT, P_OS, S_RNG, S_T, S_HASH,
  S_SPIKES, S_WORDS, C_WORDS, E_MAGIC, E_VERSION, E_LENGTH, E_CHECKSUM, E_DIMS, E_MEMORY,
  E_STATE, HEADER_BYTES, FNV_OFFSET, H_VMAX, H_VSHIFT, H_WMAX, H_DT, H_LEAKV, H_LEAKR,
  H_FORMAT, LEARN_W_FRAC, IMG_LOWRANK, H_MU, RUN_LEARN, E_FEATURE, KNOWN_FLAGS, E_FLAGS,
  H_REFRACT, H_SOFT, H_GROUP, IMG_PARALLEL,
} from "./formats";
import { fnvWord } from "./fixed";
import {
  img, N, J, blockSteps, loaded, imageSize, placeImage, placeState, pV, pR, pAlive,
  pStatus, pCounters, pCin, pXin, pXhatOut, pSpikesOut, pOs,
} from "./layout";
import { runSteps, LEARNING } from "./step";
import * as L from "./layout";

// The host's mirror (src/formats.ts) lists the same values in the same order.
const CONSTANTS = memory.data<i32>([
  ABI_VERSION, MAGIC, FRAC, RATE_FRAC, LEARN_FRAC, LUT_SEG_LOG2, LUT_MIN, LUT_SHIFT,
  HEADER_WORDS, H_MAGIC, H_VERSION, H_BYTES, H_CHECKSUM, H_N, H_J, H_K, H_B, H_FLAGS,
  H_FORMAT, H_SEED, H_DT, H_LEAKV, H_LEAKR, H_KDT, H_LR, H_NOISE, H_VMAX, H_VSHIFT, H_WMAX,
  S_WORDS, C_WORDS, LEARN_W_FRAC, IMG_LOWRANK, H_MU,
  H_REFRACT, H_SOFT, H_GROUP, IMG_PARALLEL, KNOWN_FLAGS,
]);
// @ts-ignore: decorator
@inline const CONSTANT_COUNT: i32 = 39;

export function constant(id: i32): i32 {
  if (<u32>id >= <u32>CONSTANT_COUNT) return 0x80000000;
  return load<i32>(CONSTANTS + (<usize>id << 2));
}

// @ts-ignore: decorator
@inline function hdr(w: i32): u32 { return load<u32>(img + (<usize>w << 2)); }

// ABI v2: every word of the image but the checksum word itself, header
// included (v1 skipped the header, so 510 of 512 single-bit flips in dt, leaks,
// noise, vmax, vshift and flags went unnoticed). Header words added later are
// covered without a change here.
function checksum(end: usize): u32 {
  let h: u32 = FNV_OFFSET;
  const skip = img + (<usize>H_CHECKSUM << 2);
  for (let p = img; p < end; p += 4) if (p != skip) h = fnvWord(h, load<u32>(p));
  return h;
}

export function reserve(bytes: i32): i32 {
  if (bytes < HEADER_BYTES) return 0;
  return <i32>placeImage(bytes);
}

export function open(steps: i32, spikeCap: i32): i32 {
  if (img == 0) return E_STATE;
  L.loaded = false; // a refused open() leaves nothing runnable (run() then returns E_STATE)
  if (hdr(H_MAGIC) != <u32>MAGIC) return E_MAGIC;
  if (hdr(H_VERSION) != <u32>ABI_VERSION) return E_VERSION;
  if ((hdr(H_FLAGS) & ~<u32>KNOWN_FLAGS) != 0) return E_FLAGS;
  const n = <i32>hdr(H_N), j = <i32>hdr(H_J), k = <i32>hdr(H_K), b = <i32>hdr(H_B);
  const lin = (hdr(H_FLAGS) & IMG_LINEAR) != 0;
  const lr = (hdr(H_FLAGS) & IMG_LOWRANK) != 0;
  if (n < 1 || n > 65535 || j < 1 || j > 64 || k < 0 || k > 65535 || b != k + (lin ? j : 0)) return E_DIMS;
  if (steps < 1 || spikeCap < n) return E_DIMS;
  const size = imageSize(n, j, k, b, lr);
  if (<i64>hdr(H_BYTES) != size) return E_LENGTH;
  if ((<u64>memory.size() << 16) < <u64>img + <u64>size) return E_LENGTH; // 64 bits: 65,536 pages = 2^32 bytes
  if (checksum(img + <usize>size) != hdr(H_CHECKSUM)) return E_CHECKSUM;
  if (!placeState(n, j, k, b, lr, steps, spikeCap)) return E_MEMORY;
  L.loaded = true;
  reset(0);
  return 0;
}

export function reset(seed: u32): void {
  if (!loaded) return;
  for (let i = 0; i < N; i++) {
    store<i32>(pV + (<usize>i << 2), 0);
    store<i32>(pR + (<usize>i << 2), 0);
    store<i32>(pAlive + (<usize>i << 2), 1);
    store<i32>(L.pRef + (<usize>i << 2), 0);
  }
  let s = seed != 0 ? seed : hdr(H_SEED);
  if (s == 0) s = 0x9E3779B9; // xorshift needs a nonzero state
  store<u32>(pStatus + (S_RNG << 2), s);
  store<u32>(pStatus + (S_T << 2), 0);
  store<u32>(pStatus + (S_HASH << 2), FNV_OFFSET);
  store<u32>(pStatus + (S_SPIKES << 2), 0);
  memory.fill(pCounters, 0, <usize>C_WORDS << 3);
}

export function run(steps: i32, flags: i32): i32 {
  if (!loaded) return E_STATE;
  if (steps < 0 || steps > blockSteps) return E_DIMS;
  if (!LEARNING && (flags & RUN_LEARN) != 0) return E_FEATURE;
  return runSteps(steps, flags);
}

export function ptr(id: i32): i32 {
  switch (id) {
    case P_IMAGE: return <i32>img;
    case P_V: return <i32>pV;
    case P_R: return <i32>pR;
    case P_ALIVE: return <i32>pAlive;
    case P_STATUS: return <i32>pStatus;
    case P_COUNTERS: return <i32>pCounters;
    case P_C_IN: return <i32>pCin;
    case P_X_IN: return <i32>pXin;
    case P_XHAT_OUT: return <i32>pXhatOut;
    case P_SPIKES_OUT: return <i32>pSpikesOut;
    case P_OS: return <i32>pOs;
  }
  return 0;
}

export function status(id: i32): u32 {
  if (!loaded || <u32>id >= <u32>S_WORDS) return 0;
  return load<u32>(pStatus + (<usize>id << 2));
}

export function setParam(word: i32, value: u32): i32 {
  if (img == 0 || (word != H_KDT && word != H_LR && word != H_NOISE)) return -1;
  store<u32>(img + (<usize>word << 2), value);
  return 0;
}

export function setAlive(i: i32, alive: i32): i32 {
  if (!loaded || <u32>i >= <u32>N) return -1;
  store<i32>(pAlive + (<usize>i << 2), alive != 0 ? 1 : 0);
  return 0;
}

// Only an opened image is sealed: its extent is then the validated layout
// (image = [img, pV)), never a header word the host may have rewritten since.
export function seal(): u32 {
  if (!loaded) return 0;
  const h = checksum(L.pV);
  store<u32>(img + (H_CHECKSUM << 2), h);
  return h;
}

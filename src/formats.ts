// Host mirror of assembly/formats.ts: the kernel's number formats and ABI
// constants. test/formats.test.ts reads the kernel's `constant(id)` table and
// checks every value below against it, in this order.

/** v2: the image checksum covers every header word (but itself); unknown flag bits are refused. */
export const ABI_VERSION = 2;
export const MAGIC = 0x4b4e4245; // "EBNK"
/** Q7.24: state, weights, signals. */
export const FRAC = 24;
export const ONE = 1 << FRAC;
/** UQ0.32: per-step multipliers dt, 1-lamV*dt, 1-lam*dt, k*dt, eta*dt. */
export const RATE_FRAC = 32;
export const LEARN_FRAC = 40;
/** Low-rank learning factor a_j = e_j eta dt: fraction bits (assembly/lowrank.ts). */
export const LEARN_W_FRAC = 32;
export const LUT_SEG_LOG2 = 8;
export const LUT_SEGMENTS = 1 << LUT_SEG_LOG2;
export const LUT_MIN = -(4 << 24);
export const LUT_SHIFT = 19;

export const HEADER_WORDS = 24;
export const HEADER_BYTES = HEADER_WORDS * 4;
/** Header word indices. */
export const H = {
  MAGIC: 0, VERSION: 1, BYTES: 2, CHECKSUM: 3, N: 4, J: 5, K: 6, B: 7, FLAGS: 8,
  FORMAT: 9, SEED: 10, DT: 11, LEAKV: 12, LEAKR: 13, KDT: 14, LR: 15, NOISE: 16,
  VMAX: 17, VSHIFT: 18, WMAX: 19, MU: 20,
  /** Parallel rule options (IMG_PARALLEL): refractory steps, soft-threshold width Q7.24, arbitration group size. */
  REFRACT: 21, SOFT: 22, GROUP: 23,
} as const;
export const S_WORDS = 4;
export const C_WORDS = 8;

export const IMG_POLICY_ALL = 1;
export const IMG_LINEAR = 2;
/** Low-rank image: W (J x B) instead of Of (N x N) and Os (N x B); mu in header word MU. */
export const IMG_LOWRANK = 4;
/** The `parallel` spike rule: all above threshold fire, effects on others land one step later. */
export const IMG_PARALLEL = 1 << 8;
/** Every flag bit this build understands; an image with another bit set is refused (kernel: E_FLAGS). */
export const KNOWN_FLAGS = IMG_POLICY_ALL | IMG_LINEAR | IMG_LOWRANK | IMG_PARALLEL;

/** The kernel's constant(id) table, in id order. */
export const CONSTANT_TABLE: readonly number[] = [
  ABI_VERSION, MAGIC, FRAC, RATE_FRAC, LEARN_FRAC, LUT_SEG_LOG2, LUT_MIN, LUT_SHIFT,
  HEADER_WORDS, H.MAGIC, H.VERSION, H.BYTES, H.CHECKSUM, H.N, H.J, H.K, H.B, H.FLAGS,
  H.FORMAT, H.SEED, H.DT, H.LEAKV, H.LEAKR, H.KDT, H.LR, H.NOISE, H.VMAX, H.VSHIFT, H.WMAX,
  S_WORDS, C_WORDS, LEARN_W_FRAC, IMG_LOWRANK, H.MU,
  H.REFRACT, H.SOFT, H.GROUP, IMG_PARALLEL, KNOWN_FLAGS,
];

export const RUN = { LEARN: 1, FEEDBACK: 2, INPUT: 4, RECORD: 8 } as const;
export const PTR = {
  IMAGE: 0, V: 1, R: 2, ALIVE: 3, STATUS: 4, COUNTERS: 5, C_IN: 6, X_IN: 7,
  XHAT_OUT: 8, SPIKES_OUT: 9, OS: 10,
} as const;
export const STATUS = { RNG: 0, T: 1, HASH: 2, SPIKES: 3 } as const;
export const COUNTER_NAMES = [
  'steps', 'neuronUpdates', 'spikes', 'fastEvents', 'slowEvents', 'dendriteEvals', 'weightUpdates',
] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];
export type Counters = Record<CounterName, number>;

/** open() error: a flag bit outside KNOWN_FLAGS is set. */
export const E_FLAGS = -9;
export const LOAD_ERRORS: Record<number, string> = {
  [-1]: 'bad magic: not an ebnkit image',
  [-2]: 'ABI version mismatch',
  [-3]: 'length in the header does not match the dimensions or the bytes supplied',
  [-4]: 'checksum mismatch: the image is damaged',
  [-5]: 'dimensions out of range',
  [-6]: 'the layout (image, state and I/O blocks of steps x J and spikeCap) does not fit a 4 GiB wasm32 memory, or the runtime refused to grow it',
  [-7]: 'no image placed',
  [-9]: 'the image sets flag bits this kernel does not know (written by a newer ebnkit?)',
};

/** run() error: the request needs something compiled out of this kernel build. */
export const E_FEATURE = -8;
export const RUN_ERRORS: Record<number, string> = {
  [E_FEATURE]: 'learning is compiled out of this kernel build (the inference-only variant)',
};

/** Round a real to Q7.24, half up, saturating to i32 (matches the kernel's rshr). */
export function toQ(x: number): number {
  const v = Math.floor(x * ONE + 0.5);
  return v > 0x7fffffff ? 0x7fffffff : v < -0x80000000 ? -0x80000000 : v;
}
export const fromQ = (q: number): number => q / ONE;

/** Round a multiplier in [0, 1) to UQ0.32. */
export function toRate(x: number): number {
  if (!(x >= 0 && x < 1)) throw new RangeError(`per-step multiplier ${x} outside [0, 1)`);
  return Math.min(Math.floor(x * 2 ** RATE_FRAC + 0.5), 0xffffffff);
}
export const fromRate = (q: number): number => (q >>> 0) / 2 ** RATE_FRAC;

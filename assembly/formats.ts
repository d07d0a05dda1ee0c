// Number formats and ABI constants of the ebnkit kernel, written down ONCE.
//
// The host mirrors every value here in src/formats.ts, and a test
// (test/formats.test.ts) reads them back through the `constant(id)` export
// and checks that both sides agree.
//
// Formats (Qm.f = signed, m integer bits, f fraction bits, plus sign; UQ0.32 = unsigned fraction):
//
//   quantity                          storage  format   rounding             overflow
//   V  membrane voltage               i32      Q7.24    half-up (>> after +½) saturate to ±vmax (header)
//   r  filtered spike train           i32      Q7.24    half-up              saturate to i32
//   x, c, xhat, e (J-space signals)   i32      Q7.24    half-up              saturate to i32
//   D, T, Of, M, theta (weights)      i32      Q7.24    set by the host      -
//   Os slow weights (learned)         i32      Q7.24    stochastic (xorshift) saturate to ±wmax (header)
//   W  low-rank slow weights (learned) i32     Q7.24    stochastic (xorshift) saturate to ±wmax (header)
//   mu (low-rank images)              i32      Q7.24    set by the host      -
//   Phi dendrite output, LUT entries  i32      Q7.24    half-up interpolation -
//   dt, 1-lamV*dt, 1-lam*dt, k*dt,
//   eta*dt (per-step multipliers)     u32      UQ0.32   half-up              host rejects >= 1
//   noise amplitude (uniform ±a)      i32      Q7.24    floor (>> 31)        -
//   soft-threshold width w            i32      Q7.24    set by the host      -
//   refractory countdown (per neuron) i32      steps    -                    -
//
// `>>` on a signed integer rounds toward minus infinity in AssemblyScript, so
// every rounding shift adds half an LSB first: round half toward +infinity.
// Lava rounds toward zero; we chose half-up because it is unbiased except at
// exact ties and costs one add.

// @ts-ignore: decorator
@inline export const ABI_VERSION: i32 = 2; // v2: the checksum covers the header too; unknown flags refused
// @ts-ignore: decorator
@inline export const MAGIC: i32 = 0x4B4E4245; // "EBNK" little-endian

// Q7.24 for state and weights
// @ts-ignore: decorator
@inline export const FRAC: i32 = 24;
// @ts-ignore: decorator
@inline export const ONE: i32 = 1 << 24;
// UQ0.32 for per-step multipliers
// @ts-ignore: decorator
@inline export const RATE_FRAC: i32 = 32;
// learning: per-neuron factor a_i = (D_i.e) * eta*dt kept at this many fraction bits
// @ts-ignore: decorator
@inline export const LEARN_FRAC: i32 = 40;
// low-rank learning: per-dimension factor a_j = e_j * eta*dt (about 1/|D_i| = 10x
// larger than a_i, so fewer fraction bits: a_j up to 0.5 per step fits i32), and
// the stochastic rounding then takes the high word of a 64-bit sum (cheap on 32-bit cores)
// @ts-ignore: decorator
@inline export const LEARN_W_FRAC: i32 = 32;

// Dendrite lookup table: LUT_SEGMENTS segments over [LUT_MIN, -LUT_MIN],
// LUT_SEGMENTS + 1 entries, linear interpolation; inputs outside are clamped.
// @ts-ignore: decorator
@inline export const LUT_SEG_LOG2: i32 = 8;
// @ts-ignore: decorator
@inline export const LUT_SEGMENTS: i32 = 1 << LUT_SEG_LOG2;
// @ts-ignore: decorator
@inline export const LUT_MIN: i32 = -(4 << 24); // -4.0 in Q7.24
// segment width 8/256 = 1/32 = 2^-5: Q7.24 offset >> 19 gives the index
// @ts-ignore: decorator
@inline export const LUT_SHIFT: i32 = 19;

// ---- image header: 24 little-endian 32-bit words --------------------------
// @ts-ignore: decorator
@inline export const HEADER_WORDS: i32 = 24;
// @ts-ignore: decorator
@inline export const HEADER_BYTES: i32 = HEADER_WORDS * 4;
// word indices
// @ts-ignore: decorator
@inline export const H_MAGIC: i32 = 0;
// @ts-ignore: decorator
@inline export const H_VERSION: i32 = 1;
// @ts-ignore: decorator
@inline export const H_BYTES: i32 = 2;     // total image bytes, header included
// @ts-ignore: decorator
@inline export const H_CHECKSUM: i32 = 3;  // FNV-1a 32 over every word of [0, H_BYTES) except this one (v2)
// @ts-ignore: decorator
@inline export const H_N: i32 = 4;         // neurons
// @ts-ignore: decorator
@inline export const H_J: i32 = 5;         // state dimensions
// @ts-ignore: decorator
@inline export const H_K: i32 = 6;         // nonlinear dendrites (rows of M)
// @ts-ignore: decorator
@inline export const H_B: i32 = 7;         // basis size: K, plus J if linear terms
// @ts-ignore: decorator
@inline export const H_FLAGS: i32 = 8;     // IMG_* bits
// @ts-ignore: decorator
@inline export const H_FORMAT: i32 = 9;    // format preset id (informational)
// @ts-ignore: decorator
@inline export const H_SEED: i32 = 10;     // default RNG seed
// @ts-ignore: decorator
@inline export const H_DT: i32 = 11;       // UQ0.32 dt in seconds
// @ts-ignore: decorator
@inline export const H_LEAKV: i32 = 12;    // UQ0.32 1 - lamV*dt
// @ts-ignore: decorator
@inline export const H_LEAKR: i32 = 13;    // UQ0.32 1 - lam*dt
// @ts-ignore: decorator
@inline export const H_KDT: i32 = 14;      // UQ0.32 k*dt        (runtime tunable)
// @ts-ignore: decorator
@inline export const H_LR: i32 = 15;       // UQ0.32 eta*dt      (runtime tunable)
// @ts-ignore: decorator
@inline export const H_NOISE: i32 = 16;    // Q7.24 noise amplitude (runtime tunable)
// @ts-ignore: decorator
@inline export const H_VMAX: i32 = 17;     // Q7.24 saturation bound of V and r
// @ts-ignore: decorator
@inline export const H_VSHIFT: i32 = 18;   // LSBs of V dropped after each update (narrow state formats)
// @ts-ignore: decorator
@inline export const H_WMAX: i32 = 19;     // Q7.24 saturation bound of learned Os (or W)
// @ts-ignore: decorator
@inline export const H_MU: i32 = 20;       // Q7.24 mu, low-rank images only (dense ones fold it into Of)
// chip options of the `parallel` spike rule (IMG_PARALLEL; zero in other images)
// @ts-ignore: decorator
@inline export const H_REFRACT: i32 = 21;  // u32 refractory steps after a spike (0 = none)
// @ts-ignore: decorator
@inline export const H_SOFT: i32 = 22;     // Q7.24 soft-threshold width w: P(fire) = (V-T)/w on (T, T+w) (0 = hard)
// @ts-ignore: decorator
@inline export const H_GROUP: i32 = 23;    // neurons per arbitration group, one spike per group per step (0 = none)

// image flag bits
// @ts-ignore: decorator
@inline export const IMG_POLICY_ALL: i32 = 1;  // 0: winner-take-all, 1: every neuron above threshold
// @ts-ignore: decorator
@inline export const IMG_LINEAR: i32 = 2;      // basis includes xhat itself
// Low-rank layout and execution (assembly/lowrank.ts): the image holds W (J x B)
// instead of Of (N x N) and Os (N x B); same network, Os = D^T W, Of = D^T D + mu I.
// @ts-ignore: decorator
@inline export const IMG_LOWRANK: i32 = 4;
// The `parallel` spike rule (DESIGN.md section 2): every alive neuron above
// threshold fires, its own reset is immediate, and its effect on every other
// neuron (fast row of Of, and the slow path through r) lands one step later,
// as on Loihi, SpiNNaker and Xylo. Options in H_REFRACT, H_SOFT, H_GROUP.
// @ts-ignore: decorator
@inline export const IMG_PARALLEL: i32 = 1 << 8;
// Every flag bit this build understands. open() refuses an image with any other
// bit set (E_FLAGS): a newer image that asks for behaviour this kernel lacks must
// not run silently as something else. A new flag is one more bit OR-ed in here.
// @ts-ignore: decorator
@inline export const KNOWN_FLAGS: i32 = IMG_POLICY_ALL | IMG_LINEAR | IMG_LOWRANK | IMG_PARALLEL;

// run() flag bits
// @ts-ignore: decorator
@inline export const RUN_LEARN: i32 = 1;
// @ts-ignore: decorator
@inline export const RUN_FEEDBACK: i32 = 2;
// @ts-ignore: decorator
@inline export const RUN_INPUT: i32 = 4;
// @ts-ignore: decorator
@inline export const RUN_RECORD: i32 = 8;

// ptr(id) ids: byte offsets of kernel-owned regions
// @ts-ignore: decorator
@inline export const P_IMAGE: i32 = 0;
// @ts-ignore: decorator
@inline export const P_V: i32 = 1;
// @ts-ignore: decorator
@inline export const P_R: i32 = 2;
// @ts-ignore: decorator
@inline export const P_ALIVE: i32 = 3;     // i32 per neuron, 1 alive / 0 dead
// @ts-ignore: decorator
@inline export const P_STATUS: i32 = 4;    // S_* words
// @ts-ignore: decorator
@inline export const P_COUNTERS: i32 = 5;  // C_* u64 counters
// @ts-ignore: decorator
@inline export const P_C_IN: i32 = 6;      // steps x J inputs c
// @ts-ignore: decorator
@inline export const P_X_IN: i32 = 7;      // steps x J targets x
// @ts-ignore: decorator
@inline export const P_XHAT_OUT: i32 = 8;  // steps x J readout (RUN_RECORD)
// @ts-ignore: decorator
@inline export const P_SPIKES_OUT: i32 = 9; // pairs (step in call, neuron) u32
// @ts-ignore: decorator
@inline export const P_OS: i32 = 10;       // learned slow weights inside the image: Os (N x B), low-rank W (J x B)
// @ts-ignore: decorator
@inline export const P_COUNT: i32 = 11;

// status words
// @ts-ignore: decorator
@inline export const S_RNG: i32 = 0;
// @ts-ignore: decorator
@inline export const S_T: i32 = 1;        // steps since reset (wraps at 2^32)
// @ts-ignore: decorator
@inline export const S_HASH: i32 = 2;     // FNV-1a over (neuron, t) of every spike since reset
// @ts-ignore: decorator
@inline export const S_SPIKES: i32 = 3;   // spikes written by the last run()
// @ts-ignore: decorator
@inline export const S_WORDS: i32 = 4;

// counters (u64)
// @ts-ignore: decorator
@inline export const C_STEPS: i32 = 0;
// @ts-ignore: decorator
@inline export const C_NEURON_UPDATES: i32 = 1;
// @ts-ignore: decorator
@inline export const C_SPIKES: i32 = 2;
// @ts-ignore: decorator
@inline export const C_FAST_EVENTS: i32 = 3;   // one per (spike, alive target)
// @ts-ignore: decorator
@inline export const C_SLOW_EVENTS: i32 = 4;   // one per (neuron, basis) product
// @ts-ignore: decorator
@inline export const C_DENDRITE_EVALS: i32 = 5;
// @ts-ignore: decorator
@inline export const C_WEIGHT_UPDATES: i32 = 6;
// @ts-ignore: decorator
@inline export const C_WORDS: i32 = 8;

// load() error codes
// @ts-ignore: decorator
@inline export const E_MAGIC: i32 = -1;
// @ts-ignore: decorator
@inline export const E_VERSION: i32 = -2;
// @ts-ignore: decorator
@inline export const E_LENGTH: i32 = -3;
// @ts-ignore: decorator
@inline export const E_CHECKSUM: i32 = -4;
// @ts-ignore: decorator
@inline export const E_DIMS: i32 = -5;
// @ts-ignore: decorator
@inline export const E_MEMORY: i32 = -6;
// @ts-ignore: decorator
@inline export const E_STATE: i32 = -7;   // run() before a successful open()
// run() error: asked for something compiled out of this build (learning in the inference variant)
// @ts-ignore: decorator
@inline export const E_FEATURE: i32 = -8;
// load() error: the header sets a flag bit outside KNOWN_FLAGS
// @ts-ignore: decorator
@inline export const E_FLAGS: i32 = -9;

// FNV-1a 32
// @ts-ignore: decorator
@inline export const FNV_OFFSET: u32 = 0x811C9DC5;
// @ts-ignore: decorator
@inline export const FNV_PRIME: u32 = 16777619;

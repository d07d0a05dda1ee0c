/*
 * ebnkit.h: the ebnkit kernel ABI v2 for C embedders.
 *
 * The kernel (build/release.wasm) is a WebAssembly module with ZERO imports
 * and one exported memory ("memory"). The host talks to it through ten
 * exported functions of i32 numbers and byte offsets into that memory:
 *
 *   i32 constant(i32 id)             format/ABI constant #id (EBNK_K_* below)
 *   i32 reserve(i32 bytes)           place an image of `bytes` bytes; returns its
 *                                    byte offset in memory, 0 if memory cannot grow
 *   i32 open(i32 steps, i32 cap)     validate the image copied to that offset, lay
 *                                    out state and I/O blocks for `steps` steps per
 *                                    run() and `cap` >= N spikes per run(), reset;
 *                                    0 or an EBNK_E_* code
 *   void reset(u32 seed)             V = r = 0, all alive, counters and hash
 *                                    cleared, RNG seeded (0 = the image's seed)
 *   i32 run(i32 steps, i32 flags)    run up to `steps` <= block steps (EBNK_RUN_*);
 *                                    returns steps done (fewer if the spike
 *                                    buffer could overflow; call again)
 *   i32 ptr(i32 id)                  byte offset of a region (EBNK_P_*)
 *   u32 status(i32 id)               status word (EBNK_S_*)
 *   i32 setParam(i32 word, u32 v)    write k*dt, eta*dt or noise (EBNK_H_KDT,
 *                                    EBNK_H_LR, EBNK_H_NOISE); 0 or -1
 *   i32 setAlive(i32 i, i32 alive)   kill (0) or revive (1) neuron i; 0 or -1
 *   u32 seal()                       recompute and store the image checksum
 *
 * A host's loop: off = reserve(len); copy the image to memory + off;
 * open(steps, steps + N); then per block write the Q7.24 inputs c (RUN_INPUT)
 * at ptr(P_C_IN) and targets x (RUN_FEEDBACK / RUN_LEARN) at ptr(P_X_IN),
 * steps x J int32 row-major; n = run(steps, flags); read status(S_SPIKES)
 * (step-in-call, neuron) uint32 pairs at ptr(P_SPIKES_OUT), and with
 * RUN_RECORD the readout xhat (steps x J Q7.24) at ptr(P_XHAT_OUT).
 * All words in memory are little-endian. The memory base pointer can move
 * when the module grows its memory (only reserve() and open() grow it):
 * re-read it after those calls.
 *
 * Numbers: state, weights and signals are Q7.24 int32 (1.0 = 1 << 24);
 * per-step multipliers (dt, k*dt, eta*dt) are UQ0.32 uint32.
 *
 * The values below mirror assembly/formats.ts; test/targets/abi.test.ts
 * checks them against the kernel's own constant() table and the host.
 */
#ifndef EBNKIT_H
#define EBNKIT_H

#include <stddef.h>
#include <stdint.h>

#define EBNK_ABI_VERSION 2
#define EBNK_MAGIC 0x4B4E4245u /* "EBNK" little-endian */
#define EBNK_FRAC 24           /* Q7.24 */
#define EBNK_ONE (1 << EBNK_FRAC)
#define EBNK_RATE_FRAC 32      /* UQ0.32 multipliers */
#define EBNK_LEARN_FRAC 40
#define EBNK_LEARN_W_FRAC 32   /* low-rank learning factor */
#define EBNK_LUT_SEG_LOG2 8
#define EBNK_LUT_SEGMENTS (1 << EBNK_LUT_SEG_LOG2)
#define EBNK_LUT_MIN (-(4 << 24))
#define EBNK_LUT_SHIFT 19

/* image header: EBNK_HEADER_WORDS little-endian 32-bit words */
#define EBNK_HEADER_WORDS 24
#define EBNK_HEADER_BYTES (EBNK_HEADER_WORDS * 4)
#define EBNK_H_MAGIC 0
#define EBNK_H_VERSION 1
#define EBNK_H_BYTES 2    /* total image bytes, header included */
#define EBNK_H_CHECKSUM 3 /* FNV-1a 32 over every word of [0, H_BYTES) but this one (ABI v2) */
#define EBNK_H_N 4        /* neurons */
#define EBNK_H_J 5        /* state dimensions */
#define EBNK_H_K 6        /* nonlinear dendrites */
#define EBNK_H_B 7        /* basis size: K, plus J with linear terms */
#define EBNK_H_FLAGS 8    /* EBNK_IMG_* */
#define EBNK_H_FORMAT 9
#define EBNK_H_SEED 10
#define EBNK_H_DT 11      /* UQ0.32 dt in seconds */
#define EBNK_H_LEAKV 12   /* UQ0.32 1 - lamV*dt */
#define EBNK_H_LEAKR 13   /* UQ0.32 1 - lam*dt */
#define EBNK_H_KDT 14     /* UQ0.32 k*dt   (setParam) */
#define EBNK_H_LR 15      /* UQ0.32 eta*dt (setParam) */
#define EBNK_H_NOISE 16   /* Q7.24 noise amplitude (setParam) */
#define EBNK_H_VMAX 17
#define EBNK_H_VSHIFT 18
#define EBNK_H_WMAX 19
#define EBNK_H_MU 20      /* Q7.24 mu (low-rank images) */
#define EBNK_H_REFRACT 21 /* parallel rule: refractory steps after a spike */
#define EBNK_H_SOFT 22    /* parallel rule: Q7.24 soft-threshold width (0 = hard) */
#define EBNK_H_GROUP 23   /* parallel rule: neurons per arbitration group (0 = none) */

#define EBNK_IMG_POLICY_ALL 1 /* 0: winner-take-all, 1: every neuron above threshold */
#define EBNK_IMG_LINEAR 2     /* basis includes xhat itself */
#define EBNK_IMG_LOWRANK 4    /* low-rank layout: W (J x B) instead of Of (N x N) and Os (N x B) */
#define EBNK_IMG_PARALLEL 256 /* parallel rule: all above threshold fire, effects on others one step later */
/* every flag bit this kernel knows; open() refuses any other (EBNK_E_FLAGS) */
#define EBNK_KNOWN_FLAGS (EBNK_IMG_POLICY_ALL | EBNK_IMG_LINEAR | EBNK_IMG_LOWRANK | EBNK_IMG_PARALLEL)

/* run() flags */
#define EBNK_RUN_LEARN 1    /* plasticity on (needs x) */
#define EBNK_RUN_FEEDBACK 2 /* error feedback k D^T (x - xhat) (needs x) */
#define EBNK_RUN_INPUT 4    /* external input c */
#define EBNK_RUN_RECORD 8   /* write xhat to ptr(P_XHAT_OUT) */

/* ptr() ids */
#define EBNK_P_IMAGE 0
#define EBNK_P_V 1
#define EBNK_P_R 2
#define EBNK_P_ALIVE 3
#define EBNK_P_STATUS 4
#define EBNK_P_COUNTERS 5
#define EBNK_P_C_IN 6
#define EBNK_P_X_IN 7
#define EBNK_P_XHAT_OUT 8
#define EBNK_P_SPIKES_OUT 9
#define EBNK_P_OS 10

/* status() words */
#define EBNK_S_RNG 0
#define EBNK_S_T 1      /* steps since reset */
#define EBNK_S_HASH 2   /* FNV-1a over (neuron, t) of every spike since reset */
#define EBNK_S_SPIKES 3 /* spikes written by the last run() */
#define EBNK_S_WORDS 4

/* counters: uint64 each at ptr(P_COUNTERS) */
#define EBNK_C_STEPS 0
#define EBNK_C_NEURON_UPDATES 1
#define EBNK_C_SPIKES 2
#define EBNK_C_FAST_EVENTS 3
#define EBNK_C_SLOW_EVENTS 4
#define EBNK_C_DENDRITE_EVALS 5
#define EBNK_C_WEIGHT_UPDATES 6
#define EBNK_C_NAMED 7
#define EBNK_C_WORDS 8

/* open() errors */
#define EBNK_E_MAGIC (-1)
#define EBNK_E_VERSION (-2)
#define EBNK_E_LENGTH (-3)
#define EBNK_E_CHECKSUM (-4)
#define EBNK_E_DIMS (-5)
#define EBNK_E_MEMORY (-6)
#define EBNK_E_STATE (-7)
#define EBNK_E_FEATURE (-8) /* run(): learning asked of the inference-only build */
#define EBNK_E_FLAGS (-9)   /* open(): the header sets a flag bit outside EBNK_KNOWN_FLAGS */

/* constant(id) ids, in the kernel's table order */
enum {
  EBNK_K_ABI_VERSION, EBNK_K_MAGIC, EBNK_K_FRAC, EBNK_K_RATE_FRAC, EBNK_K_LEARN_FRAC,
  EBNK_K_LUT_SEG_LOG2, EBNK_K_LUT_MIN, EBNK_K_LUT_SHIFT, EBNK_K_HEADER_WORDS,
  EBNK_K_H_MAGIC, EBNK_K_H_VERSION, EBNK_K_H_BYTES, EBNK_K_H_CHECKSUM, EBNK_K_H_N, EBNK_K_H_J,
  EBNK_K_H_K, EBNK_K_H_B, EBNK_K_H_FLAGS, EBNK_K_H_FORMAT, EBNK_K_H_SEED, EBNK_K_H_DT,
  EBNK_K_H_LEAKV, EBNK_K_H_LEAKR, EBNK_K_H_KDT, EBNK_K_H_LR, EBNK_K_H_NOISE, EBNK_K_H_VMAX,
  EBNK_K_H_VSHIFT, EBNK_K_H_WMAX, EBNK_K_S_WORDS, EBNK_K_C_WORDS, EBNK_K_LEARN_W_FRAC,
  EBNK_K_IMG_LOWRANK, EBNK_K_H_MU, EBNK_K_H_REFRACT, EBNK_K_H_SOFT, EBNK_K_H_GROUP,
  EBNK_K_IMG_PARALLEL, EBNK_K_KNOWN_FLAGS, EBNK_K_COUNT
};

#define EBNK_FNV_OFFSET 0x811C9DC5u
#define EBNK_FNV_PRIME 16777619u

/* Bytes of an image with these dimensions and header flags (header included). */
static inline uint32_t ebnk_image_bytes_flags(uint32_t N, uint32_t J, uint32_t K, uint32_t B,
                                              uint32_t flags) {
  uint32_t lr = (flags & EBNK_IMG_LOWRANK) != 0;
  return EBNK_HEADER_BYTES +
         4u * (N * J + N + (lr ? 0u : N * N) + K * J + K + (lr ? J : N) * B + (EBNK_LUT_SEGMENTS + 1));
}
/* Bytes of a dense image with these dimensions (header included). */
static inline uint32_t ebnk_image_bytes(uint32_t N, uint32_t J, uint32_t K, uint32_t B) {
  return ebnk_image_bytes_flags(N, J, K, B, 0);
}

/*
 * End (exclusive byte offset) of the kernel's linear memory use once open()
 * has laid out state and I/O: `image_at` is what reserve() returned (the
 * module's heap base rounded up to 16; 1184 for the current release build),
 * `steps` and `cap` are open()'s arguments. A runtime must back at least this
 * many bytes of the module's memory; the module declares one 64 KiB page and
 * grows it when the image needs more.
 */
static inline uint32_t ebnk_memory_end_flags(uint32_t image_at, uint32_t N, uint32_t J, uint32_t K,
                                             uint32_t B, uint32_t flags, uint32_t steps, uint32_t cap) {
  uint32_t p = image_at + ebnk_image_bytes_flags(N, J, K, B, flags);
  p += 4u * (6u * N + 2u * J + B); /* V r alive g spikers ref, xhat e, Phi */
  if (flags & EBNK_IMG_LOWRANK) p += 4u * 2u * J; /* u, q */
  p = (p + 7u) & ~7u;
  p += 4u * EBNK_S_WORDS + 8u * EBNK_C_WORDS; /* status, counters */
  p += 3u * 4u * steps * J;                   /* c_in, x_in, xhat_out */
  p += 8u * cap;                              /* spikes_out */
  return p;
}
/* The same for a dense image. */
static inline uint32_t ebnk_memory_end(uint32_t image_at, uint32_t N, uint32_t J, uint32_t K,
                                       uint32_t B, uint32_t steps, uint32_t cap) {
  return ebnk_memory_end_flags(image_at, N, J, K, B, 0, steps, cap);
}

/* Little-endian word at byte offset `off` of the kernel's memory. */
static inline uint32_t ebnk_load32(const uint8_t* mem, uint32_t off) {
  const uint8_t* p = mem + off;
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline void ebnk_store32(uint8_t* mem, uint32_t off, uint32_t v) {
  uint8_t* p = mem + off;
  p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static inline uint64_t ebnk_load64(const uint8_t* mem, uint32_t off) {
  return (uint64_t)ebnk_load32(mem, off) | ((uint64_t)ebnk_load32(mem, off + 4) << 32);
}

/* FNV-1a 32 over `n` little-endian words starting at byte offset `off`. */
static inline uint32_t ebnk_fnv_words(uint32_t h, const uint8_t* mem, uint32_t off, uint32_t n) {
  const uint8_t* p = mem + off;
  for (uint32_t i = 0; i < 4u * n; i++) h = (h ^ p[i]) * EBNK_FNV_PRIME;
  return h;
}

/*
 * The state fingerprint the host's KernelExecutor.fingerprint() computes:
 * FNV-1a over V (N words), then r (N), then the slow weights Os (N x B; a
 * low-rank image's W is J x B: pass rows = J). ptr_v, ptr_r, ptr_os are
 * ptr(P_V), ptr(P_R), ptr(P_OS).
 */
static inline uint32_t ebnk_state_hash(const uint8_t* mem, uint32_t ptr_v, uint32_t ptr_r,
                                       uint32_t ptr_os, uint32_t N, uint32_t B) {
  uint32_t h = ebnk_fnv_words(EBNK_FNV_OFFSET, mem, ptr_v, N);
  h = ebnk_fnv_words(h, mem, ptr_r, N);
  return ebnk_fnv_words(h, mem, ptr_os, N * B);
}

#endif /* EBNKIT_H */

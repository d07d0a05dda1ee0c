/*
 * The kernel compiled to native code (wasm2c + gcc -O2), timed with the same
 * protocol as the Node side of bench/run.ts, so the two can be compared step
 * for step and checked bit for bit (the spike hash must match Node's):
 *
 *   kernel-bench IMAGE BLOCK SETTLE SAMPLES FLAGS CAP [X]
 *
 * IMAGE    an ebnkit image (the bytes quantize() returns)
 * BLOCK    steps per run() call: open(BLOCK, CAP), CAP large enough that run()
 *          never stops early for want of spike buffer (policy "all")
 * SETTLE   blocks run first with error feedback (RUN_FEEDBACK), untimed
 * SAMPLES  timed blocks, each one run(BLOCK, FLAGS)
 * X        Q7.24 int32 targets, (SETTLE + SAMPLES) * BLOCK * J values, needed
 *          for the settle blocks and for FLAGS with feedback or learning
 *
 * Prints one JSON line: ns per timed block, spikes in the timed blocks, and the
 * spike hash and steps since reset after the whole run.
 * Uses WABT 1.0.32's wasm-rt-impl.c (guard pages on x86-64: no explicit
 * bounds checks, as in V8).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-io.h"

#include "ebnkit_wasm2c.h"

int main(int argc, char** argv) {
  if (argc < 7) {
    fprintf(stderr, "usage: %s IMAGE BLOCK SETTLE SAMPLES FLAGS CAP [X]\n", argv[0]);
    return 2;
  }
  size_t ilen = 0, xlen = 0;
  uint8_t* image = slurp(argv[1], &ilen);
  uint32_t block = (uint32_t)atoi(argv[2]), settle = (uint32_t)atoi(argv[3]);
  uint32_t samples = (uint32_t)atoi(argv[4]), flags = (uint32_t)atoi(argv[5]);
  uint32_t cap = (uint32_t)atoi(argv[6]);
  uint8_t* x = argc > 7 ? slurp(argv[7], &xlen) : NULL;
  uint32_t J = ebnk_load32(image, 4 * EBNK_H_J);
  int needX = settle > 0 || (flags & (EBNK_RUN_FEEDBACK | EBNK_RUN_LEARN));
  if (needX && (!x || xlen < 4u * (size_t)(settle + samples) * block * J)) {
    fprintf(stderr, "kernel-bench: X must hold (SETTLE + SAMPLES) * BLOCK * J targets\n");
    return 2;
  }

  static ebnk_t k;
  wasm_rt_init();
  Z_kernel_init_module();
  Z_kernel_instantiate(&k);
  uint32_t at = ebnk_reserve(&k, ilen);
  if (!at) { fprintf(stderr, "kernel-bench: reserve failed\n"); return 1; }
  memcpy(ebnk_mem(&k) + at, image, ilen);
  int32_t e = ebnk_open(&k, block, cap);
  if (e) { fprintf(stderr, "kernel-bench: open() = %d\n", e); return 1; }

  uint64_t* ns = calloc(samples ? samples : 1, sizeof *ns);
  size_t xblock = (size_t)block * J * 4u;
  uint32_t cnt = ebnk_ptr(&k, EBNK_P_COUNTERS) + 8 * EBNK_C_SPIKES;
  uint64_t before = 0;
  for (uint32_t s = 0; s < settle + samples; s++) {
    int timed = s >= settle;
    if (s == settle) before = ebnk_load64(ebnk_mem(&k), cnt);
    uint32_t f = timed ? flags : EBNK_RUN_FEEDBACK;
    if (f & (EBNK_RUN_FEEDBACK | EBNK_RUN_LEARN))
      memcpy(ebnk_mem(&k) + ebnk_ptr(&k, EBNK_P_X_IN), x + s * xblock, xblock);
    uint64_t t0 = now_ns();
    int32_t ran = ebnk_run(&k, block, f);
    uint64_t t1 = now_ns();
    if (ran != (int32_t)block) { fprintf(stderr, "kernel-bench: run() = %d\n", ran); return 1; }
    if (timed) ns[s - settle] = t1 - t0;
  }
  uint64_t spikes = ebnk_load64(ebnk_mem(&k), cnt) - before;
  printf("{\"ns\":[");
  for (uint32_t s = 0; s < samples; s++) printf("%s%llu", s ? "," : "", (unsigned long long)ns[s]);
  printf("],\"spikeHash\":%u,\"spikes\":%llu,\"steps\":%u}\n", ebnk_status(&k, EBNK_S_HASH),
         (unsigned long long)spikes, ebnk_status(&k, EBNK_S_T));
  Z_kernel_free(&k);
  return 0;
}

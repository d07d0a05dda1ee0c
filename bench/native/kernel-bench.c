/*
 * The kernel compiled to native code (wasm2c + gcc), or with -DEBNK_PORT its
 * bit-exact hand port (kernel-port.h), timed with the protocol of the Node
 * side of bench/run.ts (bench/lib/measure.ts), so the rows compare step for
 * step and check bit for bit (the spike hash must equal Node's):
 *
 *   kernel-bench IMAGE BLOCK SETTLE SAMPLES FLAGS CAP [X]
 *
 * IMAGE    an ebnkit image (the bytes quantize() returns)
 * BLOCK    steps per run() call: open(BLOCK, CAP), CAP large enough that run()
 *          never stops early for want of spike buffer (policy "all")
 * SETTLE   steps run first with error feedback (RUN_FEEDBACK), untimed, in
 *          calls of at most BLOCK steps: the same simulated time for every
 *          implementation, however fast
 * SAMPLES  timed blocks, each one run(BLOCK, FLAGS), each started by a line
 *          on stdin and answered at once by its CPU ns on a line of stdout
 * X        Q7.24 int32 targets, (SETTLE + SAMPLES * BLOCK) * J values, needed
 *          for settling and for FLAGS with feedback or learning
 *
 * Then prints one JSON line: spikes in the timed blocks, and the spike hash
 * and steps since reset after the whole run. The kernel uses WABT 1.0.32's
 * wasm-rt-impl.c (guard pages on x86-64: no explicit bounds checks, as in
 * V8); the port runs on the same linear memory after the kernel's open().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-io.h"

#include "ebnkit_wasm2c.h"
#ifdef EBNK_PORT
#include "kernel-port.h"
static port_t port;
#define RUN(k, n, f) (port_run(&port, (int)(n), (int)(f)), (int32_t)(n))
#else
#define RUN(k, n, f) ebnk_run((k), (n), (f))
#endif

static int32_t run_at(ebnk_t* k, const uint8_t* x, size_t step, uint32_t n, uint32_t f, uint32_t J) {
  if (f & (EBNK_RUN_FEEDBACK | EBNK_RUN_LEARN))
    memcpy(ebnk_mem(k) + ebnk_ptr(k, EBNK_P_X_IN), x + step * J * 4u, (size_t)n * J * 4u);
  return RUN(k, n, f);
}

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
  if (needX && (!x || xlen < 4u * ((size_t)settle + (size_t)samples * block) * J)) {
    fprintf(stderr, "kernel-bench: X must hold (SETTLE + SAMPLES * BLOCK) * J targets\n");
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
#ifdef EBNK_PORT
  if (ebnk_load32(image, 4 * EBNK_H_FLAGS) & EBNK_IMG_PARALLEL) { fprintf(stderr, "kernel-bench: the C port has no parallel rule\n"); return 2; }
  port_bind(&port, ebnk_mem(&k), ebnk_ptr(&k, EBNK_P_IMAGE), ebnk_ptr(&k, EBNK_P_V), ebnk_ptr(&k, EBNK_P_STATUS),
            ebnk_ptr(&k, EBNK_P_COUNTERS), ebnk_ptr(&k, EBNK_P_C_IN), ebnk_ptr(&k, EBNK_P_X_IN));
#endif

  uint32_t cnt = ebnk_ptr(&k, EBNK_P_COUNTERS) + 8 * EBNK_C_SPIKES;
  for (uint32_t done = 0; done < settle;) {
    uint32_t n = settle - done < block ? settle - done : block;
    if (run_at(&k, x, done, n, EBNK_RUN_FEEDBACK, J) != (int32_t)n) { fprintf(stderr, "kernel-bench: settle run() stopped early\n"); return 1; }
    done += n;
  }
  uint64_t before = ebnk_load64(ebnk_mem(&k), cnt);
  for (uint32_t s = 0; s < samples && next_block(); s++) {
    uint64_t t0 = cpu_ns();
    int32_t ran = run_at(&k, x, settle + (size_t)s * block, block, flags, J);
    uint64_t t1 = cpu_ns();
    if (ran != (int32_t)block) { fprintf(stderr, "kernel-bench: run() = %d\n", ran); return 1; }
    report_block(t1 - t0);
  }
  uint64_t spikes = ebnk_load64(ebnk_mem(&k), cnt) - before;
  printf("{\"spikeHash\":%u,\"spikes\":%llu,\"steps\":%u}\n", ebnk_status(&k, EBNK_S_HASH),
         (unsigned long long)spikes, ebnk_status(&k, EBNK_S_T));
  Z_kernel_free(&k);
  return 0;
}

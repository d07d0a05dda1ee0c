/* Native driver: replay-native [--state] bundle.bin ... (wasm2c + the host C compiler). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wasm-rt-impl.h"
#include "replay.h"

uint64_t ebnk_clock(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
const char* ebnk_clock_unit(void) { return "ns"; }

static uint8_t* slurp(const char* path, uint32_t* n) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t* b = malloc((size_t)len + 1);
  if (b && fread(b, 1, (size_t)len, f) != (size_t)len) { free(b); b = NULL; }
  fclose(f);
  *n = (uint32_t)len;
  return b;
}

int main(int argc, char** argv) {
  int state = 0, bad = 0;
  wasm_rt_init();
  Z_kernel_init_module();
  bad |= ebnk_check_abi();
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--state")) { state = 1; continue; }
    uint32_t n;
    uint8_t* b = slurp(argv[i], &n);
    if (!b) { fprintf(stderr, "cannot read %s\n", argv[i]); return 2; }
    wasm_rt_trap_t trap = wasm_rt_impl_try();
    if (trap == WASM_RT_TRAP_NONE) {
      bad |= ebnk_replay_bundle(b, n, state);
    } else {
      printf("err wasm trap: %s\n", wasm_rt_strerror(trap));
      bad = 1;
    }
    free(b);
  }
  fflush(stdout);
  wasm_rt_free();
  return bad;
}

/* Exported tape player, host build: plays the tape linked in as data
 * (tape_data.c) through the wasm2c kernel, checks every spike and checkpoint
 * against the recording, prints PASS or FAIL. Exit status 0 on PASS. */
#include <stdio.h>
#include <time.h>

#include "wasm-rt-impl.h"
#include "replay.h"

extern const uint8_t ebnk_tape[];
extern const uint32_t ebnk_tape_bytes;
extern const ebnk_expect_t ebnk_tape_expect;

uint64_t ebnk_clock(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
const char* ebnk_clock_unit(void) { return "ns"; }

int main(void) {
  wasm_rt_init();
  Z_kernel_init_module();
  int bad = ebnk_check_abi();
  ebnk_expect = &ebnk_tape_expect;
  wasm_rt_trap_t trap = wasm_rt_impl_try();
  if (trap == WASM_RT_TRAP_NONE) {
    bad |= ebnk_replay(ebnk_tape, ebnk_tape_bytes, 1);
  } else {
    printf("err wasm trap: %s\n", wasm_rt_strerror(trap));
    bad = 1;
  }
  puts(bad ? "FAIL" : "PASS");
  fflush(stdout);
  wasm_rt_free();
  return bad;
}

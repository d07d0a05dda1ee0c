/*
 * Golden firmware: replays every golden scenario tape, linked into flash
 * (tapes.S), through the wasm2c kernel on the Cortex-M, and prints the
 * results over semihosting. Exit status 0 if every call returned what the
 * TypeScript host saw (the test harness compares hashes, counters and the
 * spike raster with the golden records).
 */
#include <stdio.h>

#include "board.h"
#include "replay.h"

extern const uint8_t ebnk_tapes[];
extern const uint8_t ebnk_tapes_end[];

int main(void) {
  board_stack_paint();
  board_clock_start();
  wasm_rt_init();
  Z_kernel_init_module();
  int bad = ebnk_check_abi();
  bad |= ebnk_replay_bundle(ebnk_tapes, (uint32_t)(ebnk_tapes_end - ebnk_tapes), 1);
  printf("memory stack_used=%lu\n", (unsigned long)board_stack_used());
#ifdef EBNK_CANARY_BYTES
  {
    extern int ebnk_canary_intact(void);
    int ok = ebnk_canary_intact();
    printf("canary %s (%d bytes after the arena)\n", ok ? "intact" : "BROKEN", EBNK_CANARY_BYTES);
    bad |= !ok;
  }
#endif
  fflush(stdout);
  return bad;
}

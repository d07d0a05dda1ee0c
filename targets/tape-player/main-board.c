/* Exported tape player, bare-metal build (ARM MPS2 boards under QEMU, or your
 * board: replace board.h's clock and the semihosting printf). Plays the tape
 * in flash, checks it against the recording, prints PASS or FAIL; the exit
 * status (through semihosting) is 0 on PASS. */
#include <stdio.h>

#include "board.h"
#include "replay.h"

extern const uint8_t ebnk_tape[];
extern const uint32_t ebnk_tape_bytes;
extern const ebnk_expect_t ebnk_tape_expect;

int main(void) {
  board_stack_paint();
  board_clock_start();
  wasm_rt_init();
  Z_kernel_init_module();
  int bad = ebnk_check_abi();
  ebnk_expect = &ebnk_tape_expect;
  bad |= ebnk_replay(ebnk_tape, ebnk_tape_bytes, 0);
  printf("memory stack_used=%lu\n", (unsigned long)board_stack_used());
  puts(bad ? "FAIL" : "PASS");
  fflush(stdout);
  return bad;
}

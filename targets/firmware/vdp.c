/*
 * Van der Pol firmware: a trained N = 50 ebnkit network (image in flash,
 * vdp_data.h) on a Cortex-M through the wasm2c-translated kernel.
 *
 *   1. settle: 0.1 s with error feedback from stored targets (puts the network on its cycle)
 *   2. free:   1 s, no input, no feedback                        -> hashes
 *   3. learn:  0.25 s on-device learning, feedback and plasticity
 *              on, targets from flash                            -> hashes
 *
 * It prints every spike and the hashes over semihosting in the line format of
 * targets/replay/replay.c (the test harness compares them with the Node run),
 * then the SysTick cost of each phase. Exit status 0 iff both fingerprints
 * equal the Node host's (VDP_NODE_* in vdp_data.h).
 */
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "ebnkit_wasm2c.h"
#include "replay.h"
#include "vdp_data.h"

uint32_t ebnk_arena_bytes(void);

static ebnk_t k;

typedef struct {
  const char* name;
  uint32_t steps;
  uint64_t ns;
} phase_cost;

/* Run `steps` steps in blocks, feeding targets x (or none), printing spikes. */
static int run_phase(phase_cost* cost, uint32_t steps, uint32_t flags, const int32_t* x) {
  uint32_t done = 0;
  while (done < steps) {
    uint32_t n = steps - done < VDP_BLOCK ? steps - done : VDP_BLOCK;
    if (x) memcpy(ebnk_mem(&k) + ebnk_ptr(&k, EBNK_P_X_IN), x + done * VDP_J, 4u * n * VDP_J);
    uint32_t t0 = ebnk_status(&k, EBNK_S_T);
    uint64_t c0 = ebnk_clock();
    int32_t ran = ebnk_run(&k, n, flags);
    cost->ns += ebnk_clock() - c0;
    if (ran <= 0) {
      printf("err run() returned %ld\n", (long)ran);
      return 1;
    }
    ebnk_print_spikes(&k, t0);
    done += (uint32_t)ran;
  }
  cost->steps += steps;
  return 0;
}

static void print_cost(const phase_cost* c) {
  /* per-step cost with one decimal, integer arithmetic only */
  uint64_t per10 = c->steps ? (c->ns * 10u + c->steps / 2u) / c->steps : 0;
  printf("cost %s steps=%lu vns=%lu%09lu per_step=%lu.%lu\n", c->name, (unsigned long)c->steps,
         (unsigned long)(c->ns / 1000000000u), (unsigned long)(c->ns % 1000000000u),
         (unsigned long)(per10 / 10u), (unsigned long)(per10 % 10u));
}

int main(void) {
  board_stack_paint();
  board_clock_start();
  wasm_rt_init();
  Z_kernel_init_module();
  Z_kernel_instantiate(&k);

  /* load: place the image, copy it from flash, validate */
  uint32_t at = ebnk_reserve(&k, VDP_IMAGE_BYTES);
  if (at == 0) {
    puts("err the kernel could not reserve memory for the image");
    return 2;
  }
  memcpy(ebnk_mem(&k) + at, vdp_image, VDP_IMAGE_BYTES);
  int32_t e = ebnk_open(&k, VDP_BLOCK, VDP_CAP);
  if (e != 0) {
    printf("err open() = %ld\n", (long)e);
    return 2;
  }
  uint32_t B = ebnk_load32(ebnk_mem(&k), at + 4 * EBNK_H_B); /* K, plus J with linear terms */
  uint32_t flags = ebnk_load32(ebnk_mem(&k), at + 4 * EBNK_H_FLAGS); /* dense or low-rank layout */
  uint32_t end = ebnk_memory_end_flags(at, VDP_N, VDP_J, VDP_K, B, flags, VDP_BLOCK, VDP_CAP);
  if (end != ebnk_ptr(&k, EBNK_P_SPIKES_OUT) + 8u * VDP_CAP) {
    printf("err ebnk_memory_end() = %lu disagrees with the kernel's layout\n", (unsigned long)end);
    return 2;
  }
  ebnk_set_param(&k, EBNK_H_KDT, VDP_KDT);
  ebnk_set_param(&k, EBNK_H_LR, VDP_LR);

  puts("tape vanderpol-firmware");
  phase_cost settle = {"settle", 0, 0}, free_run = {"free", 0, 0}, learn = {"learn", 0, 0};
  int bad = run_phase(&settle, VDP_SETTLE_STEPS, EBNK_RUN_FEEDBACK, vdp_targets);
  bad |= run_phase(&free_run, VDP_FREE_STEPS, 0, NULL);
  ebnk_print_mark(&k, "free", 4);
  uint32_t free_spike = ebnk_status(&k, EBNK_S_HASH), free_state = ebnk_fingerprint(&k);
  bad |= run_phase(&learn, VDP_LEARN_STEPS, EBNK_RUN_LEARN | EBNK_RUN_FEEDBACK,
                   vdp_targets + VDP_SETTLE_STEPS * VDP_J);
  ebnk_print_mark(&k, "learn", 5);
  uint32_t learn_spike = ebnk_status(&k, EBNK_S_HASH), learn_state = ebnk_fingerprint(&k);
  puts("done vanderpol-firmware");

  int match = free_spike == VDP_NODE_FREE_SPIKE_HASH && free_state == VDP_NODE_FREE_STATE_HASH &&
              learn_spike == VDP_NODE_LEARN_SPIKE_HASH && learn_state == VDP_NODE_LEARN_STATE_HASH;
  printf("vanderpol N=%lu K=%lu: free spikeHash=0x%08lx stateHash=0x%08lx, learn spikeHash=0x%08lx "
         "stateHash=0x%08lx: %s\n",
         (unsigned long)VDP_N, (unsigned long)VDP_K, (unsigned long)free_spike,
         (unsigned long)free_state, (unsigned long)learn_spike, (unsigned long)learn_state,
         match ? "matches node" : "DIFFERS FROM NODE");
  print_cost(&settle);
  print_cost(&free_run);
  print_cost(&learn);
  printf("memory image_at=%lu kernel_end=%lu arena=%lu stack_used=%lu\n", (unsigned long)at,
         (unsigned long)end, (unsigned long)ebnk_arena_bytes(), (unsigned long)board_stack_used());
  fflush(stdout);
  return bad || !match;
}

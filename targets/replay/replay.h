/* replay.h: the tape player shared by the native and Cortex-M drivers. */
#ifndef EBNK_REPLAY_H
#define EBNK_REPLAY_H
#include <stdint.h>
#include "ebnkit_wasm2c.h"

/* Play one tape; prints its results. 0 if every call returned what the host saw. */
int ebnk_replay(const uint8_t* tape, uint32_t bytes, int print_state);
/* Play every tape of a bundle (u32 length + tape, ..., u32 0). */
int ebnk_replay_bundle(const uint8_t* bundle, uint32_t bytes, int print_state);
/* Compare ebnkit.h with the kernel's constant() table. 0 if they agree. */
int ebnk_check_abi(void);

/* Expected results, for a tape exported with its recording (src/tape/export-c.ts):
 * when ebnk_expect is set, every spike and checkpoint is checked as it is
 * printed, and the first difference is reported as an err line. */
typedef struct {
  uint32_t t, spike_hash, state_hash, rng, image;
  uint64_t counters[EBNK_C_NAMED];
} ebnk_expect_mark;
typedef struct {
  const ebnk_expect_mark* marks;
  uint32_t n_marks;
  const uint32_t* raster; /* [step since reset, neuron] pairs */
  uint32_t n_spikes;
} ebnk_expect_t;
extern const ebnk_expect_t* ebnk_expect;

void ebnk_print_mark(ebnk_t* k, const char* label, uint32_t label_len);
void ebnk_print_spikes(ebnk_t* k, uint32_t t0);

/* Supplied by the platform: a monotonic clock and its unit. */
uint64_t ebnk_clock(void);
const char* ebnk_clock_unit(void);
#endif

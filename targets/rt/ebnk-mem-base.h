/*
 * Included (-include) into the wasm2c kernel in the unchecked bare-metal build
 * (CHECKS=0; in the checked one, which reads mem->size at every access anyway,
 * it measured a few percent slower): the base of every load and store is the
 * runtime's static arena (rt/wasm-rt-baremetal.c), a link-time constant,
 * instead of mem->data, which C must reload from the instance after every
 * store (a byte store may alias the pointer). The
 * Makefile rewrites wasm2c's `&mem->data[addr]` into `&EBNK_MEM_BASE(mem)[addr]`
 * and defines EBNK_MEM_BASE(m) as (m)->data where this header is not included
 * (the native and the checked builds). Valid because this runtime has one memory, always the
 * arena: wasm_rt_allocate_memory() sets mem->data to it and memory.grow never
 * moves it.
 */
#ifndef EBNK_MEM_BASE_H
#define EBNK_MEM_BASE_H
#include <stdint.h>
extern uint8_t ebnk_wasm_arena[];
#define EBNK_MEM_BASE(m) (ebnk_wasm_arena)
/*
 * No load barrier. wasm2c ends every load with an empty asm that forces the
 * loaded value into a register, so that a load whose value is unused still
 * happens: with WASM_RT_MEMCHECK_SIGNAL_HANDLER on a hosted runtime, an
 * out-of-bounds access is caught by the guard pages around the memory, and a
 * load the compiler dropped would not fault. This runtime has no guard page
 * and no signal (an access past the arena would not trap either way); its
 * safety is that open() sizes the kernel's whole layout against
 * memory.size() and the runtime backs every byte of every page it reports
 * (whole-page backing; a partly backed page, EBNK_WASM_MEM_BYTES, builds
 * with CHECKS=1, where this header is not included). So the barrier guards
 * nothing here and only keeps gcc from dropping or merging loads: without
 * it the low-rank learning step of the Van der Pol firmware runs about 4%
 * fewer estimated cycles, bit for bit the same (bench/results/mcu.md).
 * The Makefile rewrites wasm2c's `wasm_asm("" ::"r"(result));` into
 * `EBNK_LOAD_BARRIER(result);` and fails the build if that rewrite does not apply.
 */
#define EBNK_LOAD_BARRIER(r) ((void)0)
#endif

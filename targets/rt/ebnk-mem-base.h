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
#endif

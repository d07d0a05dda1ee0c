/*
 * wasm-rt-baremetal.c: a wasm2c (WABT 1.0.32) runtime for bare-metal
 * microcontrollers, in place of WABT's wasm-rt-impl.c (which needs mmap,
 * mprotect, signals and realloc).
 *
 *  - Linear memory is one static, 8-byte aligned arena: no heap. By default it
 *    backs EBNK_WASM_PAGES full 64 KiB pages (exact WebAssembly semantics).
 *    -DEBNK_WASM_MEM_BYTES=n backs only the first n bytes of page 0 for parts
 *    with little RAM: the module still sees one 64 KiB page, but any access at
 *    or beyond n traps as out of bounds (wasm2c checks every access against
 *    the backed size on 32-bit targets). Size n with ebnk_memory_end() from
 *    ebnkit.h; the kernel never touches memory past that end.
 *  - memory.grow succeeds while the arena has room, else returns -1 (the
 *    kernel's reserve()/open() then report E_MEMORY / 0).
 *  - Function types live in a small fixed table (the kernel registers 7).
 *  - A trap calls ebnk_trap(code): by default it prints the reason and calls
 *    exit(100 + code), which under QEMU semihosting becomes QEMU's exit
 *    status. Define your own ebnk_trap() to reset or log instead.
 *
 * One instance at a time; Z_kernel_free() releases the arena for the next.
 * Its memory is always the arena, so in the unchecked build (CHECKS=0) the
 * kernel.c the Makefile generates takes the base of every load and store from
 * the arena's address (rt/ebnk-mem-base.h: a constant, where mem->data would be
 * reloaded after every store, since a byte store may alias the pointer as far
 * as C knows): fewer instructions, the same bits.
 *
 * The unchecked build (CHECKS=0: WASM_RT_MEMCHECK_SIGNAL_HANDLER=1, no guard
 * pages on a microcontroller) is safe by construction, not by trust:
 *  - every store the kernel makes lies inside the layout open() derived, whose
 *    end open() checks in 64 bits against memory.size() (test/kernel-bounds*);
 *  - memory.size() never exceeds what is backed: grow stops at the arena, and a
 *    partly backed page (EBNK_WASM_MEM_BYTES) — where the kernel would see a
 *    whole 64 KiB page over fewer backed bytes — is a compile error without
 *    bounds checks.
 *  - -DEBNK_CANARY_BYTES=n puts n bytes of 0xA5 right after the arena;
 *    ebnk_canary_intact() says whether anything wrote past the arena (the
 *    unchecked QEMU bounds test, test/targets/bounds-qemu.test.ts).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm-rt.h"

#define WASM_PAGE 65536u

#ifndef EBNK_WASM_PAGES
#define EBNK_WASM_PAGES 1
#endif
#ifdef EBNK_WASM_MEM_BYTES
#define ARENA_BYTES ((uint32_t)(EBNK_WASM_MEM_BYTES))
#else
#define ARENA_BYTES ((uint32_t)EBNK_WASM_PAGES * WASM_PAGE)
#endif

#if defined(EBNK_WASM_MEM_BYTES) && WASM_RT_MEMCHECK_SIGNAL_HANDLER
#error "EBNK_WASM_MEM_BYTES (a partly backed page) needs bounds checks: unchecked, the kernel sees a whole 64 KiB page and could write past the arena. Use CHECKS=1, or back whole pages with EBNK_WASM_PAGES."
#endif

#ifndef EBNK_CANARY_BYTES
#define EBNK_CANARY_BYTES 0
#endif
#define EBNK_CANARY 0xA5u

/* One array: the arena, then the canary right after it in memory. Its address
 * is a link-time constant: the kernel's loads and stores use it as the memory
 * base (EBNK_MEM_BASE, rt/ebnk-mem-base.h) instead of reloading mem->data. */
#define CANARY_SPACE (EBNK_CANARY_BYTES > 0 ? EBNK_CANARY_BYTES : 1)
uint8_t ebnk_wasm_arena[ARENA_BYTES + CANARY_SPACE] __attribute__((aligned(8)));
#define arena ebnk_wasm_arena
#define canary (ebnk_wasm_arena + ARENA_BYTES)
static int arena_used;

/* 1 if nothing wrote into the EBNK_CANARY_BYTES after the arena (always 1 without a canary). */
int ebnk_canary_intact(void) {
  for (uint32_t i = 0; i < (uint32_t)EBNK_CANARY_BYTES; i++)
    if (canary[i] != EBNK_CANARY) return 0;
  return 1;
}

#if WASM_RT_USE_STACK_DEPTH_COUNT
uint32_t wasm_rt_call_stack_depth;
uint32_t wasm_rt_saved_call_stack_depth;
#endif
jmp_buf wasm_rt_jmp_buf; /* wasm-rt.h declares it; unused without wasm_rt_impl_try */

static const char* const trap_names[] = {
    "none", "out of bounds memory access", "integer overflow", "integer divide by zero",
    "invalid conversion", "unreachable executed", "invalid call_indirect", "uncaught exception",
    "call stack exhausted",
};

const char* wasm_rt_strerror(wasm_rt_trap_t code) {
  unsigned c = (unsigned)code;
  return c < sizeof trap_names / sizeof trap_names[0] ? trap_names[c] : "unknown trap";
}

__attribute__((weak, noreturn)) void ebnk_trap(int code) {
  printf("wasm trap %d: %s\n", code, wasm_rt_strerror((wasm_rt_trap_t)code));
  exit(100 + code);
}

void wasm_rt_trap(wasm_rt_trap_t code) { ebnk_trap((int)code); }

void wasm_rt_init(void) {}
bool wasm_rt_is_initialized(void) { return true; }
void wasm_rt_free(void) {}

/* function-type registry without malloc */
#define MAX_TYPES 16
#define MAX_VALS 8
static struct {
  uint32_t params, results;
  wasm_rt_type_t v[MAX_VALS];
} types[MAX_TYPES];
static uint32_t ntypes;

uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...) {
  wasm_rt_type_t v[MAX_VALS];
  if (params + results > MAX_VALS) wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
  va_list ap;
  va_start(ap, results);
  for (uint32_t i = 0; i < params + results; i++) v[i] = (wasm_rt_type_t)va_arg(ap, int);
  va_end(ap);
  for (uint32_t i = 0; i < ntypes; i++)
    if (types[i].params == params && types[i].results == results &&
        memcmp(types[i].v, v, (params + results) * sizeof v[0]) == 0)
      return i + 1;
  if (ntypes == MAX_TYPES) wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
  types[ntypes].params = params;
  types[ntypes].results = results;
  memcpy(types[ntypes].v, v, (params + results) * sizeof v[0]);
  return ++ntypes;
}

void wasm_rt_allocate_memory(wasm_rt_memory_t* m, uint32_t initial, uint32_t max) {
  (void)max;
  if (arena_used || (uint64_t)initial * WASM_PAGE > (uint64_t)ARENA_BYTES + WASM_PAGE - 1)
    wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
  arena_used = 1;
  memset(arena, 0, ARENA_BYTES);
  memset(canary, EBNK_CANARY, CANARY_SPACE);
  m->data = arena; /* always: EBNK_MEM_BASE(m) is this arena */
  m->pages = initial;
  m->max_pages = (ARENA_BYTES + WASM_PAGE - 1) / WASM_PAGE;
  m->size = initial * WASM_PAGE < ARENA_BYTES ? initial * WASM_PAGE : ARENA_BYTES;
}

uint32_t wasm_rt_grow_memory(wasm_rt_memory_t* m, uint32_t delta) {
  uint32_t old = m->pages, pages = old + delta;
  if (pages < old || pages > m->max_pages || (uint64_t)pages * WASM_PAGE > ARENA_BYTES)
    return UINT32_MAX;
  m->pages = pages;
  m->size = pages * WASM_PAGE; /* the arena was zeroed at allocation */
  return old;
}

void wasm_rt_free_memory(wasm_rt_memory_t* m) {
  (void)m;
  arena_used = 0;
}

/* Bytes of RAM the arena takes (for reports). */
uint32_t ebnk_arena_bytes(void) { return ARENA_BYTES; }

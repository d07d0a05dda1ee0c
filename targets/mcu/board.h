/*
 * board.h: the little the firmware needs from an ARM MPS2 board under QEMU
 * (mps2-an385 Cortex-M3, mps2-an386 Cortex-M4): a cycle clock from SysTick.
 *
 * The MPS2 SysTick counts the 25 MHz system clock. Under
 * `qemu-system-arm -icount shift=0` every instruction takes 1 ns of virtual
 * time, so ebnk_clock() (virtual ns = ticks x 40) counts instructions.
 * QEMU counts instructions, not cycles: real cores add wait states and
 * multi-cycle instructions on top.
 */
#ifndef EBNK_BOARD_H
#define EBNK_BOARD_H
#include <stdint.h>

#define SYST_CSR (*(volatile uint32_t*)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t*)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t*)0xE000E018u)
#define BOARD_SYSTICK_HZ 25000000u

static volatile uint32_t systick_wraps;
void arm_systick_isr(void) { systick_wraps++; } /* picolibc's weak vector-table slot */

static inline void board_clock_start(void) {
  SYST_RVR = 0xFFFFFFu;
  SYST_CVR = 0;
  SYST_CSR = 7; /* processor clock, interrupt on wrap, enable */
}

uint64_t ebnk_clock(void) {
  uint32_t w, v;
  do {
    w = systick_wraps;
    v = SYST_CVR;
  } while (w != systick_wraps);
  uint64_t ticks = (uint64_t)w * 0x1000000u + (0xFFFFFFu - v);
  return ticks * (1000000000u / BOARD_SYSTICK_HZ);
}
const char* ebnk_clock_unit(void) { return "vns"; } /* virtual ns: instructions under -icount shift=0 */

/* Stack high-water mark: paint the stack below the caller, read back later. */
#define BOARD_STACK_PAINT 16384u
#define BOARD_STACK_FILL 0xA5A5A5A5u
extern char __stack[]; /* top of the stack (picolibc.ld) */
static uint32_t* board_stack_floor;
static inline uint32_t board_sp(void) {
  uint32_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  return sp;
}
static void __attribute__((noinline)) board_stack_paint(void) {
  uint32_t* top = (uint32_t*)((board_sp() - 16u) & ~3u); /* below this frame: free stack */
  board_stack_floor = top - BOARD_STACK_PAINT / 4u;
  for (uint32_t* p = board_stack_floor; p < top; p++) *p = BOARD_STACK_FILL;
}
/* Bytes of stack used since reset (from the top of RAM down to the deepest write). */
static uint32_t board_stack_used(void) {
  uint32_t* p = board_stack_floor;
  while (*p == BOARD_STACK_FILL) p++;
  return (uint32_t)(__stack - (char*)p);
}
#endif

/*
 * ebnkit_wasm2c.h: the ABI of ebnkit.h bound to a wasm2c translation of the
 * kernel, made with WABT 1.0.32 as
 *
 *     wasm2c release.wasm -n kernel -o kernel.c     (also writes kernel.h)
 *
 * (newer WABT releases name the generated symbols w2c_kernel_*; adapt the
 * macros below). One ebnk_t is one kernel instance with its own memory.
 *
 *     static ebnk_t k;
 *     wasm_rt_init(); Z_kernel_init_module(); Z_kernel_instantiate(&k);
 *     uint32_t at = ebnk_reserve(&k, sizeof image);
 *     memcpy(ebnk_mem(&k) + at, image, sizeof image);
 *     if (ebnk_open(&k, 50, 50 + N) != 0) ...
 */
#ifndef EBNKIT_WASM2C_H
#define EBNKIT_WASM2C_H

#include "ebnkit.h"
#include "kernel.h"

typedef Z_kernel_instance_t ebnk_t;

#define ebnk_constant(k, id) ((int32_t)Z_kernelZ_constant((k), (u32)(id)))
#define ebnk_reserve(k, bytes) Z_kernelZ_reserve((k), (u32)(bytes))
#define ebnk_open(k, steps, cap) ((int32_t)Z_kernelZ_open((k), (u32)(steps), (u32)(cap)))
#define ebnk_reset(k, seed) Z_kernelZ_reset((k), (u32)(seed))
#define ebnk_run(k, steps, flags) ((int32_t)Z_kernelZ_run((k), (u32)(steps), (u32)(flags)))
#define ebnk_ptr(k, id) Z_kernelZ_ptr((k), (u32)(id))
#define ebnk_status(k, id) Z_kernelZ_status((k), (u32)(id))
#define ebnk_set_param(k, word, value) ((int32_t)Z_kernelZ_setParam((k), (u32)(word), (u32)(value)))
#define ebnk_set_alive(k, i, alive) ((int32_t)Z_kernelZ_setAlive((k), (u32)(i), (u32)(alive)))
#define ebnk_seal(k) Z_kernelZ_seal((k))

/* Base of the kernel's linear memory (re-read after reserve()/open()). */
static inline uint8_t* ebnk_mem(ebnk_t* k) { return Z_kernelZ_memory(k)->data; }
/* Bytes of linear memory the runtime backs. */
static inline uint32_t ebnk_mem_size(ebnk_t* k) { return (uint32_t)Z_kernelZ_memory(k)->size; }

/* KernelExecutor.fingerprint().stateHash, computed in C. */
static inline uint32_t ebnk_fingerprint(ebnk_t* k) {
  uint8_t* m = ebnk_mem(k);
  uint32_t img = ebnk_ptr(k, EBNK_P_IMAGE);
  uint32_t N = ebnk_load32(m, img + 4 * EBNK_H_N), J = ebnk_load32(m, img + 4 * EBNK_H_J);
  uint32_t lr = ebnk_load32(m, img + 4 * EBNK_H_FLAGS) & EBNK_IMG_LOWRANK;
  uint32_t h = ebnk_state_hash(m, ebnk_ptr(k, EBNK_P_V), ebnk_ptr(k, EBNK_P_R), 0, N, 0);
  return ebnk_fnv_words(h, m, ebnk_ptr(k, EBNK_P_OS), (lr ? J : N) * ebnk_load32(m, img + 4 * EBNK_H_B));
}

#endif /* EBNKIT_WASM2C_H */

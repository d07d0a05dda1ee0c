/*
 * A bit-exact hand port of the kernel's step (assembly/step.ts, lowrank.ts,
 * fixed.ts) to plain C, the native ceiling for the kernel's own arithmetic:
 * what a C programmer gets who writes the same Q7.24 fixed point by hand and
 * lets gcc optimise it (-O2, or -O3 -march=native, which vectorises the
 * 32 x 32 -> 64 multiply-accumulates). A yardstick for bench/, not product
 * code: it runs on the kernel's own linear memory after open() (so image
 * parsing and layout stay the kernel's), and bench/native/kernel-bench.c
 * checks that its spike hash equals the kernel's in Node.
 *
 * Ported: both spike policies, dense and low-rank, feedback, learning,
 * external input, noise, narrow-state rounding, dead neurons. Not ported:
 * the parallel rule (IMG_PARALLEL; the driver refuses such images), spike
 * output and the event counters other than steps and spikes.
 */
#ifndef EBNK_KERNEL_PORT_H
#define EBNK_KERNEL_PORT_H
#include <stdint.h>
#include "ebnkit.h"

typedef struct {
  int N, J, K, B, lowrank, policyAll;
  const uint32_t* h; /* header words */
  int32_t *D, *T, *Of, *M, *theta, *Os, *lut;
  int32_t *V, *r, *alive, *xhat, *e, *phi, *g, *spk, *u, *q;
  uint32_t* status;
  uint64_t* counters;
  int32_t *cin, *xin;
} port_t;

static inline int64_t p_rshr(int64_t v, int s) { return (v + ((int64_t)1 << (s - 1))) >> s; }
static inline int32_t p_sat32(int64_t v) { return (int32_t)(v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : v); }
static inline int64_t p_clamp(int64_t v, int64_t lim) { return v > lim ? lim : v < -lim ? -lim : v; }
static inline int64_t p_mulRate(int64_t a, uint32_t m) { return p_rshr(a * (int64_t)m, 32); }
static inline uint32_t p_xorshift(uint32_t x) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; return x; }
static inline uint32_t p_fnv(uint32_t h, uint32_t w) {
  h = (h ^ (w & 0xFF)) * 16777619u; h = (h ^ ((w >> 8) & 0xFF)) * 16777619u;
  h = (h ^ ((w >> 16) & 0xFF)) * 16777619u; return (h ^ (w >> 24)) * 16777619u;
}
static inline int32_t p_lut(const int32_t* lut, int64_t x) {
  int64_t off = x - (int64_t)EBNK_LUT_MIN;
  const int64_t span = (int64_t)EBNK_LUT_SEGMENTS << EBNK_LUT_SHIFT;
  if (off < 0) off = 0;
  if (off >= span) off = span - 1;
  const int64_t y0 = lut[off >> EBNK_LUT_SHIFT], y1 = lut[(off >> EBNK_LUT_SHIFT) + 1];
  const int64_t f = off & ((1 << EBNK_LUT_SHIFT) - 1);
  return (int32_t)(y0 + p_rshr(y1 * f - y0 * f, EBNK_LUT_SHIFT));
}

/* Pointers into the kernel's memory, the layout walk of assembly/layout.ts placeState(). */
static void port_bind(port_t* p, uint8_t* mem, uint32_t img, uint32_t pV, uint32_t pStatus, uint32_t pCounters, uint32_t pCin, uint32_t pXin) {
  const uint32_t* h = (const uint32_t*)(mem + img);
  int N = (int)h[EBNK_H_N], J = (int)h[EBNK_H_J], K = (int)h[EBNK_H_K], B = (int)h[EBNK_H_B];
  int lr = (h[EBNK_H_FLAGS] & EBNK_IMG_LOWRANK) != 0;
  int32_t* a = (int32_t*)(mem + img + EBNK_HEADER_BYTES);
  p->N = N; p->J = J; p->K = K; p->B = B; p->lowrank = lr; p->policyAll = (h[EBNK_H_FLAGS] & EBNK_IMG_POLICY_ALL) != 0; p->h = h;
  p->D = a; a += N * J;
  p->T = a; a += N;
  p->Of = a; if (!lr) a += N * N;
  p->M = a; a += K * J;
  p->theta = a; a += K;
  p->Os = a; a += (lr ? J : N) * B;
  p->lut = a;
  a = (int32_t*)(mem + pV);
  p->V = a; a += N; p->r = a; a += N; p->alive = a; a += N; p->xhat = a; a += J; p->e = a; a += J;
  p->phi = a; a += B; p->g = a; a += N; p->spk = a; a += N; a += N; /* refractory countdowns: parallel rule only */
  p->u = a; p->q = lr ? a + J : a;
  p->status = (uint32_t*)(mem + pStatus);
  p->counters = (uint64_t*)(mem + pCounters);
  p->cin = (int32_t*)(mem + pCin); p->xin = (int32_t*)(mem + pXin);
}

static void port_run(port_t* p, int steps, int flags) {
  const int N = p->N, J = p->J, K = p->K, B = p->B, lr = p->lowrank;
  const uint32_t* h = p->h;
  const uint32_t dt = h[EBNK_H_DT], leakV = h[EBNK_H_LEAKV], leakR = h[EBNK_H_LEAKR], kdt = h[EBNK_H_KDT], lrate = h[EBNK_H_LR];
  const int64_t noise = (int32_t)h[EBNK_H_NOISE], vmax = (int32_t)h[EBNK_H_VMAX], wmax = (int32_t)h[EBNK_H_WMAX], mu = (int32_t)h[EBNK_H_MU];
  const int vshift = (int)h[EBNK_H_VSHIFT];
  const int useInput = (flags & EBNK_RUN_INPUT) != 0, useErr = (flags & (EBNK_RUN_FEEDBACK | EBNK_RUN_LEARN)) != 0;
  const int feedback = (flags & EBNK_RUN_FEEDBACK) != 0, learning = (flags & EBNK_RUN_LEARN) != 0;
  int32_t *D = p->D, *V = p->V, *r = p->r, *alive = p->alive, *xhat = p->xhat, *e = p->e, *phi = p->phi, *g = p->g, *spk = p->spk;
  uint32_t rng = p->status[EBNK_S_RNG], t = p->status[EBNK_S_T], hash = p->status[EBNK_S_HASH];
  for (int s = 0; s < steps; s++) {
    /* 1. readout, error, dendrites */
    const int32_t* x = p->xin + s * J;
    for (int j = 0; j < J; j++) {
      int64_t acc = 0;
      for (int i = 0; i < N; i++) acc += (int64_t)D[i * J + j] * r[i];
      xhat[j] = p_sat32(p_rshr(acc, EBNK_FRAC));
      if (useErr) e[j] = p_sat32((int64_t)x[j] - xhat[j]);
    }
    for (int k = 0; k < K; k++) {
      int64_t acc = 0;
      for (int j = 0; j < J; j++) acc += (int64_t)p->M[k * J + j] * xhat[j];
      phi[k] = p_lut(p->lut, p_rshr(acc, EBNK_FRAC) + p->theta[k]);
    }
    for (int b = K; b < B; b++) phi[b] = xhat[b - K];
    /* 2. integrate */
    const int32_t* c = p->cin + s * J;
    if (lr)
      for (int j = 0; j < J; j++) {
        int64_t acc = 0;
        for (int b = 0; b < B; b++) acc += (int64_t)p->Os[j * B + b] * phi[b];
        p->u[j] = p_sat32(p_rshr(acc, EBNK_FRAC) + (useInput ? c[j] : 0));
      }
    int nalive = 0;
    for (int i = 0; i < N; i++) {
      if (!alive[i]) continue;
      nalive++;
      const int32_t* d = D + i * J;
      int64_t acc = 0, ge = 0;
      if (lr) {
        for (int j = 0; j < J; j++) acc += (int64_t)d[j] * p->u[j];
      } else {
        const int32_t* w = p->Os + (size_t)i * B;
        for (int b = 0; b < B; b++) acc += (int64_t)w[b] * phi[b];
        if (useInput) for (int j = 0; j < J; j++) acc += (int64_t)d[j] * c[j];
      }
      if (useErr) for (int j = 0; j < J; j++) ge += (int64_t)d[j] * e[j];
      const int64_t drive = p_sat32(p_rshr(acc, EBNK_FRAC));
      const int64_t gi = useErr ? p_sat32(p_rshr(ge, EBNK_FRAC)) : 0;
      if (!lr) g[i] = (int32_t)gi;
      int64_t v = p_mulRate(V[i], leakV) + p_mulRate(drive, dt);
      if (feedback) v += p_mulRate(gi, kdt);
      if (noise != 0) { rng = p_xorshift(rng); v += ((int64_t)(int32_t)rng * noise) >> 31; }
      if (vshift > 0) v = (v + ((int64_t)1 << (vshift - 1))) >> vshift << vshift;
      V[i] = (int32_t)p_clamp(v, vmax);
    }
    /* 3. spikes and fast effects */
    int ns = 0;
    if (p->policyAll) {
      for (int i = 0; i < N; i++) if (alive[i] && V[i] > p->T[i]) spk[ns++] = i;
    } else {
      int best = -1;
      int64_t margin = 0;
      for (int i = 0; i < N; i++) {
        if (!alive[i]) continue;
        const int64_t m = (int64_t)V[i] - p->T[i];
        if (m > margin) { margin = m; best = i; }
      }
      if (best >= 0) spk[ns++] = best;
    }
    if (lr) {
      if (ns > 0) {
        for (int j = 0; j < J; j++) {
          int64_t sum = 0;
          for (int q = 0; q < ns; q++) sum += D[spk[q] * J + j];
          p->q[j] = p_sat32(sum);
        }
        for (int k = 0; k < N; k++) {
          if (!alive[k]) continue;
          int64_t acc = 0;
          for (int j = 0; j < J; j++) acc += (int64_t)D[k * J + j] * p->q[j];
          V[k] = (int32_t)p_clamp((int64_t)V[k] - p_rshr(acc, EBNK_FRAC), vmax);
        }
        for (int q = 0; q < ns; q++) V[spk[q]] = (int32_t)p_clamp((int64_t)V[spk[q]] - mu, vmax);
      }
    } else {
      for (int q = 0; q < ns; q++) {
        const int32_t* row = p->Of + (size_t)spk[q] * N;
        for (int k = 0; k < N; k++)
          if (alive[k]) V[k] = (int32_t)p_clamp((int64_t)V[k] - row[k], vmax);
      }
    }
    /* 4. filter */
    for (int i = 0; i < N; i++) r[i] = (int32_t)p_mulRate(r[i], leakR);
    for (int q = 0; q < ns; q++) r[spk[q]] = p_sat32((int64_t)r[spk[q]] + EBNK_ONE);
    /* 5. learning (stochastic rounding with the kernel's xorshift) */
    if (learning) {
      if (lr)
        for (int j = 0; j < J; j++) {
          const int32_t a = (int32_t)p_clamp(p_rshr((int64_t)e[j] * lrate, 24 + 32 - EBNK_LEARN_W_FRAC), 0x7FFFFFFF);
          if (a == 0) continue;
          int32_t* w = p->Os + j * B;
          for (int b = 0; b < B; b++) {
            rng = p_xorshift(rng);
            w[b] = (int32_t)p_clamp(w[b] + (((int64_t)a * phi[b] + (int64_t)rng) >> EBNK_LEARN_W_FRAC), wmax);
          }
        }
      else
        for (int i = 0; i < N; i++) {
          if (!alive[i]) continue;
          const int32_t a = (int32_t)p_clamp(p_rshr((int64_t)g[i] * lrate, 24 + 32 - EBNK_LEARN_FRAC), 0x7FFFFFFF);
          if (a == 0) continue;
          int32_t* w = p->Os + (size_t)i * B;
          for (int b = 0; b < B; b++) {
            rng = p_xorshift(rng);
            w[b] = (int32_t)p_clamp(w[b] + (((int64_t)a * phi[b] + ((int64_t)rng << 8)) >> EBNK_LEARN_FRAC), wmax);
          }
        }
    }
    /* 6. hash, counters */
    for (int q = 0; q < ns; q++) hash = p_fnv(p_fnv(hash, (uint32_t)spk[q]), t);
    t++;
    p->counters[EBNK_C_STEPS]++;
    p->counters[EBNK_C_SPIKES] += (uint64_t)ns;
    (void)nalive;
  }
  p->status[EBNK_S_RNG] = rng; p->status[EBNK_S_T] = t; p->status[EBNK_S_HASH] = hash;
}
#endif

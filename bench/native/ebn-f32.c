/*
 * A straightforward C float32 version of the same network and step
 * (DESIGN.md section 2), as an embedded engineer would write it by hand:
 * float arrays and libm tanhf, or with -DEBN_LUT the kernel's own dendrite
 * form (tanh sampled at 257 knots on [-4, 4], linear interpolation). Built
 * at -O2 and at -O3 -march=native -ffast-math (bench/lib/native.ts). A
 * yardstick for bench/run.ts, not product code: no kill mask, no noise, no
 * counters. Both spike policies; dense (Of N x N, Os N x B) or low-rank
 * (W J x B, fast effects through D).
 *
 *   ebn-f32 NET BLOCK SETTLE SAMPLES FLAGS [X]
 *
 * NET is bench/lib/floatnet.ts's binary form; X holds float32 targets,
 * (SETTLE + SAMPLES * BLOCK) * J values. Protocol as bench/native/kernel-bench.c:
 * SETTLE untimed steps with feedback, then SAMPLES timed blocks with FLAGS
 * (1 learn, 2 feedback), each on a line of stdin, answered by its CPU ns;
 * then one JSON line: the spikes in the timed blocks.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-io.h"

enum { RUN_LEARN = 1, RUN_FEEDBACK = 2 };

typedef struct {
  int N, J, K, B, lowrank, policy_all, linear;
  float dt, lam, lamV, mu, nu, k, eta;
  float *D, *M, *theta, *Os, *W, *Of, *T;
  float *V, *r, *xhat, *e, *Phi, *g, *u, *q;
  int* spk;
  uint64_t spikes;
} net_t;

#ifdef EBN_LUT
/* The kernel's dendrite table (assembly/formats.ts LUT_*): 256 segments on [-4, 4]. */
static float lut[257];
static void lut_init(void) { for (int i = 0; i <= 256; i++) lut[i] = tanhf(-4.0f + i / 32.0f); }
static inline float phi(float a) {
  float f = (a + 4.0f) * 32.0f;
  if (f < 0) f = 0;
  if (f > 255.999f) f = 255.999f;
  int i = (int)f;
  f -= (float)i;
  return lut[i] + f * (lut[i + 1] - lut[i]);
}
#else
static void lut_init(void) {}
static inline float phi(float a) { return tanhf(a); }
#endif

static float* take(float** at, size_t n) {
  float* p = malloc((n ? n : 1) * sizeof(float));
  memcpy(p, *at, n * sizeof(float));
  *at += n;
  return p;
}

static void load(net_t* n, const char* path) {
  size_t len;
  int32_t* w = slurp(path, &len);
  if (len < 60 || w[0] != 0x31464245) { fprintf(stderr, "%s: not a float net\n", path); exit(2); }
  n->N = w[1]; n->J = w[2]; n->K = w[3]; n->B = w[4]; n->lowrank = w[5]; n->policy_all = w[6]; n->linear = w[7];
  float* f = (float*)(w + 8);
  n->dt = f[0]; n->lam = f[1]; n->lamV = f[2]; n->mu = f[3]; n->nu = f[4]; n->k = f[5]; n->eta = f[6];
  float* at = f + 7;
  int N = n->N, J = n->J, K = n->K, B = n->B;
  n->D = take(&at, (size_t)N * J);
  n->M = take(&at, (size_t)K * J);
  n->theta = take(&at, (size_t)K);
  n->Os = take(&at, n->lowrank ? 0 : (size_t)N * B);
  n->W = take(&at, n->lowrank ? (size_t)J * B : 0);
  n->T = calloc(N, sizeof(float));
  n->Of = calloc(n->lowrank ? 1 : (size_t)N * N, sizeof(float));
  for (int i = 0; i < N; i++) {
    float d2 = 0;
    for (int j = 0; j < J; j++) d2 += n->D[i * J + j] * n->D[i * J + j];
    n->T[i] = (d2 + n->mu + n->nu) / 2;
    if (!n->lowrank)
      for (int k = 0; k < N; k++) {
        float dot = 0;
        for (int j = 0; j < J; j++) dot += n->D[i * J + j] * n->D[k * J + j];
        n->Of[(size_t)i * N + k] = dot + (i == k ? n->mu : 0);
      }
  }
  n->V = calloc(N, sizeof(float)); n->r = calloc(N, sizeof(float)); n->g = calloc(N, sizeof(float));
  n->xhat = calloc(J, sizeof(float)); n->e = calloc(J, sizeof(float)); n->u = calloc(J, sizeof(float));
  n->q = calloc(J, sizeof(float)); n->Phi = calloc(B, sizeof(float)); n->spk = calloc(N, sizeof(int));
  free(w);
}

static void run(net_t* n, int steps, int flags, const float* x) {
  const int N = n->N, J = n->J, K = n->K, B = n->B;
  const float dt = n->dt, leakV = 1 - n->lamV * dt, leakR = 1 - n->lam * dt;
  const float kdt = n->k * dt, lr = n->eta * dt, mu = n->mu;
  const int err = (flags & (RUN_LEARN | RUN_FEEDBACK)) != 0, feedback = (flags & RUN_FEEDBACK) != 0;
  float *D = n->D, *V = n->V, *r = n->r, *xhat = n->xhat, *e = n->e, *Phi = n->Phi, *g = n->g;
  for (int s = 0; s < steps; s++) {
    /* 1. readout, error, dendrites */
    for (int j = 0; j < J; j++) {
      float acc = 0;
      for (int i = 0; i < N; i++) acc += D[i * J + j] * r[i];
      xhat[j] = acc;
      if (err) e[j] = x[s * J + j] - acc;
    }
    for (int k = 0; k < K; k++) {
      float a = n->theta[k];
      for (int j = 0; j < J; j++) a += n->M[k * J + j] * xhat[j];
      Phi[k] = phi(a);
    }
    if (n->linear) for (int j = 0; j < J; j++) Phi[K + j] = xhat[j];
    /* 2. integrate */
    if (n->lowrank)
      for (int j = 0; j < J; j++) {
        float acc = 0;
        for (int b = 0; b < B; b++) acc += n->W[j * B + b] * Phi[b];
        n->u[j] = acc;
      }
    for (int i = 0; i < N; i++) {
      float drive = 0, gi = 0;
      if (n->lowrank) for (int j = 0; j < J; j++) drive += D[i * J + j] * n->u[j];
      else for (int b = 0; b < B; b++) drive += n->Os[(size_t)i * B + b] * Phi[b];
      if (err) for (int j = 0; j < J; j++) gi += D[i * J + j] * e[j];
      g[i] = gi;
      V[i] = leakV * V[i] + dt * drive + (feedback ? kdt * gi : 0);
    }
    /* 3. spikes and fast effects */
    int ns = 0;
    if (n->policy_all) {
      for (int i = 0; i < N; i++) if (V[i] > n->T[i]) n->spk[ns++] = i;
    } else {
      int best = -1;
      float margin = 0;
      for (int i = 0; i < N; i++) {
        float m = V[i] - n->T[i];
        if (m > margin) { margin = m; best = i; }
      }
      if (best >= 0) n->spk[ns++] = best;
    }
    if (n->lowrank && ns > 0) {
      for (int j = 0; j < J; j++) {
        float acc = 0;
        for (int p = 0; p < ns; p++) acc += D[n->spk[p] * J + j];
        n->q[j] = acc;
      }
      for (int i = 0; i < N; i++) {
        float acc = 0;
        for (int j = 0; j < J; j++) acc += D[i * J + j] * n->q[j];
        V[i] -= acc;
      }
      for (int p = 0; p < ns; p++) V[n->spk[p]] -= mu;
    } else {
      for (int p = 0; p < ns; p++) {
        const float* row = n->Of + (size_t)n->spk[p] * N;
        for (int i = 0; i < N; i++) V[i] -= row[i];
      }
    }
    /* 4. filter */
    for (int i = 0; i < N; i++) r[i] *= leakR;
    for (int p = 0; p < ns; p++) r[n->spk[p]] += 1;
    n->spikes += (uint64_t)ns;
    /* 5. learning */
    if (flags & RUN_LEARN) {
      if (n->lowrank)
        for (int j = 0; j < J; j++) {
          float a = lr * e[j];
          for (int b = 0; b < B; b++) n->W[j * B + b] += a * Phi[b];
        }
      else
        for (int i = 0; i < N; i++) {
          float a = lr * g[i];
          for (int b = 0; b < B; b++) n->Os[(size_t)i * B + b] += a * Phi[b];
        }
    }
  }
}

int main(int argc, char** argv) {
  if (argc < 6) {
    fprintf(stderr, "usage: %s NET BLOCK SETTLE SAMPLES FLAGS [X]\n", argv[0]);
    return 2;
  }
  static net_t n;
  load(&n, argv[1]);
  int block = atoi(argv[2]), settle = atoi(argv[3]), samples = atoi(argv[4]), flags = atoi(argv[5]);
  size_t xlen = 0;
  float* x = argc > 6 ? slurp(argv[6], &xlen) : NULL;
  if ((settle > 0 || (flags & (RUN_LEARN | RUN_FEEDBACK))) &&
      (!x || xlen < sizeof(float) * ((size_t)settle + (size_t)samples * block) * n.J)) {
    fprintf(stderr, "ebn-f32: X must hold (SETTLE + SAMPLES * BLOCK) * J targets\n");
    return 2;
  }
  lut_init();
  for (int done = 0; done < settle;) {
    int m = settle - done < block ? settle - done : block;
    run(&n, m, RUN_FEEDBACK, x + (size_t)done * n.J);
    done += m;
  }
  uint64_t before = n.spikes;
  for (int s = 0; s < samples && next_block(); s++) {
    const float* xs = x ? x + ((size_t)settle + (size_t)s * block) * n.J : NULL;
    uint64_t t0 = cpu_ns();
    run(&n, block, flags, xs);
    report_block(cpu_ns() - t0);
  }
  printf("{\"spikes\":%llu}\n", (unsigned long long)(n.spikes - before));
  return 0;
}

// A straightforward plain-JavaScript float32 version of the same network and
// step (DESIGN.md section 2), as a developer would write it without the
// kernel: Float32Array storage, Math.tanh, both spike policies, dense or
// low-rank. A yardstick for the benchmarks, not product code: no kill mask,
// no noise, no counters. bench/native/ebn-f32.c is the same in C.
import type { FloatNet } from '../lib/floatnet.js';

export const RUN_LEARN = 1;
export const RUN_FEEDBACK = 2;

export class EbnF32 {
  readonly N: number;
  readonly J: number;
  readonly K: number;
  readonly B: number;
  spikes = 0;
  private readonly n: FloatNet;
  private readonly D: Float32Array;
  private readonly M: Float32Array;
  private readonly theta: Float32Array;
  private readonly Os: Float32Array;
  private readonly W: Float32Array;
  private readonly Of: Float32Array;
  private readonly T: Float32Array;
  private readonly V: Float32Array;
  private readonly r: Float32Array;
  private readonly xhat: Float32Array;
  private readonly e: Float32Array;
  private readonly Phi: Float32Array;
  private readonly g: Float32Array;
  private readonly u: Float32Array;
  private readonly q: Float32Array;
  private readonly spk: Int32Array;

  constructor(net: FloatNet) {
    const { N, J, K, B } = net;
    this.n = net;
    this.N = N; this.J = J; this.K = K; this.B = B;
    this.D = Float32Array.from(net.D);
    this.M = Float32Array.from(net.M);
    this.theta = Float32Array.from(net.theta);
    this.Os = Float32Array.from(net.Os);
    this.W = Float32Array.from(net.W);
    this.T = new Float32Array(N);
    this.Of = new Float32Array(net.lowrank ? 0 : N * N);
    for (let i = 0; i < N; i++) {
      let d2 = 0;
      for (let j = 0; j < J; j++) d2 += net.D[i * J + j]! ** 2;
      this.T[i] = (d2 + net.mu + net.nu) / 2;
      if (!net.lowrank)
        for (let k = 0; k < N; k++) {
          let dot = 0;
          for (let j = 0; j < J; j++) dot += net.D[i * J + j]! * net.D[k * J + j]!;
          this.Of[i * N + k] = dot + (i === k ? net.mu : 0);
        }
    }
    this.V = new Float32Array(N);
    this.r = new Float32Array(N);
    this.xhat = new Float32Array(J);
    this.e = new Float32Array(J);
    this.Phi = new Float32Array(B);
    this.g = new Float32Array(N);
    this.u = new Float32Array(J);
    this.q = new Float32Array(J);
    this.spk = new Int32Array(N);
  }

  /** Run `steps` steps; x (steps x J from `xo`) is read when feedback or learning is on. */
  run(steps: number, flags: number, x: Float32Array | null, xo: number): void {
    const { N, J, K, B, D, M, theta, Os, W, Of, T, V, r, xhat, e, Phi, g, u, q, spk } = this;
    const { dt, lowrank, policyAll, linear } = this.n;
    const leakV = 1 - this.n.lamV * dt, leakR = 1 - this.n.lam * dt;
    const kdt = this.n.k * dt, lr = this.n.eta * dt, mu = this.n.mu;
    const err = (flags & (RUN_LEARN | RUN_FEEDBACK)) !== 0;
    const feedback = (flags & RUN_FEEDBACK) !== 0;
    for (let s = 0; s < steps; s++) {
      // 1. readout, error, dendrites
      for (let j = 0; j < J; j++) {
        let acc = 0;
        for (let i = 0; i < N; i++) acc += D[i * J + j]! * r[i]!;
        xhat[j] = acc;
        if (err) e[j] = x![xo + s * J + j]! - acc;
      }
      for (let k = 0; k < K; k++) {
        let a = theta[k]!;
        for (let j = 0; j < J; j++) a += M[k * J + j]! * xhat[j]!;
        Phi[k] = Math.tanh(a);
      }
      if (linear) for (let j = 0; j < J; j++) Phi[K + j] = xhat[j]!;
      // 2. integrate
      if (lowrank)
        for (let j = 0; j < J; j++) {
          let acc = 0;
          for (let b = 0; b < B; b++) acc += W[j * B + b]! * Phi[b]!;
          u[j] = acc;
        }
      for (let i = 0; i < N; i++) {
        let drive = 0;
        if (lowrank) for (let j = 0; j < J; j++) drive += D[i * J + j]! * u[j]!;
        else for (let b = 0; b < B; b++) drive += Os[i * B + b]! * Phi[b]!;
        let gi = 0;
        if (err) for (let j = 0; j < J; j++) gi += D[i * J + j]! * e[j]!;
        g[i] = gi;
        V[i] = leakV * V[i]! + dt * drive + (feedback ? kdt * gi : 0);
      }
      // 3. spikes and fast effects
      let n = 0;
      if (policyAll) {
        for (let i = 0; i < N; i++) if (V[i]! > T[i]!) spk[n++] = i;
      } else {
        let best = -1, margin = 0;
        for (let i = 0; i < N; i++) {
          const m = V[i]! - T[i]!;
          if (m > margin) { margin = m; best = i; }
        }
        if (best >= 0) spk[n++] = best;
      }
      if (lowrank && n > 0) {
        for (let j = 0; j < J; j++) {
          let acc = 0;
          for (let p = 0; p < n; p++) acc += D[spk[p]! * J + j]!;
          q[j] = acc;
        }
        for (let i = 0; i < N; i++) {
          let acc = 0;
          for (let j = 0; j < J; j++) acc += D[i * J + j]! * q[j]!;
          V[i] = V[i]! - acc;
        }
        for (let p = 0; p < n; p++) V[spk[p]!] = V[spk[p]!]! - mu;
      } else {
        for (let p = 0; p < n; p++) {
          const row = spk[p]! * N;
          for (let i = 0; i < N; i++) V[i] = V[i]! - Of[row + i]!;
        }
      }
      // 4. filter
      for (let i = 0; i < N; i++) r[i] = leakR * r[i]!;
      for (let p = 0; p < n; p++) r[spk[p]!] = r[spk[p]!]! + 1;
      this.spikes += n;
      // 5. learning
      if (flags & RUN_LEARN) {
        if (lowrank)
          for (let j = 0; j < J; j++) {
            const a = lr * e[j]!;
            for (let b = 0; b < B; b++) W[j * B + b] = W[j * B + b]! + a * Phi[b]!;
          }
        else
          for (let i = 0; i < N; i++) {
            const a = lr * g[i]!;
            for (let b = 0; b < B; b++) Os[i * B + b] = Os[i * B + b]! + a * Phi[b]!;
          }
      }
    }
  }
}

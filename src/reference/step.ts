// float64 reference step, phase for phase the same as assembly/step.ts
// (DESIGN.md section 2). Explicit state: every function reads and writes only
// what it is given; the only randomness comes from the `noise` callback.
import { fillBasis, type Derived } from '../derived.js';
import type { ChipOptions, SpikePolicy } from '../spec.js';

export interface RefParams {
  N: number;
  J: number;
  K: number;
  B: number;
  D: Float64Array; // N x J
  M: Float64Array; // K x J
  theta: Float64Array;
  phi: (u: number) => number;
  Os: Float64Array; // N x B, updated by learning
  d: Derived;
  dt: number;
  leakV: number; // 1 - lamV dt
  leakR: number; // 1 - lam dt
  k: number;
  eta: number;
  noiseAmp: number;
  policy: SpikePolicy;
  /** Options of the parallel rule (zeros otherwise). */
  chip: ChipOptions;
}

export interface RefState {
  V: Float64Array;
  r: Float64Array;
  alive: Uint8Array;
  xhat: Float64Array;
  e: Float64Array;
  Phi: Float64Array;
  g: Float64Array;
  spikers: Int32Array;
  /** Parallel rule countdown: refractory + 1 on a spike, so that value marks last step's spikes. */
  ref: Int32Array;
}

export function newRefState(N: number, J: number, B: number): RefState {
  return {
    V: new Float64Array(N),
    r: new Float64Array(N),
    alive: new Uint8Array(N).fill(1),
    xhat: new Float64Array(J),
    e: new Float64Array(J),
    Phi: new Float64Array(B),
    g: new Float64Array(N),
    spikers: new Int32Array(N),
    ref: new Int32Array(N),
  };
}

/** Phase 1: xhat = D r, e = x - xhat, Phi = phi(M xhat + theta) [, xhat]. */
export function readout(p: RefParams, s: RefState, x: ArrayLike<number> | null, xo: number): void {
  const { N, J, K, B, D, M, theta } = p;
  for (let j = 0; j < J; j++) {
    let acc = 0;
    for (let i = 0; i < N; i++) acc += D[i * J + j]! * s.r[i]!;
    s.xhat[j] = acc;
    if (x) s.e[j] = x[xo + j]! - acc;
  }
  fillBasis(p.phi, K, J, B, M, theta, s.xhat, s.Phi);
}

/** Phase 2: V += dt (D^T c + Os Phi) + k dt D^T e - lamV dt V + noise. Returns alive count. */
export function integrate(
  p: RefParams,
  s: RefState,
  c: ArrayLike<number> | null,
  co: number,
  useErr: boolean,
  feedback: boolean,
  noise: () => number,
): number {
  const { N, J, B, D, Os, dt } = p;
  let alive = 0;
  for (let i = 0; i < N; i++) {
    if (!s.alive[i]) continue;
    alive++;
    let drive = 0;
    for (let b = 0; b < B; b++) drive += Os[i * B + b]! * s.Phi[b]!;
    if (c) for (let j = 0; j < J; j++) drive += D[i * J + j]! * c[co + j]!;
    let g = 0;
    if (useErr) for (let j = 0; j < J; j++) g += D[i * J + j]! * s.e[j]!;
    s.g[i] = g;
    let v = s.V[i]! * p.leakV + dt * drive;
    if (feedback) v += p.k * dt * g;
    if (p.noiseAmp !== 0) v += p.noiseAmp * (2 * noise() - 1);
    s.V[i] = v;
  }
  return alive;
}

/** V_j -= Of[i, j] for every alive j (j != i too when `self` is false: the parallel rule's spiker has reset). */
function fire(p: RefParams, s: RefState, i: number, self = true): void {
  const { N } = p;
  const Of = p.d.Of;
  for (let j = 0; j < N; j++) if (s.alive[j] && (self || j !== i)) s.V[j] = s.V[j]! - Of[i * N + j]!;
}

/**
 * Phase 3: winner (largest V-T > 0, lowest index on ties), all above
 * threshold, or parallel (see spikeParallel). `uniform` is the executor's
 * RNG, drawn by the parallel rule's soft threshold.
 */
export function spike(p: RefParams, s: RefState, uniform: () => number): number {
  const { N } = p;
  const T = p.d.T;
  let n = 0;
  if (p.policy === 'parallel') {
    deliver(p, s);
    return spikeParallel(p, s, uniform);
  }
  if (p.policy === 'all') {
    for (let i = 0; i < N; i++) if (s.alive[i] && s.V[i]! > T[i]!) s.spikers[n++] = i;
    for (let q = 0; q < n; q++) fire(p, s, s.spikers[q]!);
  } else {
    let best = -1;
    let margin = 0;
    for (let i = 0; i < N; i++) {
      if (!s.alive[i]) continue;
      const m = s.V[i]! - T[i]!;
      if (m > margin) {
        margin = m;
        best = i;
      }
    }
    if (best >= 0) {
      s.spikers[n++] = best;
      fire(p, s, best);
    }
  }
  return n;
}

/**
 * Parallel rule, before choosing spikers: last step's spikes (countdown ==
 * refractory + 1) reach every other alive neuron now, one step late; then
 * every countdown moves down. Same as deliver() in assembly/step.ts.
 */
function deliver(p: RefParams, s: RefState): void {
  const r1 = p.chip.refractory + 1;
  for (let i = 0; i < p.N; i++) if (s.ref[i] === r1) fire(p, s, i, false);
  for (let i = 0; i < p.N; i++) if (s.ref[i]! > 0) s.ref[i]!--;
}

/**
 * Parallel rule, phase 3: candidates are alive, out of refractory, m = V-T > 0;
 * a soft threshold w passes a candidate with m < w with probability m/w;
 * arbitration groups keep each group's largest candidate. Spikers reset
 * themselves at once (V_i -= Of[i, i]) and start their countdown.
 */
function spikeParallel(p: RefParams, s: RefState, uniform: () => number): number {
  const { N } = p;
  const T = p.d.T;
  const { softWidth: w, arbitration: g } = p.chip;
  let n = 0;
  let best = -1;
  let margin = 0;
  for (let i = 0; i < N; i++) {
    if (g > 0 && i > 0 && i % g === 0) {
      if (best >= 0) s.spikers[n++] = best;
      best = -1;
      margin = 0;
    }
    if (!s.alive[i] || s.ref[i] !== 0) continue;
    const m = s.V[i]! - T[i]!;
    if (!(m > 0)) continue;
    if (m < w && uniform() * w >= m) continue;
    if (g === 0) s.spikers[n++] = i;
    else if (m > margin) {
      margin = m;
      best = i;
    }
  }
  if (best >= 0) s.spikers[n++] = best;
  for (let q = 0; q < n; q++) {
    const i = s.spikers[q]!;
    s.ref[i] = p.chip.refractory + 1;
    s.V[i] = s.V[i]! - p.d.Of[i * N + i]!;
  }
  return n;
}

/** Phase 4: r = (1 - lam dt) r + o. */
export function filter(p: RefParams, s: RefState, n: number): void {
  for (let i = 0; i < p.N; i++) s.r[i] = s.r[i]! * p.leakR;
  for (let q = 0; q < n; q++) {
    const i = s.spikers[q]!;
    s.r[i] = s.r[i]! + 1;
  }
}

/** Phase 5: Os_ib += eta dt g_i Phi_b (the local rule). Returns updates made. */
export function learn(p: RefParams, s: RefState): number {
  const { N, B, Os } = p;
  const lr = p.eta * p.dt;
  let updates = 0;
  for (let i = 0; i < N; i++) {
    if (!s.alive[i]) continue;
    const a = lr * s.g[i]!;
    if (a === 0) continue;
    for (let b = 0; b < B; b++) Os[i * B + b] = Os[i * B + b]! + a * s.Phi[b]!;
    updates += B;
  }
  return updates;
}

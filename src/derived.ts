// Quantities every executor derives from a NetworkSpec the same way
// (DESIGN.md section 2): fast weights, thresholds, per-step noise amplitude.
import { basisSize, type Nonlinearity, type NetworkSpec } from './spec.js';

export interface Derived {
  B: number;
  /** Of = D^T D + mu I, N x N (symmetric; row i is what neuron i's spike subtracts). */
  Of: Float64Array;
  /** T_i = (|D_i|^2 + mu + nu) / 2 */
  T: Float64Array;
  /** Uniform noise half-width per step: a = sigma*sqrt(3 dt) gives variance sigma^2 dt. */
  noiseAmp: number;
}

export function derive(s: NetworkSpec): Derived {
  const { N, J, D, mu, nu } = s;
  const Of = new Float64Array(N * N);
  const T = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < N; k++) {
      let dot = 0;
      for (let j = 0; j < J; j++) dot += D[i * J + j]! * D[k * J + j]!;
      Of[i * N + k] = dot + (i === k ? mu : 0);
    }
    T[i] = (Of[i * N + i]! + nu) / 2;
  }
  return { B: basisSize(s), Of, T, noiseAmp: noiseAmplitude(s.noise, s.dt) };
}

export const noiseAmplitude = (sigma: number, dt: number): number => sigma * Math.sqrt(3 * dt);

/**
 * The slow basis at state x (DESIGN.md section 2, phase 1): Phi_k = phi(theta_k + M_k . x)
 * for the K dendrites, then the linear terms Phi_{K+j} = x_j up to B. One host copy for
 * the reference step, the learned field and the basis fit of the automatic path.
 */
export function fillBasis(phi: (u: number) => number, K: number, J: number, B: number, M: ArrayLike<number>, theta: ArrayLike<number>, x: ArrayLike<number>, out: Float64Array): void {
  for (let k = 0; k < K; k++) {
    let u = theta[k]!;
    for (let j = 0; j < J; j++) u += M[k * J + j]! * x[j]!;
    out[k] = phi(u);
  }
  for (let b = K; b < B; b++) out[b] = x[b - K]!;
}

export function phiFunction(phi: Nonlinearity): (u: number) => number {
  switch (phi) {
    case 'tanh':
      return Math.tanh;
    case 'sigmoid':
      return (u) => 1 / (1 + Math.exp(-u));
  }
}

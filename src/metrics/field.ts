// Vector-field error of the learned map: decode the slow weights into J-space,
// W = (D^T)^+ Os (the learning rule keeps Os = D^T W), and compare the learned
// field W Phi(x) - lam x with the true F(x) over the states the run visited.
import { phiFunction } from '../derived.js';
import type { NetworkSpec } from '../spec.js';
import type { DynamicalSystem } from '../systems/system.js';

/** Least-squares W (J x B) with D^T W ~= Os, via the J x J normal equations. */
export function decodeSlowWeights(spec: NetworkSpec): Float64Array {
  const { N, J, D, Os } = spec;
  const B = Os.length / N;
  const G = new Float64Array(J * J);
  for (let i = 0; i < N; i++) for (let a = 0; a < J; a++) for (let b = 0; b < J; b++) G[a * J + b] = G[a * J + b]! + D[i * J + a]! * D[i * J + b]!;
  const R = new Float64Array(J * B);
  for (let i = 0; i < N; i++) for (let a = 0; a < J; a++) for (let q = 0; q < B; q++) R[a * B + q] = R[a * B + q]! + D[i * J + a]! * Os[i * B + q]!;
  return solve(G, R, J, B);
}

function solve(G: Float64Array, R: Float64Array, J: number, B: number): Float64Array {
  const A = Float64Array.from(G);
  const X = Float64Array.from(R);
  for (let c = 0; c < J; c++) {
    let p = c;
    for (let r = c + 1; r < J; r++) if (Math.abs(A[r * J + c]!) > Math.abs(A[p * J + c]!)) p = r;
    for (let k = 0; k < J; k++) [A[c * J + k], A[p * J + k]] = [A[p * J + k]!, A[c * J + k]!];
    for (let k = 0; k < B; k++) [X[c * B + k], X[p * B + k]] = [X[p * B + k]!, X[c * B + k]!];
    for (let r = 0; r < J; r++) {
      if (r === c) continue;
      const f = A[r * J + c]! / A[c * J + c]!;
      for (let k = 0; k < J; k++) A[r * J + k] = A[r * J + k]! - f * A[c * J + k]!;
      for (let k = 0; k < B; k++) X[r * B + k] = X[r * B + k]! - f * X[c * B + k]!;
    }
  }
  for (let r = 0; r < J; r++) for (let k = 0; k < B; k++) X[r * B + k] = X[r * B + k]! / A[r * J + r]!;
  return X;
}

/** Normalised RMS error of the learned field over the given states (steps x J). */
export function vectorFieldError(spec: NetworkSpec, sys: DynamicalSystem, states: ArrayLike<number>, maxSamples = 2000): number {
  const { J, lam } = spec;
  const { K, M, theta } = spec.dendrites;
  const W = decodeSlowWeights(spec);
  const B = W.length / J;
  const phi = phiFunction(spec.dendrites.phi);
  const n = states.length / J;
  const stride = Math.max(1, Math.floor(n / maxSamples));
  const Phi = new Float64Array(B);
  const F = new Float64Array(J);
  let se = 0;
  let sf = 0;
  for (let s = 0; s < n; s += stride) {
    const x = Array.from({ length: J }, (_, j) => states[s * J + j]!);
    for (let k = 0; k < K; k++) {
      let u = theta[k]!;
      for (let j = 0; j < J; j++) u += M[k * J + j]! * x[j]!;
      Phi[k] = phi(u);
    }
    for (let j = K; j < B; j++) Phi[j] = x[j - K]!;
    sys.field(x, F);
    for (let a = 0; a < J; a++) {
      let g = -lam * x[a]!;
      for (let q = 0; q < B; q++) g += W[a * B + q]! * Phi[q]!;
      se += (g - F[a]!) ** 2;
      sf += F[a]! ** 2;
    }
  }
  return Math.sqrt(se / sf);
}

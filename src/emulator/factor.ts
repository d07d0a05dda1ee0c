// The factored slow path: Os = D W. The local rule keeps Os in the span of
// the decoders (DESIGN.md 2) up to rounding; projecting onto that span gives
// W = (D^T D)^-1 D^T Os, so each neuron's slow drive is D_i . (W Phi) and a chip
// needs J slow-sum units instead of N*B slow synapses per step.
import { cloneSpec, type NetworkSpec } from '../spec.js';

export interface Factored {
  /** The spec with Os replaced by D W. */
  spec: NetworkSpec;
  /** J x B, row-major. */
  W: Float64Array;
  /** |Os - D W|_F / |Os|_F: what the factored path drops (rounding noise outside the span of D). */
  residual: number;
}

export function factorSlowWeights(spec: NetworkSpec): Factored {
  const { N, J, D, Os } = spec;
  const B = Os.length / N;
  const G = new Float64Array(J * J);
  const R = new Float64Array(J * B);
  for (let i = 0; i < N; i++)
    for (let a = 0; a < J; a++) {
      const d = D[i * J + a]!;
      for (let b = 0; b < J; b++) G[a * J + b]! += d * D[i * J + b]!;
      for (let k = 0; k < B; k++) R[a * B + k]! += d * Os[i * B + k]!;
    }
  const W = solve(G, R, J, B);
  const out = cloneSpec(spec);
  let se = 0;
  let so = 0;
  for (let i = 0; i < N; i++)
    for (let k = 0; k < B; k++) {
      let v = 0;
      for (let a = 0; a < J; a++) v += D[i * J + a]! * W[a * B + k]!;
      out.Os[i * B + k] = v;
      se += (Os[i * B + k]! - v) ** 2;
      so += Os[i * B + k]! ** 2;
    }
  return { spec: out, W, residual: so > 0 ? Math.sqrt(se / so) : 0 };
}

/** Solve G X = R (G: J x J symmetric positive definite, R: J x B) by Gauss-Jordan with partial pivoting. */
function solve(G: Float64Array, R: Float64Array, J: number, B: number): Float64Array {
  const A = Float64Array.from(G);
  const X = Float64Array.from(R);
  for (let c = 0; c < J; c++) {
    let piv = c;
    for (let r = c + 1; r < J; r++) if (Math.abs(A[r * J + c]!) > Math.abs(A[piv * J + c]!)) piv = r;
    if (Math.abs(A[piv * J + c]!) < 1e-300) throw new RangeError('decoders D do not span the state space: D^T D is singular');
    if (piv !== c) {
      for (let k = 0; k < J; k++) [A[c * J + k], A[piv * J + k]] = [A[piv * J + k]!, A[c * J + k]!];
      for (let k = 0; k < B; k++) [X[c * B + k], X[piv * B + k]] = [X[piv * B + k]!, X[c * B + k]!];
    }
    const p = A[c * J + c]!;
    for (let r = 0; r < J; r++) {
      if (r === c) continue;
      const f = A[r * J + c]! / p;
      if (f === 0) continue;
      for (let k = 0; k < J; k++) A[r * J + k]! -= f * A[c * J + k]!;
      for (let k = 0; k < B; k++) X[r * B + k]! -= f * X[c * B + k]!;
    }
  }
  for (let r = 0; r < J; r++) {
    const p = A[r * J + r]!;
    for (let k = 0; k < B; k++) X[r * B + k]! /= p;
  }
  return X;
}

// The slow weights in J-space. The local rule keeps Os = D^T W (DESIGN.md 2),
// so W is recovered by least squares through the J x J decoder Gram matrix:
// W = (D D^T)^-1 D Os (D here is N x J, row i = D_i).
import type { NetworkSpec } from './spec.js';

/** W (J x B, row-major) with D W ~= Os in the least-squares sense. */
export function decodeSlowWeights(spec: Pick<NetworkSpec, 'N' | 'J' | 'D' | 'Os'>): Float64Array {
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
  return solve(G, R, J, B);
}

/** Solve G X = R (G: J x J symmetric positive definite, R: J x B) by Gauss-Jordan with partial pivoting. */
export function solve(G: Float64Array, R: Float64Array, J: number, B: number): Float64Array {
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

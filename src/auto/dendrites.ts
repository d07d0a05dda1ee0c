// Dendrite gains that fit the normalised domain (DESIGN.md "automatic
// configuration"). The network can at best learn the least-squares fit of
// f(z) = G(z) + lam z on its basis Phi(z) = [tanh(M z + theta), z]; so each
// candidate gain range is scored by the held-out error of that fit (ridge
// regression on uniform samples of the box, same random dendrites as the
// network will get), and the best range is kept. The fit is weighted by
// 1 / (|G|^2 + (0.2 s)^2), s the field's RMS: what decides fixed-point
// positions and the time spent on slow stretches of a cycle is the field's
// error RELATIVE to its size where it is small, not the absolute error where
// it is large. Cheap (a B x B solve per candidate) and it says in advance how
// well the field can be represented.
import { fillBasis } from '../derived.js';
import { solve } from '../slow-weights.js';
import { createNetwork } from '../spec.js';
import type { DynamicalSystem } from '../systems/system.js';
import { boxSamples } from './probe.js';

/** Weighted fit error below which the linear terms alone are the basis (K = 0). */
export const LINEAR_FIT = 0.01;

export const GAIN_CANDIDATES: [number, number][] = [
  [0.5, 1.5],
  [1, 3],
  [2, 5],
  [3, 8],
];

/** Held-out weighted relative RMS error of the best basis fit of G + lam z, for given dendrites. */
export function basisFitError(sys: DynamicalSystem, K: number, gain: [number, number], lam: number, seed = 1, samples = 1500): number {
  const J = sys.dims;
  const spec = createNetwork({ dims: J, neurons: 1, dendrites: K, domain: sys.domain, gain, seed });
  const { M, theta } = spec.dendrites;
  const B = K + J;
  const phi = (z: Float64Array, out: Float64Array) => fillBasis(Math.tanh, K, J, B, M, theta, z, out);
  const fit = boxSamples(sys.domain, samples, 777);
  const test = boxSamples(sys.domain, 500, 778);
  const G = new Float64Array(J);
  // weight floor: the field's RMS over the fit samples
  let ms = 0;
  for (let s = 0; s < samples; s++) {
    sys.field(fit.subarray(s * J, (s + 1) * J), G);
    for (let j = 0; j < J; j++) ms += G[j]! ** 2;
  }
  const floor = (0.2 * Math.sqrt(ms / samples)) ** 2;
  const weight = () => {
    let g2 = 0;
    for (let j = 0; j < J; j++) g2 += G[j]! ** 2;
    return 1 / (g2 + floor);
  };
  const A = new Float64Array(B * B);
  const R = new Float64Array(B * J);
  const p = new Float64Array(B);
  for (let s = 0; s < samples; s++) {
    const z = fit.subarray(s * J, (s + 1) * J);
    phi(z, p);
    sys.field(z, G);
    const w = weight();
    for (let a = 0; a < B; a++) {
      for (let b = 0; b < B; b++) A[a * B + b] = A[a * B + b]! + w * p[a]! * p[b]!;
      for (let j = 0; j < J; j++) R[a * J + j] = R[a * J + j]! + w * p[a]! * (G[j]! + lam * z[j]!);
    }
  }
  let tr = 0;
  for (let a = 0; a < B; a++) tr += A[a * B + a]!;
  // ridge 1e-4 of the mean diagonal: the weights the network can reach are bounded too
  for (let a = 0; a < B; a++) A[a * B + a] = A[a * B + a]! + 1e-4 * (tr / B);
  const W = solve(A, R, B, J); // B x J
  let se = 0;
  let sf = 0;
  for (let s = 0; s < 500; s++) {
    const z = test.subarray(s * J, (s + 1) * J);
    phi(z, p);
    sys.field(z, G);
    const w = weight();
    for (let j = 0; j < J; j++) {
      let g = -lam * z[j]!;
      for (let a = 0; a < B; a++) g += W[a * J + j]! * p[a]!;
      se += w * (g - G[j]!) ** 2;
      sf += w * G[j]! ** 2;
    }
  }
  return Math.sqrt(se / Math.max(sf, 1e-300));
}

/** The candidate gain range with the smallest basis-fit error; within 5% of it, the one nearest the middle [1, 3]. */
export function chooseGain(sys: DynamicalSystem, K: number, lam: number, seed = 1): { gain: [number, number]; fitError: number; tried: { gain: [number, number]; fitError: number }[]; linearOnly: boolean } {
  // the simplest basis first: when the linear terms alone fit the field within
  // LINEAR_FIT, nonlinear dendrites would only add learned noise (a linear field)
  const lin = basisFitError(sys, 0, [1, 3], lam, seed);
  if (lin <= LINEAR_FIT) return { gain: [1, 3], fitError: lin, tried: [{ gain: [0, 0], fitError: lin }], linearOnly: true };
  const tried = GAIN_CANDIDATES.map((gain) => ({ gain, fitError: basisFitError(sys, K, gain, lam, seed) }));
  const least = Math.min(...tried.map((t) => t.fitError));
  const near = tried.filter((t) => t.fitError <= 1.05 * least);
  const best = near.reduce((a, t) => (Math.abs(t.gain[0] - 1) < Math.abs(a.gain[0] - 1) ? t : a));
  return { ...best, tried: [{ gain: [0, 0], fitError: lin }, ...tried], linearOnly: false };
}

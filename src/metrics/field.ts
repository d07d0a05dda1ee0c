// Vector-field error of the learned map: decode the slow weights into J-space,
// W = (D^T)^+ Os (the learning rule keeps Os = D^T W), and compare the learned
// field W Phi(x) - lam x with the true F(x) over the states the run visited.
import { fillBasis, phiFunction } from '../derived.js';
import type { NetworkSpec } from '../spec.js';
import type { DynamicalSystem } from '../systems/system.js';
import { decodeSlowWeights } from '../slow-weights.js';
import { boxSamples } from '../auto/probe.js';

/** RMS of one component of the true field over uniform samples of the domain box. */
export function fieldScale(sys: DynamicalSystem, samples = 1000): number {
  if (sys.auto) return sys.auto.probe.fieldScale;
  const J = sys.dims;
  const pts = boxSamples(sys.domain, samples);
  const F = new Float64Array(J);
  let s = 0;
  for (let q = 0; q < samples; q++) {
    sys.field(pts.subarray(q * J, (q + 1) * J), F);
    for (let j = 0; j < J; j++) s += F[j]! ** 2;
  }
  return Math.sqrt(s / samples / J);
}

export { decodeSlowWeights };

/**
 * The field the network learned, in its own (normalised) units: decode the
 * slow weights W = (D^T)^+ Os and return F(x) = W Phi(x) - lam x, the
 * readout's dynamics without spikes (DESIGN.md: the slow weights learn
 * f(x) + lam x). Integrating it (src/integrate.ts `simulate`) tells apart
 * what the weights learned from what spiking adds (`ebnkit field`, src/commands/field.ts).
 */
export function learnedField(spec: NetworkSpec): (x: ArrayLike<number>, F: Float64Array) => void {
  const { J, lam } = spec;
  const { K, M, theta } = spec.dendrites;
  const W = decodeSlowWeights(spec);
  const B = W.length / J;
  const phi = phiFunction(spec.dendrites.phi);
  const Phi = new Float64Array(B);
  return (x, F) => {
    fillBasis(phi, K, J, B, M, theta, x, Phi);
    for (let a = 0; a < J; a++) {
      let g = -lam * x[a]!;
      for (let q = 0; q < B; q++) g += W[a * B + q]! * Phi[q]!;
      F[a] = g;
    }
  };
}

/**
 * RMS error of the learned field over the given states (steps x J), relative
 * to the RMS of the true field over the whole domain box (not along the run:
 * near a fixed point the field is ~0 there and a relative error means nothing).
 */
export function vectorFieldError(spec: NetworkSpec, sys: DynamicalSystem, states: ArrayLike<number>, maxSamples = 2000): number {
  const J = spec.J;
  const learned = learnedField(spec);
  const n = states.length / J;
  const stride = Math.max(1, Math.floor(n / maxSamples));
  const F = new Float64Array(J);
  const G = new Float64Array(J);
  let se = 0;
  let count = 0;
  for (let s = 0; s < n; s += stride) {
    const x = Array.from({ length: J }, (_, j) => states[s * J + j]!);
    sys.field(x, F);
    learned(x, G);
    for (let a = 0; a < J; a++) se += (G[a]! - F[a]!) ** 2;
    count++;
  }
  return Math.sqrt(se / count / J) / fieldScale(sys);
}

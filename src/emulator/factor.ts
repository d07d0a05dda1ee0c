// The factored slow path: Os = D W. The local rule keeps Os in the span of
// the decoders (DESIGN.md 2) up to rounding; projecting onto that span gives
// W = (D^T D)^-1 D^T Os, so each neuron's slow drive is D_i . (W Phi) and a chip
// needs J slow-sum units instead of N*B slow synapses per step. The factor
// itself is the kernel's low-rank factor (src/kernel/lowrank.ts).
import { expandSlowWeights, factorSlowWeights as factor } from '../kernel/lowrank.js';
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
  const { W, residual } = factor(spec);
  const out = cloneSpec(spec);
  out.Os = expandSlowWeights(spec.D, W, spec.N, spec.J, spec.Os.length / spec.N);
  return { spec: out, W, residual };
}

// The factored slow path: Os = D W. The local rule keeps Os in the span of
// the decoders (DESIGN.md 2) up to rounding; projecting onto that span gives
// W = (D^T D)^-1 D^T Os, so each neuron's slow drive is D_i . (W Phi) and a chip
// needs J slow-sum units instead of N*B slow synapses per step.
import { cloneSpec, type NetworkSpec } from '../spec.js';
import { decodeSlowWeights } from '../slow-weights.js';

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
  const W = decodeSlowWeights(spec);
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

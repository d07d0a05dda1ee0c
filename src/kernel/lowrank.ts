// The low-rank factor of the slow weights (DESIGN.md section 2): the local
// rule keeps Os = D W (N x B = (N x J)(J x B)), so a network can be stored
// and run as W. From a NetworkSpec (which holds Os) the factor is the least-
// squares projection W = (D^T D)^-1 D^T Os (src/slow-weights.ts); a part of
// Os outside the span of D (e.g. the private rounding noise of a dense
// fixed-point learner) has no W and is reported as the residual. Going back,
// Os = D W is exact up to float64 rounding.
import { noiseAmplitude, type Derived } from '../derived.js';
import { decodeSlowWeights } from '../slow-weights.js';
import { basisSize, type NetworkSpec } from '../spec.js';

/** How a kernel executes the network: the dense local form, or through its factorizations. */
export type ExecutionMode = 'dense' | 'lowrank';
export const EXECUTION_MODES: readonly ExecutionMode[] = ['dense', 'lowrank'];

export interface SlowFactor {
  /** J x B, row-major. */
  W: Float64Array;
  /** |Os - D W|_F / |Os|_F (0 when Os = 0): the part of Os the factor cannot hold. */
  residual: number;
}

/** W = (D^T D)^-1 D^T Os (decodeSlowWeights), and how much of Os it leaves out. */
export function factorSlowWeights(spec: Pick<NetworkSpec, 'N' | 'J' | 'D' | 'Os'>): SlowFactor {
  const { N, J, D, Os } = spec;
  const B = Os.length / N;
  const W = decodeSlowWeights(spec);
  let res = 0;
  let norm = 0;
  for (let i = 0; i < N; i++) {
    for (let b = 0; b < B; b++) {
      let x = 0;
      for (let a = 0; a < J; a++) x += D[i * J + a]! * W[a * B + b]!;
      res += (Os[i * B + b]! - x) ** 2;
      norm += Os[i * B + b]! ** 2;
    }
  }
  return { W, residual: norm > 0 ? Math.sqrt(res / norm) : 0 };
}

/** Os = D W (N x B), the dense slow weights a factor stands for. */
export function expandSlowWeights(D: ArrayLike<number>, W: ArrayLike<number>, N: number, J: number, B: number): number[] {
  const Os = new Array<number>(N * B);
  for (let i = 0; i < N; i++) {
    for (let b = 0; b < B; b++) {
      let x = 0;
      for (let a = 0; a < J; a++) x += D[i * J + a]! * W[a * B + b]!;
      Os[i * B + b] = x;
    }
  }
  return Os;
}

/**
 * derive() without the N x N fast weights (Of is empty): thresholds
 * T_i = (|D_i|^2 + mu + nu) / 2 summed in derive()'s order, so they are the
 * same float64 values (checked in test/fastpath.test.ts).
 */
export function deriveLowRank(s: NetworkSpec): Derived {
  const { N, J, D, mu, nu } = s;
  const T = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let dot = 0;
    for (let j = 0; j < J; j++) dot += D[i * J + j]! * D[i * J + j]!;
    T[i] = (dot + mu + nu) / 2;
  }
  return { B: basisSize(s), Of: new Float64Array(0), T, noiseAmp: noiseAmplitude(s.noise, s.dt) };
}

// NIR, the Neuromorphic Intermediate Representation (neuromorphs/NIR): the
// network as a graph of NIR primitives, so that other simulators and chip
// toolchains can read it. Browser-safe: this builds plain data; nir-hdf5.ts
// writes it as NIR's HDF5 file.
//
// What NIR expresses exactly (continuous time, float weights):
//   input c (J) --Linear D^T (N x J)--> LIF neurons
//   LIF --Linear -Of, zero diagonal (N x N)--> LIF            fast connections
//   LIF --LI (tau 1/lam, r = tau)--> r --Linear D (J x N)--> xhat --> output
//   xhat --Linear Os_lin (N x J)--> LIF                         linear slow path
// LIF: tau = 1/lamV, r = tau (so dV/dt = -lamV V + I), v_leak 0, threshold T_i.
//
// What needs an extension (written into the file's metadata and docs/):
//   - the dendritic basis Phi_k = tanh(M_k . xhat + theta_k) and its slow
//     weights: NIR has Affine (M, theta) but no tanh node; M, theta and Os_K
//     are stored in metadata so nothing is lost;
//   - the subtractive reset V -= Of_ii: NIR's LIF resets to v_reset; we set
//     v_reset = T_i - Of_ii, which differs by the overshoot above threshold;
//   - the spike rule (winner / all / parallel with a one-step delay) and the
//     Euler step dt: NIR is continuous time and fires every unit above threshold;
//   - fixed point: the kernel image's integer formats (weights, state, LUT).
import { derive } from '../derived.js';
import type { NetworkSpec } from '../spec.js';

/** NIR's serialized version string this exporter follows (neuromorphs/NIR nir/serialization.py layout). */
export const NIR_FORMAT = 'nir-hdf5 (neuromorphs/NIR serialization.write layout)';

/** A dense array with its shape (row-major). */
export interface NirArray {
  shape: number[];
  data: Float64Array;
}

export type NirValue = NirArray | string | number;

export interface NirNode {
  type: 'Input' | 'Output' | 'Linear' | 'Affine' | 'LIF' | 'LI';
  [field: string]: NirValue;
}

export interface NirGraph {
  nodes: Record<string, NirNode>;
  edges: [string, string][];
  metadata: Record<string, NirValue>;
}

const arr = (shape: number[], f: (i: number) => number): NirArray => {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = f(i);
  return { shape, data };
};

/** The extension notes, one per feature NIR cannot express: stored in metadata and printed in docs/emulator.md. */
export const NIR_EXTENSIONS: Record<string, string> = {
  dendritic_basis:
    'Phi_k = tanh(M_k . xhat + theta_k), k < K, drives the neurons through Os[:, :K]. NIR has Affine (M, theta) but no tanh node: M, theta and Os_dendritic are stored here in metadata; a tanh (or generic pointwise nonlinearity) node would make the graph complete.',
  subtractive_reset:
    'ebnkit resets by V -= Of_ii (the fast connection diagonal). NIR LIF resets to v_reset; v_reset = T_i - Of_ii is exported, which differs by the overshoot above threshold at the spike.',
  spike_rule:
    "ebnkit steps in discrete time (Euler, dt) with a spike rule: 'winner' (one spike per step, needs a global arbiter), 'all' (same step) or 'parallel' (all above threshold, effects one step later). NIR is continuous time and fires every unit above threshold.",
  fixed_point:
    'The deployed network is the kernel image: integer weights (format in metadata), Q7.24 state, a tanh lookup table with interpolation, stochastic rounding. NIR stores the float weights of the spec.',
};

/** The NIR graph of a network: the linear part as NIR primitives, the rest in metadata. */
export function nirGraph(spec: NetworkSpec, o: { format?: string } = {}): NirGraph {
  const { N, J, D, Os } = spec;
  const { Of, T: thr } = derive(spec);
  const { K, M, theta, linear, phi } = spec.dendrites;
  const B = K + (linear ? J : 0);
  const tauV = 1 / spec.lamV;
  const tauR = 1 / spec.lam;
  const T = (i: number) => thr[i]!;
  const nodes: Record<string, NirNode> = {
    input: { type: 'Input', shape: arr([1], () => J) },
    input_weights: { type: 'Linear', weight: arr([N, J], (x) => D[Math.floor(x / J) * J + (x % J)]!) },
    neurons: {
      type: 'LIF',
      tau: arr([N], () => tauV),
      r: arr([N], () => tauV),
      v_leak: arr([N], () => 0),
      v_threshold: arr([N], T),
      v_reset: arr([N], (i) => T(i) - Of[i * N + i]!),
    },
    fast: { type: 'Linear', weight: arr([N, N], (x) => (Math.floor(x / N) === x % N ? 0 : -Of[x]!)) },
    trace: { type: 'LI', tau: arr([N], () => tauR), r: arr([N], () => tauR), v_leak: arr([N], () => 0) },
    readout: { type: 'Linear', weight: arr([J, N], (x) => D[(x % N) * J + Math.floor(x / N)]!) },
    output: { type: 'Output', shape: arr([1], () => J) },
  };
  const edges: [string, string][] = [
    ['input', 'input_weights'],
    ['input_weights', 'neurons'],
    ['neurons', 'fast'],
    ['fast', 'neurons'],
    ['neurons', 'trace'],
    ['trace', 'readout'],
    ['readout', 'output'],
  ];
  if (linear) {
    // Os[:, K + j] multiplies xhat_j: the linear slow path, exact in NIR
    nodes.slow_linear = { type: 'Linear', weight: arr([N, J], (x) => Os[Math.floor(x / J) * B + K + (x % J)]!) };
    edges.push(['readout', 'slow_linear'], ['slow_linear', 'neurons']);
  }
  const metadata: Record<string, NirValue> = {
    producer: 'ebnkit',
    format: NIR_FORMAT,
    ebnkit_dt: spec.dt,
    ebnkit_spike_rule: spec.policy,
    ebnkit_number_format: o.format ?? 'float64 spec (no fixed point)',
    ebnkit_dendrites_K: K,
    ebnkit_dendrites_phi: phi,
    ebnkit_linear_terms: linear ? 1 : 0,
    ...(K > 0
      ? {
          ebnkit_dendrite_M: arr([K, J], (x) => M[x]!),
          ebnkit_dendrite_theta: arr([K], (k) => theta[k]!),
          ebnkit_dendrite_Os: arr([N, K], (x) => Os[Math.floor(x / K) * B + (x % K)]!),
        }
      : {}),
    ...Object.fromEntries(Object.entries(NIR_EXTENSIONS).map(([k, v]) => [`extension_${k}`, v])),
  };
  return { nodes, edges, metadata };
}

// The network as a chip sees it: groups of units and who feeds whom.
//
//   neuron  (N)  integrate-and-fire units; inputs: every neuron (fast, Of) and
//                the slow drive (every basis unit, or the J slow sums)
//   basis   (B)  K nonlinear dendrites Phi_k = phi(M_k.xhat + theta_k) and, with
//                linear terms, J readouts xhat_j; each takes every neuron's
//                spikes (weights M D^T or D^T) into a trace with leak lam
//   slowsum (J)  only for the factored slow path: z = W Phi, with Os = D W
//
// Slow path 'dense' (what the kernel computes): each basis unit sends its value
// to every neuron every step, N*B synaptic events per step. 'factored': the
// basis values go to J slow-sum units (B*J events) whose outputs go to every
// neuron (J*N events); exact when Os lies in the span of D (see factor.ts).
import { C_WORDS, S_WORDS } from '../formats.js';
import { imageLayout } from '../image.js';
import type { NetworkSpec } from '../spec.js';

export type SlowPath = 'dense' | 'factored';
/**
 * How the basis units run: 'graded' = units with a tanh output sending graded
 * values (the kernel's form); 'spiking' = spiking compartments that fire
 * |phi| times per step on average (sigma-delta, at most once per step), the
 * form a chip without graded nonlinear units can run (capability.ts).
 */
export type DendriteForm = 'graded' | 'spiking';
export const SLOW_PATHS: readonly SlowPath[] = ['dense', 'factored'];
export type Group = 'neuron' | 'basis' | 'slowsum';
export const GROUPS: readonly Group[] = ['neuron', 'basis', 'slowsum'];

export interface NetworkShape {
  N: number;
  J: number;
  K: number;
  B: number;
  linear: boolean;
  slowPath: SlowPath;
  dendrites: DendriteForm;
  /** Units per group. */
  size: Record<Group, number>;
  /** Input groups of each group (all-to-all). */
  inputs: Record<Group, Group[]>;
}

export function networkShape(
  s: { N: number; J: number; K: number; linear: boolean },
  slowPath: SlowPath = 'dense',
  dendrites: DendriteForm = 'graded',
): NetworkShape {
  const B = s.K + (s.linear ? s.J : 0);
  return {
    N: s.N,
    J: s.J,
    K: s.K,
    B,
    linear: s.linear,
    slowPath,
    dendrites,
    size: { neuron: s.N, basis: B, slowsum: slowPath === 'factored' ? s.J : 0 },
    inputs: {
      neuron: ['neuron', slowPath === 'dense' ? 'basis' : 'slowsum'],
      basis: ['neuron'],
      slowsum: ['basis'],
    },
  };
}

export const shapeOf = (spec: NetworkSpec, slowPath: SlowPath = 'dense', dendrites: DendriteForm = 'graded'): NetworkShape =>
  networkShape({ N: spec.N, J: spec.J, K: spec.dendrites.K, linear: spec.dendrites.linear }, slowPath, dendrites);

/** Unit ids: neurons 0..N-1, then basis units, then slow sums. */
export function unitBase(shape: NetworkShape, g: Group): number {
  return g === 'neuron' ? 0 : g === 'basis' ? shape.size.neuron : shape.size.neuron + shape.size.basis;
}

export const unitCount = (shape: NetworkShape): number => shape.size.neuron + shape.size.basis + shape.size.slowsum;

/** Input axons one unit of group g needs (all-to-all inputs). */
export const unitFanIn = (shape: NetworkShape, g: Group): number => shape.inputs[g].reduce((a, h) => a + shape.size[h], 0);

/**
 * Bytes the kernel needs on a processor: the image, the state arrays and the
 * I/O of one step (a microcontroller runs one step per call).
 */
export function kernelMemoryBytes(N: number, J: number, K: number, linear: boolean): number {
  const B = K + (linear ? J : 0);
  const image = imageLayout(N, J, K, B).words * 4;
  const state = 4 * (6 * N + 2 * J + B); // V r alive g spikers (N each) xhat e (J) Phi (B)
  const io = 4 * 3 * J + 8 * N; // c, x, xhat for one step; spike buffer
  return image + state + 4 * S_WORDS + 8 * C_WORDS + io;
}

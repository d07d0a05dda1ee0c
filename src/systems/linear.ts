// Linear systems dx/dt = A x + c: the sanity anchor. With the linear dendrites
// Phi = xhat the ideal slow weights are known in closed form (DESIGN.md 2):
//   Os* = D^T (A + lam I)   (N x J),   i.e. D^T (A + lam I) D on r.
// A symmetric domain box normalises every dimension by the same factor, so
// the normalised system has the same A and the closed form still holds.
import type { NetworkSpec } from '../spec.js';
import { defineSystem, type SystemDefinition } from './define.js';
import type { DynamicalSystem } from './system.js';

/** The definition of dx/dt = A x + c (what linearSystem configures). */
export function linearDefinition(name: string, A: number[][], o: { description?: string; domain?: [number, number][] } = {}): SystemDefinition {
  const J = A.length;
  return {
    name,
    description: o.description ?? `linear system dx/dt = A x + c, A = ${JSON.stringify(A)}`,
    kind: 'linear',
    dims: J,
    f: (x) => A.map((row) => row.reduce((s, a, j) => s + a * x[j]!, 0)),
    domain: o.domain ?? Array.from({ length: J }, (): [number, number] => [-3, 3]),
    starts: Array.from({ length: J }, (): [number, number] => [-1, 1]),
  };
}

export function linearSystem(name: string, A: number[][], o: { description?: string; domain?: [number, number][] } = {}): DynamicalSystem & { A: number[][] } {
  return { ...defineSystem(linearDefinition(name, A, o)), A };
}

/** The damped oscillator of DESIGN.md's trials: A = 3 [[-1, -8], [1, 0]]. */
const DAMPED_A = [
  [-3, -24],
  [3, 0],
];
const DAMPED = { description: 'damped linear oscillator dx/dt = 3[[-1,-8],[1,0]] x + c (closed-form weights known)' };
/** Its definition alone (no configuration): cheap enough to label a menu. */
export const dampedOscillatorDefinition = (): SystemDefinition => linearDefinition('linear', DAMPED_A, DAMPED);
/**
 * The damped oscillator, configured. Marked pure: a bundle that never reads it
 * (the playground's page script) drops it, and with it an automatic
 * configuration at load.
 */
export const dampedOscillator = /* @__PURE__ */ linearSystem('linear', DAMPED_A, DAMPED);

/**
 * Closed-form slow weights for a spec whose basis ends with the linear terms:
 * the linear block gets D^T (A + lam I); the nonlinear dendrites get zero.
 */
export function idealLinearOs(spec: NetworkSpec, A: number[][]): number[] {
  const { N, J, D, lam } = spec;
  const K = spec.dendrites.K;
  if (!spec.dendrites.linear) throw new RangeError('dendrites.linear: closed-form weights need the linear terms in the basis');
  if (A.length !== J) throw new RangeError(`A is ${A.length}x?; expected ${J}x${J}`);
  const B = K + J;
  const Os = new Array<number>(N * B).fill(0);
  for (let i = 0; i < N; i++)
    for (let j = 0; j < J; j++) {
      let s = 0;
      for (let l = 0; l < J; l++) s += D[i * J + l]! * (A[l]![j]! + (l === j ? lam : 0));
      Os[i * B + K + j] = s;
    }
  return Os;
}

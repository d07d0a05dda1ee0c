// Linear systems dx/dt = A x + c: the sanity anchor. With the linear dendrites
// Phi = xhat the ideal slow weights are known in closed form (DESIGN.md 2):
//   Os* = D^T (A + lam I)   (N x J),   i.e. D^T (A + lam I) D on r.
import type { NetworkSpec } from '../spec.js';
import type { DynamicalSystem } from './system.js';

export function linearSystem(name: string, A: number[][], o: Partial<DynamicalSystem> = {}): DynamicalSystem & { A: number[][] } {
  const J = A.length;
  return {
    name,
    description: `linear system dx/dt = A x + c, A = ${JSON.stringify(A)}`,
    kind: 'linear',
    dims: J,
    A,
    field(x, out) {
      for (let i = 0; i < J; i++) {
        let s = 0;
        for (let j = 0; j < J; j++) s += A[i]![j]! * x[j]!;
        out[i] = s;
      }
    },
    domain: Array.from({ length: J }, (): [number, number] => [-3, 3]),
    starts: Array.from({ length: J }, (): [number, number] => [-1, 1]),
    inputStd: 8,
    inputTau: 0.05,
    timeScale: 1,
    command: (rnd, steps, dt) => stepsAndChirp(rnd, steps, dt, J, 8),
    // the linear terms alone can represent a linear field exactly
    network: { dendrites: 0, dt: 1e-4 },
    training: { duration: 60 },
    ...o,
  };
}

/** The damped oscillator of DESIGN.md's trials: A = 3 [[-1, -8], [1, 0]]. */
export const dampedOscillator = linearSystem('linear', [
  [-3, -24],
  [3, 0],
], {
  description: 'damped linear oscillator dx/dt = 3[[-1,-8],[1,0]] x + c (closed-form weights known)',
});

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

/** Commands unlike the training input (steps plus a chirp), for testing on unseen input. */
export function stepsAndChirp(rnd: import('../random.js').Random, steps: number, dt: number, J = 2, amp = 10): Float64Array {
  const c = new Float64Array(steps * J);
  for (let j = 0; j < J; j++) {
    let level = 0;
    let until = 0;
    const f0 = rnd.range(0.3, 1);
    for (let s = 0; s < steps; s++) {
      if (s >= until) {
        level = rnd.range(-amp, amp);
        until = s + Math.round(rnd.range(0.2, 0.6) / dt);
      }
      const t = s * dt;
      c[s * J + j] = 0.6 * level + 0.5 * amp * Math.sin(2 * Math.PI * (f0 + 0.5 * t) * t + j);
    }
  }
  return c;
}

// A bistable system: a double well in x1 and a stable x2,
//   tau dx1/dt = x1 - x1^3,   tau dx2/dt = -x2,
// with stable fixed points (+-1, 0) and a saddle at the origin. Which basin a
// start falls into is decided by the sign of x1: the network has to learn the
// separatrix, not just the attractors.
import type { DynamicalSystem } from './system.js';

export function bistable(tau = 0.1): DynamicalSystem & { fixedPoints: number[][] } {
  return {
    name: 'bistable',
    description: `double well: tau dx1/dt = x1 - x1^3, tau dx2/dt = -x2 (tau ${tau} s), fixed points (+-1, 0)`,
    kind: 'fixed-points',
    dims: 2,
    fixedPoints: [
      [1, 0],
      [-1, 0],
    ],
    field(x, out) {
      const a = x[0]!;
      out[0] = (a - a * a * a) / tau;
      out[1] = -x[1]! / tau;
    },
    domain: [
      [-1.6, 1.6],
      [-1.6, 1.6],
    ],
    starts: [
      [-1.4, 1.4],
      [-1.2, 1.2],
    ],
    inputStd: 3,
    inputTau: 0.1,
    timeScale: 10 * tau,
  };
}

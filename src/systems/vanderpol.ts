// Van der Pol oscillator, mu = 1, on a time scale tau:
//   tau dx1/dt = x2,   tau dx2/dt = mu (1 - x1^2) x2 - x1
// The limit cycle has amplitude ~2.01 in x1 and period ~6.663 tau. Only the
// definition lives here: everything training needs is derived by src/auto/.
import { defineSystem, type SystemDefinition } from './define.js';
import type { DynamicalSystem } from './system.js';

export function vanDerPolDefinition(mu = 1, tau = 0.15): SystemDefinition {
  return {
    name: 'vanderpol',
    description: `Van der Pol oscillator, mu=${mu}, time scale ${tau} s (period ~${(6.663 * tau).toFixed(2)} s)`,
    kind: 'limit-cycle',
    dims: 2,
    f: ([x1, x2]) => [x2! / tau, (mu * (1 - x1! * x1!) * x2! - x1!) / tau],
    domain: [
      [-2.6, 2.6],
      [-3.6, 3.6],
    ],
    starts: [
      [-2.2, 2.2],
      [-3, 3],
    ],
  };
}

export const vanDerPol = (mu = 1, tau = 0.15): DynamicalSystem => defineSystem(vanDerPolDefinition(mu, tau));

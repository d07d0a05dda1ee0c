// A bistable system: a double well in x1 and a stable x2, in state units
// scaled by `scale` (fixed points at +-scale):
//   tau da/dt = a - a^3,   tau db/dt = -b,   (a, b) = (x1, x2) / scale
// Stable fixed points (+-scale, 0), a saddle at the origin: the network has to
// learn the separatrix, not just the attractors. Definition only (src/auto/).
import { defineSystem, type SystemDefinition } from './define.js';
import type { DynamicalSystem } from './system.js';

export function bistableDefinition(tau = 0.1, scale = 2): SystemDefinition {
  return {
    name: 'bistable',
    description: `double well: tau da/dt = a - a^3, tau db/dt = -b (tau ${tau} s, state x ${scale}), fixed points (+-${scale}, 0)`,
    kind: 'fixed-points',
    dims: 2,
    f: ([x1, x2]) => {
      const a = x1! / scale;
      return [(scale * (a - a * a * a)) / tau, -x2! / tau];
    },
    domain: [
      [-1.6 * scale, 1.6 * scale],
      [-1.6 * scale, 1.6 * scale],
    ],
    starts: [
      [-1.4 * scale, 1.4 * scale],
      [-1.2 * scale, 1.2 * scale],
    ],
  };
}

export const bistable = (tau = 0.1, scale = 2): DynamicalSystem => defineSystem(bistableDefinition(tau, scale));

// A bistable system: a double well in x1 and a stable x2, in state units
// scaled by `scale` (fixed points at +-scale, a few decoder lengths away):
//   tau da/dt = a - a^3,   tau db/dt = -b,   (a, b) = (x1, x2) / scale
// Stable fixed points (+-scale, 0), a saddle at the origin. Which basin a
// start falls into is decided by the sign of x1: the network has to learn the
// separatrix, not just the attractors.
import type { DynamicalSystem } from './system.js';

export function bistable(tau = 0.1, scale = 2): DynamicalSystem & { fixedPoints: number[][] } {
  return {
    name: 'bistable',
    description: `double well: tau da/dt = a - a^3, tau db/dt = -b (tau ${tau} s, state x ${scale}), fixed points (+-${scale}, 0)`,
    kind: 'fixed-points',
    dims: 2,
    fixedPoints: [
      [scale, 0],
      [-scale, 0],
    ],
    field(x, out) {
      const a = x[0]! / scale;
      out[0] = (scale * (a - a * a * a)) / tau;
      out[1] = -x[1]! / tau;
    },
    domain: [
      [-1.6 * scale, 1.6 * scale],
      [-1.6 * scale, 1.6 * scale],
    ],
    starts: [
      [-1.4 * scale, 1.4 * scale],
      [-1.2 * scale, 1.2 * scale],
    ],
    inputStd: 3 * scale,
    inputTau: 0.1,
    timeScale: 10 * tau,
    // a little voltage noise keeps the spiking irregular while the state sits on a fixed point;
    // steeper dendrites (gain 2-5) fit the cubic well near the fixed points (1% vs 6% error)
    network: { dt: 2.5e-4, noise: 0.002, gain: [2, 5] },
  };
}

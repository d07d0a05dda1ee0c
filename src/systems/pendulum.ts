// A damped pendulum driven by a torque command u(t):
//   tau dtheta/dt = omega,   tau domega/dt = -sin(theta) - b omega + tau u
// The command enters as c = (0, u). Training explores with the automatic
// confined input; evaluation uses commands never seen in training (steps and
// a chirp), given here because they define what the pendulum is used for.
import type { Random } from '../random.js';
import { defineSystem, type SystemDefinition } from './define.js';
import type { DynamicalSystem } from './system.js';

export function pendulumDefinition(tau = 0.1, damping = 0.5): SystemDefinition {
  return {
    name: 'pendulum',
    description: `damped pendulum under torque: tau dtheta/dt = omega, tau domega/dt = -sin(theta) - ${damping} omega + tau u (tau ${tau} s)`,
    kind: 'driven',
    dims: 2,
    f: ([th, om]) => [om! / tau, (-Math.sin(th!) - damping * om!) / tau],
    domain: [
      [-2, 2],
      [-1.6, 1.6],
    ],
    starts: [
      [-1, 1],
      [-1, 1],
    ],
    command: (rnd, steps, dt) => unseenTorque(rnd, steps, dt),
  };
}

export const pendulum = (tau = 0.1, damping = 0.5): DynamicalSystem => defineSystem(pendulumDefinition(tau, damping));

/**
 * Commands of a kind training never used: piecewise-constant torque steps
 * with random levels and durations, plus a chirp, on input dimension 2.
 */
export function unseenTorque(rnd: Random, steps: number, dt: number, scale = 1): Float64Array {
  const c = new Float64Array(steps * 2);
  let level = 0;
  let until = 0;
  for (let s = 0; s < steps; s++) {
    if (s >= until) {
      level = rnd.range(-6, 6);
      until = s + Math.round(rnd.range(0.2, 0.6) / dt);
    }
    const t = s * dt;
    c[2 * s + 1] = scale * (level + 3 * Math.sin(2 * Math.PI * (0.3 + 0.4 * t) * t));
  }
  return c;
}

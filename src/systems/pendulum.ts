// A damped pendulum driven by a torque command u(t):
//   dtheta/dt = omega / tau,   domega/dt = (-sin(theta) - b omega) / tau + u
// The command enters as c = (0, u). Training uses smooth random torques;
// evaluation uses commands never seen in training (steps and chirps).
import type { Random } from '../random.js';
import type { DynamicalSystem } from './system.js';

export function pendulum(tau = 0.1, damping = 0.5): DynamicalSystem {
  return {
    name: 'pendulum',
    description: `damped pendulum under torque: tau dtheta/dt = omega, tau domega/dt = -sin(theta) - ${damping} omega, + command u (tau ${tau} s)`,
    kind: 'driven',
    dims: 2,
    field(x, out) {
      out[0] = x[1]! / tau;
      out[1] = (-Math.sin(x[0]!) - damping * x[1]!) / tau;
    },
    domain: [
      [-2.5, 2.5],
      [-2.5, 2.5],
    ],
    starts: [
      [-1, 1],
      [-1, 1],
    ],
    inputStd: 12,
    inputTau: 0.1,
    timeScale: 2 * Math.PI * tau,
    command: unseenTorque,
  };
}

/**
 * Commands of a kind training never used: piecewise-constant torque steps
 * with random levels and durations, plus a slow chirp, on input dimension 2.
 */
export function unseenTorque(rnd: Random, steps: number, dt: number): Float64Array {
  const c = new Float64Array(steps * 2);
  let level = 0;
  let until = 0;
  for (let s = 0; s < steps; s++) {
    if (s >= until) {
      level = rnd.range(-8, 8);
      until = s + Math.round(rnd.range(0.2, 0.6) / dt);
    }
    const t = s * dt;
    c[2 * s + 1] = level + 4 * Math.sin(2 * Math.PI * (0.3 + 0.4 * t) * t);
  }
  return c;
}

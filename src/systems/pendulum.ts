// A damped pendulum driven by a torque command u(t), in state units scaled by
// `scale` so the swing spans a few decoder lengths (finer readout):
//   (theta, omega) = (x1, x2) / scale
//   tau dtheta/dt = omega,   tau domega/dt = -sin(theta) - b omega + tau u
// The command enters as c = (0, scale u). Training uses smooth random inputs;
// evaluation uses commands never seen in training (steps and chirps).
import type { Random } from '../random.js';
import type { DynamicalSystem } from './system.js';

export function pendulum(tau = 0.1, damping = 0.5, scale = 2): DynamicalSystem {
  return {
    name: 'pendulum',
    description: `damped pendulum under torque: tau dtheta/dt = omega, tau domega/dt = -sin(theta) - ${damping} omega + tau u (tau ${tau} s, state x ${scale})`,
    kind: 'driven',
    dims: 2,
    field(x, out) {
      out[0] = x[1]! / tau;
      out[1] = (-scale * Math.sin(x[0]! / scale) - damping * x[1]!) / tau;
    },
    domain: [
      [-2 * scale, 2 * scale],
      [-1.6 * scale, 1.6 * scale],
    ],
    starts: [
      [-scale, scale],
      [-scale, scale],
    ],
    // strong enough to explore, weak enough that the pendulum does not spin over
    inputStd: 3 * scale,
    inputTau: 0.1,
    timeScale: 2 * Math.PI * tau,
    command: (rnd, steps, dt) => unseenTorque(rnd, steps, dt, scale),
    network: { dt: 2.5e-4 },
  };
}

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

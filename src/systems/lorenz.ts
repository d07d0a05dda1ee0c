// The Lorenz system (sigma 10, rho 28, beta 8/3), scaled so the attractor fits
// the decoders and the kernel's range: u = (x, y, z - 25) / 10, and slowed by
// a time scale tau (natural time t' = t / tau):
//   tau du1/dt = sigma (u2 - u1)
//   tau du2/dt = u1 (rho - 25 - 10 u3) - u2      (x (rho - z) - y, rescaled)
//   tau du3/dt = 10 u1 u2 - beta (u3 + 2.5)
import type { DynamicalSystem } from './system.js';

export function lorenz(tau = 1, sigma = 10, rho = 28, beta = 8 / 3): DynamicalSystem {
  return {
    name: 'lorenz',
    description: `Lorenz (sigma ${sigma}, rho ${rho}, beta ${beta.toFixed(3)}) scaled by 1/10 around z = 25, time scale ${tau}`,
    kind: 'chaotic',
    dims: 3,
    field(u, out) {
      const a = u[0]!;
      const b = u[1]!;
      const c = u[2]!;
      out[0] = (sigma * (b - a)) / tau;
      out[1] = (a * (rho - 25 - 10 * c) - b) / tau;
      out[2] = (10 * a * b - beta * (c + 2.5)) / tau;
    },
    domain: [
      [-2.2, 2.2],
      [-2.8, 2.8],
      [-2.4, 2.4],
    ],
    starts: [
      [-1.5, 1.5],
      [-2, 2],
      [-1.5, 1.5],
    ],
    // the attractor explores itself: a weak input, many trials
    inputStd: 1,
    inputTau: 0.05,
    timeScale: tau,
    // steep dendrites and the factored (low-rank) learning, whose rounding and
    // spike noise stay in readout space: 3000 s of training fit the field to ~5%
    network: { neurons: 100, dendrites: 100, dt: 5e-4, gain: [2, 5] },
    training: { duration: 3000, k: 40, eta: 10 },
    mode: 'lowrank',
  };
}

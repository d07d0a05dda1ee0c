// The Lorenz system (sigma 10, rho 28, beta 8/3) in its own units, slowed by a
// time scale tau (natural time t' = t / tau):
//   tau dx/dt = sigma (y - x),  tau dy/dt = x (rho - z) - y,  tau dz/dt = x y - beta z
// The automatic normalisation (src/auto/normalise.ts) maps the box around the
// attractor to the network's order-1 range; nothing else is set here.
import { defineSystem, type SystemDefinition } from './define.js';
import type { DynamicalSystem } from './system.js';

export function lorenzDefinition(tau = 1, sigma = 10, rho = 28, beta = 8 / 3): SystemDefinition {
  return {
    name: 'lorenz',
    description: `Lorenz (sigma ${sigma}, rho ${rho}, beta ${beta.toFixed(3)}), time scale ${tau}`,
    kind: 'chaotic',
    dims: 3,
    f: ([x, y, z]) => [(sigma * (y! - x!)) / tau, (x! * (rho - z!) - y!) / tau, (x! * y! - beta * z!) / tau],
    domain: [
      [-22, 22],
      [-28, 28],
      [1, 49],
    ],
    starts: [
      [-15, 15],
      [-20, 20],
      [10, 40],
    ],
  };
}

export const lorenz = (tau = 1, sigma = 10, rho = 28, beta = 8 / 3): DynamicalSystem => defineSystem(lorenzDefinition(tau, sigma, rho, beta));

// Smooth random input: white noise through two cascaded first-order low-pass
// filters (time constant tau), scaled to a given standard deviation. With unit
// white noise the second filter's stationary variance is 1/(4 tau)
// (integral of |1/(1+i w tau)|^4 dw/2pi), which sets the gain.
import { Random } from './random.js';

export function smoothNoise(rnd: Random, steps: number, dims: number, dt: number, tau: number, std: number): Float64Array {
  const out = new Float64Array(steps * dims);
  const a = dt / tau;
  const gain = std * Math.sqrt(4 * tau);
  const burn = Math.ceil((5 * tau) / dt); // reach the stationary distribution first
  const sw = 1 / Math.sqrt(dt);
  for (let j = 0; j < dims; j++) {
    let y1 = 0;
    let y2 = 0;
    for (let n = -burn; n < steps; n++) {
      y1 += a * (-y1 + rnd.normal() * sw);
      y2 += a * (-y2 + y1);
      if (n >= 0) out[n * dims + j] = gain * y2;
    }
  }
  return out;
}

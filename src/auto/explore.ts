// Exploration that cannot leave the domain (DESIGN.md "automatic
// configuration"). A training trial drives the true system with
//   c(t) = sigma xi(t) + b(z),
// xi smooth unit noise (correlation time tau) and b a confining input that is
// zero in the inner 80% of the box and grows linearly to kappa at its faces,
// per dimension, pointing inward. kappa exceeds the largest |G_j| over the box
// plus 4 sigma, so at a face the net velocity always points inward: no trial
// can leave the box or make the target diverge, whatever the field does
// outside. c is computed at the start of each step and held over it (the
// network sees the same c for its whole Euler step); the target is integrated
// by RK4, and a step that moves farther than a tenth of the box is refused
// (the field is too stiff for this dt: a clear error instead of a wrong target).
import type { Random } from '../random.js';
import { smoothNoise } from '../signals.js';
import type { DynamicalSystem } from '../systems/system.js';
import { rk4Increment, rk4Work } from '../integrate.js';
import { Z } from './normalise.js';

export interface Confinement {
  sigma: number;
  tau: number;
  /** Confining input at a face of the box, per dimension. */
  kappa: number[];
}

/** The confining input b(z) for one dimension. */
export function confine(z: number, kappa: number): number {
  const inner = 0.8 * Z;
  const a = Math.abs(z);
  if (a <= inner) return 0;
  return -Math.sign(z) * kappa * Math.min(2, (a - inner) / (Z - inner));
}

export function explorer(sys: Pick<DynamicalSystem, 'name' | 'dims' | 'field'>, o: Confinement) {
  const J = sys.dims;
  const w = rk4Work(J);
  const s = new Float64Array(J);
  const cc = new Float64Array(J);
  const f = (y: Float64Array, out: Float64Array) => {
    sys.field(y, out);
    for (let j = 0; j < J; j++) out[j] = out[j]! + cc[j]!;
  };
  return (rnd: Random, x0: number[], steps: number, dt: number): { x: Float64Array; c: Float64Array } => {
    const c = smoothNoise(rnd, steps, J, dt, o.tau, o.sigma);
    const x = new Float64Array(steps * J);
    s.set(x0);
    for (let n = 0; n < steps; n++) {
      x.set(s, n * J);
      for (let j = 0; j < J; j++) {
        c[n * J + j] = c[n * J + j]! + confine(s[j]!, o.kappa[j]!);
        cc[j] = c[n * J + j]!;
      }
      rk4Increment(f, s, dt, w);
      for (let j = 0; j < J; j++) {
        const d = w.d[j]!;
        if (!(Math.abs(d) < 0.2 * Z)) throw new RangeError(`system ${sys.name}: one RK4 step of dt = ${dt} s moved dimension ${j} by ${d} (normalised units, box half-width ${Z}): the field is too stiff for this dt; give a smaller dt (network.dt) or a timeScale`);
        s[j] = s[j]! + d;
      }
    }
    return { x, c };
  };
}

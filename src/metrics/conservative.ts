// Conservative systems (neutral orbits, e.g. an undamped oscillator or
// Lotka-Volterra): the flow keeps an invariant H, so the error that matters is
// how fast the network's orbit drifts from one level of H to another.
//  - invariant drift: |<H> over the last period - <H> over the first| divided
//    by the periods in between and by `scale` (the spread of H over the
//    starts box: the range of orbits the system is used on); averaging over a
//    period removes the spike jitter. Without a given H, the per-cycle
//    amplitude of coordinate 0 stands in for it (scale: the true amplitude).
//  - orbit closure: median distance between the states at successive upward
//    crossings of coordinate 0's midline, relative to the orbit's half-range.
import { boxSamples } from '../auto/probe.js';
import { cycleStats } from '../evaluate.js';
import type { DynamicalSystem } from '../systems/system.js';

/** Mean of the invariant H over `p` samples of the trajectory from sample `from`. */
export function invariantMean(traj: ArrayLike<number>, J: number, H: (x: number[]) => number, from: number, p: number): number {
  let s = 0;
  for (let q = from; q < from + p; q++) s += H(Array.from({ length: J }, (_, j) => traj[q * J + j]!));
  return s / p;
}

/** Std of the invariant over uniform samples of the starts box: the spread of orbit levels in use, what invariantDrift is relative to. */
export function invariantSpread(sys: DynamicalSystem): number {
  const J = sys.dims;
  const pts = boxSamples(sys.starts, 500, 99);
  const h: number[] = [];
  for (let q = 0; q < 500; q++) h.push(sys.invariant!(Array.from(pts.subarray(q * J, (q + 1) * J))));
  const m = h.reduce((a, b) => a + b, 0) / h.length;
  return Math.sqrt(h.reduce((a, b) => a + (b - m) ** 2, 0) / h.length);
}

export function invariantDrift(traj: ArrayLike<number>, J: number, dt: number, period: number, H: (x: number[]) => number, scale: number): number {
  const n = Math.floor(traj.length / J);
  const p = Math.max(1, Math.round(period / dt));
  if (!(n >= 2 * p) || !(scale > 0)) return Infinity;
  const periods = (n - p) / p;
  return Math.abs(invariantMean(traj, J, H, n - p, p) - invariantMean(traj, J, H, 0, p)) / periods / scale;
}

/** Amplitude drift of coordinate 0 per cycle, relative to `amplitude` (when no invariant is given). */
export function amplitudeDrift(traj: ArrayLike<number>, J: number, dt: number, period: number, amplitude: number): number {
  const n = Math.floor(traj.length / J);
  const p = Math.max(1, Math.round(period / dt));
  if (!(n >= 2 * p)) return Infinity;
  const half = (from: number) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let q = from; q < from + p; q++) {
      lo = Math.min(lo, traj[q * J]!);
      hi = Math.max(hi, traj[q * J]!);
    }
    return (hi - lo) / 2;
  };
  return Math.abs(half(n - p) - half(0)) / ((n - p) / p) / amplitude;
}

export function orbitClosure(traj: ArrayLike<number>, J: number, dt: number): number {
  const n = Math.floor(traj.length / J);
  const c = cycleStats(traj, J, dt, 0, 0);
  if (c.cycles < 1) return Infinity;
  let lo = Infinity;
  let hi = -Infinity;
  for (let s = 0; s < n; s++) {
    lo = Math.min(lo, traj[s * J]!);
    hi = Math.max(hi, traj[s * J]!);
  }
  const mid = (lo + hi) / 2;
  const h = (hi - lo) / 8;
  const at: number[] = [];
  let armed = false;
  for (let s = 1; s < n; s++) {
    const a = traj[(s - 1) * J]! - mid;
    const b = traj[s * J]! - mid;
    if (b < -h) armed = true;
    if (armed && a < 0 && b >= 0) {
      at.push(s);
      armed = false;
    }
  }
  const d: number[] = [];
  for (let q = 1; q < at.length; q++) {
    let s2 = 0;
    for (let j = 0; j < J; j++) s2 += (traj[at[q]! * J + j]! - traj[at[q - 1]! * J + j]!) ** 2;
    d.push(Math.sqrt(s2));
  }
  if (!d.length) return Infinity;
  d.sort((a, b) => a - b);
  return d[d.length >> 1]! / ((hi - lo) / 2);
}

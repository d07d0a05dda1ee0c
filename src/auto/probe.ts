// What the field itself says about its scales (DESIGN.md "automatic
// configuration"), measured on the normalised system over its domain box:
//  - speed: |G(z)| at uniform samples of the box (RMS, median and 90th centile);
//  - rate: |G(z)| / Z, the inverse time to cross the box at the typical speed,
//    whose 2 pi / rate is the characteristic time when nothing better is known;
//  - for oscillating kinds, the period of a probe simulation (RK4) replaces it.
import { cycleStats } from '../evaluate.js';
import { simulate } from '../integrate.js';
import { Random } from '../random.js';
import type { DynamicalSystem } from '../systems/system.js';
import { Z } from './normalise.js';

export interface FieldProbe {
  /** RMS of one component of G over the box (normalised units per s). */
  fieldScale: number;
  /** Median of |G| over the box; 90th centile over the box, or along trajectories for kinds that move on their own. */
  speedMedian: number;
  speed90: number;
  /** Characteristic rate, 1/s (median speed / Z). */
  rate: number;
  /** Characteristic time, s: the probe period for oscillators, else 2 pi / rate. */
  timeScale: number;
  /** The probe simulation's period, s (NaN if it found none). */
  period: number;
  /** Per-dimension RMS of G over the box (for the command generator and exploration). */
  fieldRms: number[];
  /** Largest |G_j| over the box, per dimension (confinement must beat it). */
  fieldMax: number[];
}

/** Uniform samples of the box, fixed seed (the probe must be reproducible). */
export function boxSamples(domain: [number, number][], n: number, seed = 12345): Float64Array {
  const rnd = new Random(seed);
  const J = domain.length;
  const out = new Float64Array(n * J);
  for (let s = 0; s < n; s++) for (let j = 0; j < J; j++) out[s * J + j] = rnd.range(domain[j]![0], domain[j]![1]);
  return out;
}

const centile = (a: number[], q: number) => {
  const s = [...a].sort((p, r) => p - r);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

export function probeField(sys: DynamicalSystem, samples = 2000): FieldProbe {
  const J = sys.dims;
  const pts = boxSamples(sys.domain, samples);
  const G = new Float64Array(J);
  const speeds: number[] = [];
  const sq = new Array<number>(J).fill(0);
  const mx = new Array<number>(J).fill(0);
  for (let s = 0; s < samples; s++) {
    sys.field(pts.subarray(s * J, (s + 1) * J), G);
    if (!G.every(Number.isFinite)) throw new RangeError(`system ${sys.name}: the field is not finite at ${Array.from(pts.subarray(s * J, (s + 1) * J)).map((v) => v.toFixed(3)).join(', ')} (normalised units) inside the domain`);
    let n2 = 0;
    for (let j = 0; j < J; j++) {
      n2 += G[j]! ** 2;
      sq[j] = sq[j]! + G[j]! ** 2;
      mx[j] = Math.max(mx[j]!, Math.abs(G[j]!));
    }
    speeds.push(Math.sqrt(n2));
  }
  const fieldRms = sq.map((v) => Math.sqrt(v / samples));
  const fieldScale = Math.sqrt(sq.reduce((a, b) => a + b, 0) / samples / J);
  const speedMedian = centile(speeds, 0.5);
  const rate = Math.max(1e-6, speedMedian / Z);
  let timeScale = (2 * Math.PI) / rate;
  let period = NaN;
  let speed90 = centile(speeds, 0.9);
  if (sys.kind === 'limit-cycle' || sys.kind === 'conservative') {
    period = probePeriod(sys, timeScale);
    if (Number.isFinite(period)) timeScale = period;
  }
  // Systems that move on their own (cycles, chaos, neutral orbits) are trained
  // with a weak input, so the speeds that matter are those along their own
  // trajectories, not at the corners of the box.
  if (sys.kind === 'limit-cycle' || sys.kind === 'conservative' || sys.kind === 'chaotic') {
    const along = trajectorySpeeds(sys, timeScale);
    if (along.length) speed90 = centile(along, 0.9);
  }
  return { fieldScale, speedMedian, speed90, rate, timeScale, period, fieldRms, fieldMax: mx };
}

/** |G| along true trajectories from 8 starts (fixed seed), 5 time scales each; empty if any leaves the box. */
function trajectorySpeeds(sys: DynamicalSystem, T: number): number[] {
  const J = sys.dims;
  const rnd = new Random(4321);
  const dt = Math.min(T / 400, 1e-3);
  const G = new Float64Array(J);
  const out: number[] = [];
  for (let q = 0; q < 8; q++) {
    const x0 = sys.starts.map(([lo, hi]) => rnd.range(lo, hi));
    const { x } = simulate(sys, x0, Math.round((5 * T) / dt), dt);
    for (let s = 0; s < x.length / J; s += 10) {
      const z = x.subarray(s * J, (s + 1) * J);
      if (!z.every((v, j) => v >= sys.domain[j]![0] && v <= sys.domain[j]![1])) return [];
      sys.field(z, G);
      out.push(Math.hypot(...G));
    }
  }
  return out;
}

/** Period of coordinate 0 from a start inside the starts box, after transients (RK4, 40 characteristic times). */
function probePeriod(sys: DynamicalSystem, guess: number): number {
  const x0 = sys.starts.map(([lo, hi]) => lo + 0.7 * (hi - lo));
  const dt = Math.min(guess / 400, 1e-3);
  const duration = 40 * guess;
  const { x } = simulate(sys, x0, Math.round(duration / dt), dt);
  if (!x.every(Number.isFinite)) return NaN;
  const c = cycleStats(x, sys.dims, dt, 0, duration / 2);
  return c.cycles >= 3 ? c.period : NaN;
}

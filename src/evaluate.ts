// Free-running evaluation (DESIGN.md section 6): after a short lead-in with
// error feedback that puts the network on the target's state, feedback and
// learning are turned off and the network runs on its own.
import type { Executor } from './executor.js';
import { simulate } from './integrate.js';
import { Random } from './random.js';
import { leadIn } from './time-stretch.js';
import type { DynamicalSystem } from './systems/system.js';

export interface FreeRun {
  dt: number;
  J: number;
  /** Readout during the free run, steps x J. */
  xhat: Float64Array;
  /** The true system from the state at switch-off, same steps. */
  x: Float64Array;
  spikeSteps: Uint32Array;
  spikeNeurons: Uint32Array;
  /** Step (since reset) at which the free run started. */
  start: number;
  aliveCount: number;
}

export interface FreeRunOptions {
  x0: ArrayLike<number>;
  duration: number;
  /** Feedback-on lead-in, s (default: leadIn(), src/time-stretch.ts). */
  leadIn?: number;
  /** Feedback gain during the lead-in. */
  k?: number;
  /** Neurons to kill before the run. */
  kill?: Iterable<number>;
  seed?: number;
  /** Input c(t) during the free run (steps x J), given to the network and the true system alike. */
  c?: Float64Array;
  /** Voltage noise sigma during the run (default: the network's own). */
  noise?: number;
}

export function freeRun(ex: Executor, sys: DynamicalSystem, o: FreeRunOptions): FreeRun {
  const dt = ex.dt;
  const J = ex.J;
  const lead0 = leadIn(sys.timeScale);
  const lead = Math.round((o.leadIn ?? lead0.seconds) / dt);
  const steps = Math.round(o.duration / dt);
  ex.reset(o.seed);
  for (const i of o.kill ?? []) ex.setAlive(i, false);
  ex.setTunables({ k: o.k ?? lead0.k, eta: 0, ...(o.noise !== undefined ? { noise: o.noise } : {}) });
  const led = simulate(sys, o.x0, lead, dt);
  ex.run({ steps: lead, x: led.x, feedback: true });
  const res = ex.run({ steps, record: true, ...(o.c ? { c: o.c } : {}) });
  const truth = simulate(sys, led.final, steps, dt, o.c);
  const alive = ex.state().alive.reduce((a, b) => a + b, 0);
  return { dt, J, xhat: res.xhat!, x: truth.x, spikeSteps: res.spikeSteps, spikeNeurons: res.spikeNeurons, start: lead, aliveCount: alive };
}

export interface CycleStats {
  period: number;
  amplitude: number;
  cycles: number;
}

/**
 * Period and amplitude of an oscillation in coordinate `coord` after `skip`
 * seconds: upward crossings of the signal's midline, with hysteresis of a
 * quarter of the half-range so that spike jitter cannot make extra crossings;
 * crossing times interpolated linearly; amplitude = mean half peak-to-peak per cycle.
 */
export function cycleStats(traj: ArrayLike<number>, J: number, dt: number, coord = 0, skip = 0): CycleStats {
  const n0 = Math.round(skip / dt);
  const n = Math.floor(traj.length / J);
  if (n - n0 < 3) return { period: NaN, amplitude: NaN, cycles: 0 };
  let lo = Infinity;
  let hi = -Infinity;
  for (let s = n0; s < n; s++) {
    const v = traj[s * J + coord]!;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const mid = (lo + hi) / 2;
  const h = (hi - lo) / 8;
  const crossings: number[] = [];
  let armed = false;
  for (let s = n0 + 1; s < n; s++) {
    const a = traj[(s - 1) * J + coord]! - mid;
    const b = traj[s * J + coord]! - mid;
    if (b < -h) armed = true;
    if (armed && a < 0 && b >= 0) {
      crossings.push((s - 1 + -a / (b - a)) * dt);
      armed = false;
    }
  }
  if (crossings.length < 2) return { period: NaN, amplitude: NaN, cycles: 0 };
  const periods: number[] = [];
  const amps: number[] = [];
  for (let q = 1; q < crossings.length; q++) {
    periods.push(crossings[q]! - crossings[q - 1]!);
    let cl = Infinity;
    let ch = -Infinity;
    for (let s = Math.ceil(crossings[q - 1]! / dt); s < Math.floor(crossings[q]! / dt); s++) {
      const v = traj[s * J + coord]!;
      cl = Math.min(cl, v);
      ch = Math.max(ch, v);
    }
    amps.push((ch - cl) / 2);
  }
  return { period: mean(periods), amplitude: mean(amps), cycles: periods.length };
}

/**
 * Width of the moving average a cycle is measured through, as a fraction of
 * the period. The readout xhat = D r jumps by |D_i| at each spike and decays
 * between spikes: a sawtooth around the trajectory the network follows. Taken
 * raw, a cycle's max - min adds the sawtooth's teeth to its size (Van der Pol,
 * development seed 3: +4-5% raw against +1.3-1.6% averaged over 1% of the
 * period under the parallel rule, +2.4% against +1.3% under winner), which is
 * readout noise, not the learned cycle; `readoutJitter` reports it apart. A 1%
 * window shrinks a sinusoid's amplitude by 0.02%, and the truth is measured
 * through the same window.
 */
export const CYCLE_WINDOW = 0.01;

/** Steps of the cycle's moving average for a period `T`, odd, at least 1. */
export const cycleWindow = (T: number, dt: number): number => 2 * Math.max(0, Math.round((CYCLE_WINDOW * T) / dt / 2)) + 1;

/** Centred moving average of every coordinate over `window` steps (odd; shortened at the ends). */
export function movingAverage(traj: ArrayLike<number>, J: number, window: number): Float64Array {
  const n = Math.floor(traj.length / J);
  const h = (window - 1) >> 1;
  const out = new Float64Array(n * J);
  const sum = new Float64Array(n + 1);
  for (let j = 0; j < J; j++) {
    for (let s = 0; s < n; s++) sum[s + 1] = sum[s]! + traj[s * J + j]!;
    for (let s = 0; s < n; s++) {
      const a = Math.max(0, s - h);
      const b = Math.min(n, s + h + 1);
      out[s * J + j] = (sum[b]! - sum[a]!) / (b - a);
    }
  }
  return out;
}

/** A limit cycle measured through the moving average of cycleWindow(T), and the RMS readout jitter of `coord` around it. */
export function smoothCycle(traj: ArrayLike<number>, J: number, dt: number, T: number, coord = 0, skip = 0): CycleStats & { jitter: number } {
  const avg = movingAverage(traj, J, cycleWindow(T, dt));
  const n0 = Math.round(skip / dt);
  const n = Math.floor(traj.length / J);
  let se = 0;
  for (let s = n0; s < n; s++) se += (traj[s * J + coord]! - avg[s * J + coord]!) ** 2;
  return { ...cycleStats(avg, J, dt, coord, skip), jitter: n > n0 ? Math.sqrt(se / (n - n0)) : NaN };
}

/** The true system's limit cycle, measured the same way (the same moving average) from a long run. */
export function trueCycle(sys: DynamicalSystem, dt: number, coord = 0, duration = 20 * sys.timeScale): CycleStats {
  const x0 = sys.starts.map(([lo, hi]) => (lo + hi) / 2 + (hi - lo) / 4);
  const { x } = simulate(sys, x0, Math.round(duration / dt), dt);
  const { period, amplitude, cycles } = smoothCycle(x, sys.dims, dt, sys.timeScale, coord, duration / 2);
  return { period, amplitude, cycles };
}

/** RMS(xhat - x) / RMS(x) over the first `horizon` seconds. */
export function normalisedError(xhat: ArrayLike<number>, x: ArrayLike<number>, J: number, dt: number, horizon: number): number {
  const n = Math.min(Math.round(horizon / dt) * J, x.length);
  let se = 0;
  let sx = 0;
  for (let i = 0; i < n; i++) {
    se += (xhat[i]! - x[i]!) ** 2;
    sx += x[i]! ** 2;
  }
  return Math.sqrt(se / sx);
}

export interface LimitCycleReport {
  amplitude: number;
  period: number;
  trueAmplitude: number;
  truePeriod: number;
  amplitudeError: number;
  periodError: number;
  /** RMS of the readout around its moving average (spike jitter), relative to the true amplitude. */
  readoutJitter: number;
  /** Normalised trajectory error over the first period after switch-off. */
  firstPeriodError: number;
  /** Mean rate per alive neuron, Hz. */
  rate: number;
  spikesPerSecond: number;
  alive: number;
}

/** Evaluate a limit-cycle system from one start state. */
export function evaluateLimitCycle(
  ex: Executor,
  sys: DynamicalSystem,
  o: { x0?: ArrayLike<number>; duration?: number; kill?: Iterable<number>; seed?: number; noise?: number; truth?: CycleStats } = {},
): LimitCycleReport & { run: FreeRun } {
  const duration = o.duration ?? Math.max(10, 8 * sys.timeScale);
  const x0 = o.x0 ?? sys.starts.map(([lo, hi]) => (lo + hi) / 2);
  const run = freeRun(ex, sys, {
    x0,
    duration,
    ...(o.kill ? { kill: o.kill } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.noise !== undefined ? { noise: o.noise } : {}),
  });
  const truth = o.truth ?? trueCycle(sys, ex.dt);
  const got = smoothCycle(run.xhat, ex.J, ex.dt, sys.timeScale, 0, Math.min(duration / 2, 3 * sys.timeScale));
  const spikesPerSecond = run.spikeSteps.length / duration;
  return {
    amplitude: got.amplitude,
    period: got.period,
    trueAmplitude: truth.amplitude,
    truePeriod: truth.period,
    amplitudeError: Math.abs(got.amplitude - truth.amplitude) / truth.amplitude,
    periodError: Math.abs(got.period - truth.period) / truth.period,
    readoutJitter: got.jitter / truth.amplitude,
    firstPeriodError: normalisedError(run.xhat, run.x, ex.J, ex.dt, truth.period),
    rate: spikesPerSecond / run.aliveCount,
    spikesPerSecond,
    alive: run.aliveCount,
    run,
  };
}

/** A random fraction of neurons, for robustness tests. */
export function randomNeurons(N: number, fraction: number, seed: number): number[] {
  return new Random(seed).sample(N, Math.round(N * fraction));
}

export const mean = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
};

export function median(a: ArrayLike<number>): number {
  const s = Array.from(a).sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

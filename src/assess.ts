// One evaluation for every kind of system (DESIGN.md section 6), free-running
// with feedback and learning off, from fresh start states: the headline
// metrics for the kind, plus short-horizon trajectory error, vector-field
// error over the visited region, and spike statistics.
import { evaluateLimitCycle, freeRun, median, normalisedError, trueCycle, type FreeRun } from './evaluate.js';
import type { Executor } from './executor.js';
import { simulate } from './integrate.js';
import { attractorError, attractorStats, type AttractorStats } from './metrics/attractor.js';
import { eiBalance } from './metrics/balance.js';
import { vectorFieldError } from './metrics/field.js';
import { spikeStats, type SpikeStats } from './metrics/spikes.js';
import { Random } from './random.js';
import type { NetworkSpec } from './spec.js';
import type { DynamicalSystem } from './systems/system.js';

export interface AssessOptions {
  /** Start states (limit cycles, fixed points, driven). */
  starts?: number;
  seed?: number;
  /** Free-run length per start, s. */
  duration?: number;
  kill?: number[];
  noise?: number;
  /** Skip the (slower) E/I balance. */
  skipBalance?: boolean;
}

export interface Assessment {
  system: string;
  kind: DynamicalSystem['kind'];
  metrics: Record<string, number>;
  spikes: SpikeStats;
  /** The first free run, for plots. */
  run: FreeRun;
  /** Network time simulated by all the free runs, lead-ins included, s. */
  simulatedSeconds: number;
  attractor?: { network: AttractorStats; truth: AttractorStats };
}

export function assess(ex: Executor, spec: NetworkSpec, sys: DynamicalSystem, o: AssessOptions = {}): Assessment {
  const rnd = new Random(o.seed ?? 1);
  const dt = ex.dt;
  const J = sys.dims;
  const box = sys.evalStarts ?? sys.starts;
  const start = () => box.map(([lo, hi]) => rnd.range(lo, hi));
  const common = { ...(o.kill ? { kill: o.kill } : {}), ...(o.noise !== undefined ? { noise: o.noise } : {}) };
  const runs: FreeRun[] = [];
  const metrics: Record<string, number> = {};
  let attractor: Assessment['attractor'];

  if (sys.kind === 'limit-cycle') {
    const duration = o.duration ?? Math.max(10, 8 * sys.timeScale);
    const truth = trueCycle(sys, dt);
    const amp: number[] = [];
    const per: number[] = [];
    const first: number[] = [];
    for (let q = 0; q < (o.starts ?? 3); q++) {
      const e = evaluateLimitCycle(ex, sys, { x0: start(), duration, truth, ...common });
      runs.push(e.run);
      amp.push(e.amplitudeError);
      per.push(e.periodError);
      first.push(e.firstPeriodError);
    }
    Object.assign(metrics, {
      amplitudeError: medianOrInf(amp),
      periodError: medianOrInf(per),
      firstPeriodError: median(first),
      truePeriod: truth.period,
      trueAmplitude: truth.amplitude,
    });
  } else if (sys.kind === 'fixed-points') {
    const duration = o.duration ?? 3 * sys.timeScale;
    let correct = 0;
    const n = o.starts ?? 40;
    const ends: number[][] = [];
    for (let q = 0; q < n; q++) {
      const r = freeRun(ex, sys, { x0: start(), duration, leadIn: 0.02, ...common });
      runs.push(r);
      const last = (a: Float64Array) => Array.from(a.subarray(a.length - J));
      const net = last(r.xhat);
      const tru = last(r.x);
      if (nearest(net, tru)) correct++;
      ends.push(net, tru);
    }
    metrics.basinAccuracy = correct / n;
    // fixed points: mean end state per basin (by the true end), vs the true fixed points
    const fp = fixedPointError(ends, J);
    metrics.fixedPointError = fp;
  } else if (sys.kind === 'chaotic') {
    const duration = o.duration ?? 50;
    const r = freeRun(ex, sys, { x0: start(), duration, ...common });
    runs.push(r);
    const net = attractorStats(r.xhat, J, dt, 2);
    const long = simulate(sys, start(), Math.round((duration + 10) / dt), dt);
    const truth = attractorStats(long.x, J, dt, 10);
    const err = attractorError(net, truth);
    attractor = { network: net, truth };
    Object.assign(metrics, {
      meanError: err.mean,
      stdError: err.std,
      switchRate: net.switchRate,
      trueSwitchRate: truth.switchRate,
    });
  } else {
    // linear and driven systems: commands never seen in training, feedback off
    const duration = o.duration ?? Math.max(5, 4 * sys.timeScale);
    const errs: number[] = [];
    for (let q = 0; q < (o.starts ?? 3); q++) {
      const steps = Math.round(duration / dt);
      const c = sys.command ? sys.command(rnd, steps, dt) : undefined;
      const r = freeRun(ex, sys, { x0: start(), duration, ...(c ? { c } : {}), ...common });
      runs.push(r);
      errs.push(normalisedError(r.xhat, r.x, J, dt, duration));
    }
    metrics.unseenInputError = median(errs);
  }

  const run = runs[0]!;
  const duration = run.xhat.length / J * dt;
  const alive = ex.state().alive;
  metrics.shortHorizonError = median(runs.map((r) => normalisedError(r.xhat, r.x, J, dt, Math.min(sys.timeScale, duration))));
  metrics.vectorFieldError = vectorFieldError(spec, sys, run.xhat);
  const spikes = spikeStats(
    Array.from(run.spikeSteps, (s) => s - run.start),
    run.spikeNeurons,
    { N: spec.N, J, dt, duration, alive },
  );
  Object.assign(metrics, {
    meanRate: spikes.meanRate,
    spikesPerSecond: spikes.spikesPerSecond,
    spikesPerSecondPerDim: spikes.spikesPerSecondPerDim,
    medianCV: spikes.medianCV,
    alive: run.aliveCount,
  });
  if (!o.skipBalance) metrics.eiBalance = eiBalance(spec, run, { alive }).mean;
  const simulatedSeconds = runs.reduce((a, r) => a + (r.start + r.xhat.length / J) * dt, 0);
  return { system: sys.name, kind: sys.kind, metrics, spikes, run, simulatedSeconds, ...(attractor ? { attractor } : {}) };
}

const medianOrInf = (a: number[]) => {
  const f = a.map((v) => (Number.isFinite(v) ? v : Infinity));
  return median(f);
};

/** Same basin: the network's end state is closer to the true end than to its mirror image (sign of x1). */
function nearest(net: number[], tru: number[]): boolean {
  return Math.sign(net[0]!) === Math.sign(tru[0]!) && Math.abs(net[0]!) > 0.2;
}

function fixedPointError(ends: number[][], J: number): number {
  // pairs (network end, true end): group by the true end's x1 sign
  let worst = 0;
  for (const sgn of [1, -1]) {
    const net: number[] = new Array<number>(J).fill(0);
    const tru: number[] = new Array<number>(J).fill(0);
    let n = 0;
    for (let q = 0; q < ends.length; q += 2) {
      if (Math.sign(ends[q + 1]![0]!) !== sgn || Math.sign(ends[q]![0]!) !== sgn) continue;
      for (let j = 0; j < J; j++) {
        net[j] = net[j]! + ends[q]![j]!;
        tru[j] = tru[j]! + ends[q + 1]![j]!;
      }
      n++;
    }
    if (n === 0) return Infinity;
    const d = Math.hypot(...net.map((v, j) => (v - tru[j]!) / n));
    worst = Math.max(worst, d / Math.hypot(...tru.map((v) => v / n)));
  }
  return worst;
}

// "Would it still work there?": quantize a trained network to a profile's bit
// widths, run it free in the kernel (or the float reference), measure its
// accuracy against the true system, and price the spikes of that same run.
import { evaluateLimitCycle, freeRun, normalisedError, trueCycle, type CycleStats } from '../evaluate.js';
import type { Executor } from '../executor.js';
import { KernelExecutor } from '../kernel/executor.js';
import type { NumberFormat } from '../presets.js';
import type { QuantReport } from '../quantize.js';
import { ReferenceExecutor } from '../reference/executor.js';
import { cloneSpec, type NetworkSpec, type SpikePolicy } from '../spec.js';
import type { DynamicalSystem } from '../systems/system.js';
import { simulate } from '../integrate.js';
import { attractorError, attractorStats, type AttractorStats } from '../metrics/attractor.js';
import { emulate, freeRunRecord, type EmulateOptions, type Emulation } from './emulate.js';
import type { SpikeRecord } from './traffic.js';
import { factorSlowWeights } from './factor.js';
import { chipPolicy, runnableForm } from './capability.js';
import { formatForProfile } from './format.js';
import { mapNetwork } from './mapping.js';
import type { Profile } from './profile.js';

export interface FitOptions extends EmulateOptions, EvaluateOptions {
  system: DynamicalSystem;
  /** kernel (default; quantized to the profile) or reference (float64, no quantization). */
  executor?: 'kernel' | 'reference';
  /** 'spec' keeps the network's spike policy; 'chip' fires as the chip does (its spike rule; see capability.ts chipPolicy). */
  policy?: 'spec' | 'chip';
  /** Override the profile's number format. */
  format?: NumberFormat;
}

export interface Accuracy {
  /** Limit-cycle systems: relative amplitude and period errors. */
  amplitudeError?: number;
  periodError?: number;
  /** Chaotic systems: worst error of the attractor's per-coordinate means and standard deviations (relative to the true std), and lobe switches per second. */
  attractorMeanError?: number;
  attractorStdError?: number;
  switchRate?: number;
  trueSwitchRate?: number;
  /** Normalised RMS error over the first period (limit cycles) or the system's time scale (others). */
  trajectoryError: number;
  ratePerNeuron: number;
  spikesPerSecond: number;
}

export interface FitResult {
  profile: string;
  title: string;
  executor: 'kernel' | 'reference';
  format: NumberFormat;
  policy: SpikePolicy;
  /** Set when the chip's rule could not be run exactly (e.g. 'parallel' missing from this build). */
  policyNote?: string;
  quant: Pick<QuantReport, 'clipped' | 'maxAbsError' | 'state'> | null;
  /** Factored slow path: the share of Os outside the span of D that was dropped. */
  factoredResidual?: number;
  accuracy: Accuracy;
  emulation: Emulation;
  duration: number;
}

export function fitToChip(spec: NetworkSpec, p: Profile, o: FitOptions): FitResult {
  const sys = o.system;
  if (sys.dims !== spec.J) throw new RangeError(`system ${sys.name} has ${sys.dims} dimensions; the network has J=${spec.J}`);
  // the form the chip can compute; refuse before running anything
  const form = runnableForm(p, o.slowPath ?? 'dense');
  const slowPath = form.slowPath;
  mapNetwork(spec, p, { ...o, slowPath, dendrites: form.dendrites });
  let run = cloneSpec(spec);
  let factoredResidual: number | undefined;
  if (slowPath === 'factored') {
    const f = factorSlowWeights(spec);
    run = f.spec;
    factoredResidual = f.residual;
  }
  const chosen = o.policy === 'chip' ? chipPolicy(p, spec.policy) : { policy: spec.policy, note: null };
  const policy = chosen.policy as SpikePolicy;
  run.policy = policy;
  const format = o.format ?? formatForProfile(p);
  const kind = o.executor ?? 'kernel';
  const ex: Executor = kind === 'reference' ? new ReferenceExecutor(run) : new KernelExecutor(run, { format });
  const { accuracy, record: rec, duration } = evaluateOn(ex, sys, o);
  const emulation = emulate(run, p, rec, o);
  const quant = ex instanceof KernelExecutor && ex.report ? { clipped: ex.report.clipped, maxAbsError: ex.report.maxAbsError, state: ex.report.state } : null;
  return {
    profile: p.name,
    title: p.title,
    executor: kind,
    format: kind === 'reference' ? { name: 'float64', id: -1, description: 'float64 reference (not quantized)', weightBits: null, stateBits: 64 } : format,
    policy,
    ...(chosen.note ? { policyNote: chosen.note } : {}),
    quant,
    ...(factoredResidual !== undefined ? { factoredResidual } : {}),
    accuracy,
    emulation,
    duration,
  };
}

export interface EvaluateOptions {
  duration?: number;
  seed?: number;
  x0?: number[];
  truth?: CycleStats;
}

/**
 * Free-run an executor on a system the way fitToChip does (lead-in with
 * feedback, then k = 0): its accuracy and the spike record of the free run.
 */
export function evaluateOn(ex: Executor, sys: DynamicalSystem, o: EvaluateOptions = {}): { accuracy: Accuracy; record: SpikeRecord; duration: number } {
  const duration = o.duration ?? (sys.kind === 'chaotic' ? 30 : Math.max(10, 8 * sys.timeScale));
  const x0 = o.x0 ?? sys.starts.map(([lo, hi]) => lo + 0.9 * (hi - lo));
  let accuracy: Accuracy;
  let fr;
  if (sys.kind === 'limit-cycle') {
    const truth = o.truth ?? trueCycle(sys, ex.dt);
    const e = evaluateLimitCycle(ex, sys, { truth, x0, duration, ...(o.seed !== undefined ? { seed: o.seed } : {}) });
    fr = e.run;
    accuracy = { amplitudeError: e.amplitudeError, periodError: e.periodError, trajectoryError: e.firstPeriodError, ratePerNeuron: e.rate, spikesPerSecond: e.spikesPerSecond };
  } else {
    fr = freeRun(ex, sys, { x0, duration, ...(o.seed !== undefined ? { seed: o.seed } : {}) });
    const sps = fr.spikeSteps.length / duration;
    accuracy = { trajectoryError: normalisedError(fr.xhat, fr.x, sys.dims, ex.dt, sys.timeScale), ratePerNeuron: sps / fr.aliveCount, spikesPerSecond: sps };
    if (sys.kind === 'chaotic') {
      // the trajectory diverges by nature: compare the attractors (as assess() does)
      const net = attractorStats(fr.xhat, sys.dims, ex.dt, Math.min(2, duration / 4));
      const truth = trueAttractor(sys, ex.dt);
      const err = attractorError(net, truth);
      Object.assign(accuracy, { attractorMeanError: err.mean, attractorStdError: err.std, switchRate: net.switchRate, trueSwitchRate: truth.switchRate });
    }
  }
  return { accuracy, record: freeRunRecord(fr, ex.state().alive), duration };
}

const attractorCache = new Map<string, AttractorStats>();

/** The true attractor's statistics from a 70 s integration (first 10 s skipped), cached per system and dt. */
function trueAttractor(sys: DynamicalSystem, dt: number): AttractorStats {
  const key = `${sys.name}|${sys.description}|${dt}`;
  let t = attractorCache.get(key);
  if (!t) {
    const x0 = sys.starts.map(([lo, hi]) => (lo + hi) / 2 + (hi - lo) / 4);
    const long = simulate(sys, x0, Math.round(70 / dt), dt);
    t = attractorStats(long.x, sys.dims, dt, 10);
    attractorCache.set(key, t);
  }
  return t;
}

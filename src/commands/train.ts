// `ebnkit train <system>`: the main job. Build a network, train it in the
// chosen executor with the local rule, evaluate it free-running (k = 0,
// learning off), kill half its neurons and evaluate again, write a figure and
// the trained model.
import { join } from 'node:path';
import { evaluateLimitCycle, freeRun, normalisedError, randomNeurons, trueCycle } from '../evaluate.js';
import type { Executor } from '../executor.js';
import { KernelExecutor } from '../kernel/executor.js';
import { saveModel, writeAtomic } from '../node/files.js';
import { createProgress } from '../progress.js';
import { ReferenceExecutor } from '../reference/executor.js';
import { freeRunFigure } from '../report/free-run-figure.js';
import { getSystem, networkFor } from '../systems/index.js';
import { train, TRAIN_DEFAULTS } from '../train.js';

export interface TrainCommand {
  system: string;
  seconds?: number;
  neurons?: number;
  seed?: number;
  executor?: 'kernel' | 'reference';
  format?: string;
  outDir?: string;
  quiet?: boolean;
}

export interface TrainSummary {
  system: string;
  executor: string;
  format: string;
  neurons: number;
  dendrites: number;
  dt: number;
  seed: number;
  trainingSeconds: number;
  simulatedSeconds: number;
  wallSeconds: number;
  metrics: Record<string, number>;
  killedHalf: Record<string, number>;
  files: { figure: string; model: string };
}

export function runTrain(o: TrainCommand): TrainSummary {
  const sys = getSystem(o.system);
  const seed = o.seed ?? 1;
  const seconds = o.seconds ?? TRAIN_DEFAULTS.duration;
  const spec = networkFor(sys, { ...(o.neurons !== undefined ? { neurons: o.neurons } : {}), seed });
  const format = o.format ?? 'q24';
  const ex: Executor = o.executor === 'reference' ? new ReferenceExecutor(spec) : new KernelExecutor(spec, { format });
  const t0 = performance.now();
  const bar = o.quiet ? null : createProgress({ total: seconds, label: `training ${sys.name} (${ex.kind}, N=${spec.N})` });
  const trained = train(ex, sys, {
    duration: seconds,
    seed,
    onProgress: (_, p) => bar?.update(p.simulated, `err ${p.rmsError.toFixed(3)} · ${p.rate.toFixed(1)} Hz`),
  });
  bar?.done();
  const evalSeconds = Math.max(10, 8 * sys.timeScale);
  let metrics: Record<string, number>;
  let killed: Record<string, number>;
  let run;
  const half = randomNeurons(spec.N, 0.5, seed + 100);
  if (sys.kind === 'limit-cycle') {
    const truth = trueCycle(sys, spec.dt);
    const x0 = sys.starts.map(([lo, hi]) => lo + 0.9 * (hi - lo));
    const e = evaluateLimitCycle(ex, sys, { truth, x0, duration: evalSeconds });
    const k = evaluateLimitCycle(ex, sys, { truth, x0, duration: evalSeconds, kill: half });
    run = e.run;
    const pick = (r: typeof e) => ({
      amplitudeError: r.amplitudeError,
      periodError: r.periodError,
      firstPeriodError: r.firstPeriodError,
      amplitude: r.amplitude,
      period: r.period,
      trueAmplitude: r.trueAmplitude,
      truePeriod: r.truePeriod,
      ratePerNeuron: r.rate,
      spikesPerSecond: r.spikesPerSecond,
      aliveNeurons: r.alive,
    });
    metrics = pick(e);
    killed = pick(k);
  } else {
    const x0 = sys.starts.map(([lo, hi]) => lo + 0.9 * (hi - lo));
    const stats = (kill?: number[]) => {
      const r = freeRun(ex, sys, { x0, duration: evalSeconds, ...(kill ? { kill } : {}) });
      const sps = r.spikeSteps.length / evalSeconds;
      return { r, m: { shortHorizonError: normalisedError(r.xhat, r.x, sys.dims, spec.dt, sys.timeScale), ratePerNeuron: sps / r.aliveCount, spikesPerSecond: sps, aliveNeurons: r.aliveCount } };
    };
    const a = stats();
    run = a.r;
    metrics = a.m;
    killed = stats(half).m;
  }
  const outDir = o.outDir ?? 'out';
  const figurePath = join(outDir, `${sys.name}.svg`);
  const modelPath = join(outDir, `${sys.name}.model.json`);
  writeAtomic(figurePath, freeRunFigure(run, spec.N, `ebnkit · ${sys.description} · N=${spec.N} · ${ex.kind}`));
  const wallSeconds = (performance.now() - t0) / 1000;
  const summary: TrainSummary = {
    system: sys.name,
    executor: ex.kind,
    format: ex.kind === 'kernel' ? format : 'float64',
    neurons: spec.N,
    dendrites: spec.dendrites.K,
    dt: spec.dt,
    seed,
    trainingSeconds: trained.simulated,
    simulatedSeconds: trained.simulated + 2 * (evalSeconds + 0.2),
    wallSeconds,
    metrics,
    killedHalf: killed,
    files: { figure: figurePath, model: modelPath },
  };
  saveModel(modelPath, ex.toSpec(), { system: sys.name, trainingSeconds: trained.simulated, seed, executor: ex.kind, format, metrics });
  return summary;
}

const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? 'n/a' : `${(100 * v).toFixed(1)}%`);

export function formatSummary(s: TrainSummary): string {
  const m = s.metrics;
  const k = s.killedHalf;
  const lines = [
    `system              ${s.system}   (executor ${s.executor}, format ${s.format}, seed ${s.seed})`,
    `neurons             ${s.neurons}   (dendrites ${s.dendrites}, dt ${s.dt * 1000} ms)`,
  ];
  if (m.amplitudeError !== undefined) {
    lines.push(
      `amplitude error     ${pct(m.amplitudeError)}   (network ${m.amplitude!.toFixed(3)}, true ${m.trueAmplitude!.toFixed(3)})`,
      `period error        ${pct(m.periodError)}   (network ${m.period!.toFixed(3)} s, true ${m.truePeriod!.toFixed(3)} s)`,
      `first-period error  ${pct(m.firstPeriodError)}   (normalised RMS vs the true system from the same state)`,
    );
  } else {
    lines.push(`short-horizon error ${pct(m.shortHorizonError)}`);
  }
  lines.push(
    `mean rate           ${m.ratePerNeuron!.toFixed(2)} Hz per neuron   (${m.spikesPerSecond!.toFixed(0)} spikes/s)`,
    k.amplitudeError !== undefined
      ? `half killed         amplitude ${pct(k.amplitudeError)}, period ${pct(k.periodError)}, ${k.ratePerNeuron!.toFixed(2)} Hz per survivor`
      : `half killed         short-horizon error ${pct(k.shortHorizonError)}, ${k.ratePerNeuron!.toFixed(2)} Hz per survivor`,
    `simulated time      ${s.simulatedSeconds.toFixed(0)} s   (training ${s.trainingSeconds.toFixed(0)} s)`,
    `wall-clock time     ${s.wallSeconds.toFixed(1)} s   (${(s.simulatedSeconds / s.wallSeconds).toFixed(0)}x real time)`,
    `figure              ${s.files.figure}`,
    `model               ${s.files.model}`,
  );
  return lines.join('\n');
}

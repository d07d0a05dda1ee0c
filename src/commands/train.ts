// `ebnkit train <system>`: build a network for the system, train it in the
// chosen executor with the local rule, assess it free-running (k = 0,
// learning off) whole and with half its neurons killed, and save the model
// (.ebn) and a figure.
//
// Training happens in the deployment's own conditions: the network is built
// under the target's spike rule (--policy, chip options) and trained in the
// kernel at the target's number format (D, Of, T and the voltage width of the
// format; learned weights in a wide accumulator), then quantized to the
// format's weight width and assessed as deployed. A result that is useless
// (deployable.ts) is refused with the reason and nothing is saved.
import { basename, join } from 'node:path';
import { assess } from '../assess.js';
import { randomNeurons } from '../evaluate.js';
import { RunawayError, type Executor } from '../executor.js';
import { KernelExecutor } from '../kernel/executor.js';
import { encodeModel } from '../model.js';
import { writeAtomicAll } from '../node/files.js';
import { checkOutPath } from '../node/out-path.js';
import { checkKernelSize } from './limits.js';
import { createProgress } from '../progress.js';
import { quantize } from '../quantize.js';
import { ReferenceExecutor } from '../reference/executor.js';
import { freeRunFigure } from '../report/free-run-figure.js';
import type { DynamicalSystem } from '../systems/system.js';
import { describeAuto } from '../auto/configure.js';
import { trainWithSearch, type Attempt, type Trained } from '../auto/search.js';
import { train } from '../train.js';
import type { NetworkSpec, SpikePolicy } from '../spec.js';
import type { RelativeChipOptions } from '../spike-rule.js';
import { uselessReason } from './deployable.js';
import { trainingExecutor, trainingMode, trainingSpec } from '../training-network.js';

export interface TrainCommand {
  system: DynamicalSystem;
  seconds?: number;
  neurons?: number;
  seed?: number;
  executor?: 'kernel' | 'reference';
  format?: string;
  /** Spike rule to build and train under (default winner); chip options for `parallel`. */
  policy?: SpikePolicy;
  chip?: RelativeChipOptions;
  /** Kernel execution mode: dense (the local form a chip runs, default) or lowrank (Os = D W, faster). */
  mode?: 'dense' | 'lowrank';
  /** Absolute path of the module the system came from (user-defined systems). */
  systemModule?: string;
  /** Validate on held-out starts and, if that fails, search a few changes (default true). */
  search?: boolean;
  /** Model file to write (default out/<system>.ebn). */
  out?: string;
  quiet?: boolean;
  /**
   * Refuse a useless network (default true: the CLI exits 1 and saves nothing). A sweep passes
   * false: a useless configuration is a data point, saved and marked with the reason.
   */
  refuseUseless?: boolean;
}

export interface TrainSummary {
  system: string;
  kind: string;
  executor: string;
  format: string;
  policy: SpikePolicy;
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
  /** Why the network is useless, when it is and refuseUseless was false. */
  useless?: string;
  /** What the automatic configuration chose (src/auto/configure.ts), as printed. */
  configuration: string[];
  /** The self-check: every configuration tried, its held-out validation, and the one kept. */
  search: { attempts: Attempt[]; kept: string };
}

const referenceFor = (spec: NetworkSpec) => ({ spec, ex: new ReferenceExecutor(spec) });

/** What to try next, naming only options that differ from what was just run. */
export function uselessHint(format: string, policy: string): string {
  const tries: string[] = [];
  if (format !== 'q24' && format !== 'float64') tries.push('a wider --format (q24 or w16)');
  if (policy !== 'winner') tries.push('--policy winner (the MCU rule)');
  tries.push('longer training (--seconds)', 'more neurons (--neurons)');
  return `try ${tries.join(', ')}`;
}

/** Training succeeded but the network is useless under its rule and format: nothing was saved. */
export class UselessModelError extends Error {
  override name = 'UselessModelError';
}

export function runTrain(o: TrainCommand): TrainSummary {
  const seed = o.seed ?? 1;
  const format = o.format ?? 'q24';
  const rule = { ...(o.policy ? { policy: o.policy } : {}), ...(o.chip ? { chip: o.chip } : {}) };
  const model = o.out ?? join('out', `${o.system.name}.ebn`);
  const figure = model.replace(/(\.ebn)?$/, '.svg');
  // everything that can be refused is refused before training (issue 14, F9, F12)
  checkOutPath('--out', model, ['.ebn']);
  checkOutPath('--out (figure)', figure);
  {
    const probe = trainingSpec(o.system, { ...(o.neurons !== undefined ? { neurons: o.neurons } : {}), ...rule, seed });
    checkKernelSize(probe, o.executor === 'reference' ? 'dense' : trainingMode(o.system, o.mode));
  }
  const t0 = performance.now();
  // one whole training of a (re)configured system; the self-check may call it again (src/auto/search.ts)
  let allTraining = 0;
  const trainOnce = (s: DynamicalSystem): Trained => {
    // the same builder as the playground's worker (src/training-network.ts): same spec, same execution mode
    const net = { ...(o.neurons !== undefined ? { neurons: o.neurons } : {}), ...rule, seed, format, ...(o.mode ? { mode: o.mode } : {}) };
    const { spec, ex }: { spec: NetworkSpec; ex: Executor } = o.executor === 'reference' ? referenceFor(trainingSpec(s, net)) : trainingExecutor(s, net);
    const bar = o.quiet ? null : createProgress({ total: 1, label: `training ${s.name} (${ex.kind}, N=${spec.N})` });
    const trained = train(ex, s, {
      ...s.training,
      ...(o.seconds !== undefined ? { duration: o.seconds } : {}),
      seed,
      onProgress: (f, p) => bar?.update(f, `${p.simulated.toFixed(0)} s simulated · err ${p.rmsError.toFixed(3)} · ${p.rate.toFixed(1)} Hz`),
    });
    bar?.done();
    allTraining += trained.simulated;
    return { sys: s, ex, spec, simulated: trained.simulated };
  };
  const searched = trainWithSearch(o.system, seed, trainOnce, { search: o.search !== false });
  const { ex, spec } = searched.best;
  const sys = searched.best.sys;
  const trained = { simulated: searched.best.simulated };
  const learned = ex.toSpec();
  // as deployed: the learned weights quantized to the format's own width (for q24 the same bits as trained)
  const mode = trainingMode(sys, o.mode);
  const deployed: Executor = ex instanceof KernelExecutor ? new KernelExecutor(learned, { format, mode }) : ex;
  const ranAt = ex.kind === 'kernel' ? format : 'float64';
  const refuse = (why: string) =>
    new UselessModelError(`the network trained on ${sys.name} under policy "${spec.policy}" at format ${ranAt} is useless: ${why}; nothing was saved (${uselessHint(ranAt, spec.policy)})`);
  let whole: ReturnType<typeof assess>;
  try {
    whole = assess(deployed, learned, sys, { seed });
  } catch (e) {
    // a free run that fires without bound is the clearest kind of useless
    if (e instanceof RunawayError) throw refuse(e.message);
    throw e;
  }
  const useless = uselessReason(whole.metrics, { policy: spec.policy, N: spec.N, dt: spec.dt });
  if (useless && o.refuseUseless !== false) throw refuse(useless);
  const half = assess(deployed, learned, sys, { seed, kill: randomNeurons(spec.N, 0.5, seed + 100), skipBalance: true });
  const svg = freeRunFigure(whole.run, spec.N, `ebnkit · ${sys.description} · N=${spec.N} · ${ex.kind}`);
  const image = deployed instanceof KernelExecutor ? deployed.image() : quantize(learned, format).image;
  // every training the search ran counts (validation runs are not counted)
  const simulated = allTraining + whole.simulatedSeconds + half.simulatedSeconds;
  const summary: TrainSummary = {
    system: sys.name,
    kind: sys.kind,
    executor: ex.kind,
    format: ex.kind === 'kernel' ? format : 'float64',
    policy: spec.policy,
    neurons: spec.N,
    dendrites: spec.dendrites.K,
    dt: spec.dt,
    seed,
    trainingSeconds: trained.simulated,
    simulatedSeconds: simulated,
    wallSeconds: (performance.now() - t0) / 1000,
    metrics: whole.metrics,
    killedHalf: half.metrics,
    files: { figure, model },
    configuration: sys.auto ? describeAuto(sys.auto) : [],
    search: { attempts: searched.attempts, kept: searched.kept },
    ...(useless ? { useless } : {}),
  };
  // the model and its figure are replaced together or not at all
  writeAtomicAll([{ path: figure, data: svg }, { path: model, data: encodeModel({
    spec: learned,
    image,
    meta: { system: sys.name, ...(o.systemModule ? { systemModule: o.systemModule } : {}), kind: sys.kind, ...(sys.auto ? { auto: { ...sys.auto, chosen: describeAuto(sys.auto) } } : {}), search: { attempts: searched.attempts, kept: searched.kept }, trainingSeconds: trained.simulated, seed, executor: ex.kind, format, metrics: whole.metrics, file: basename(model) },
  }) }]);
  return summary;
}

const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? 'n/a' : `${(100 * v).toFixed(1)}%`);

/** The headline lines for a metrics record, by system kind; a network that never spiked says so. */
export function headline(m: Record<string, number>): string[] {
  if (m.silent) return ['silent              the network emitted no spikes in any free run: nothing is represented (no accuracy metric applies)'];
  const out: string[] = [];
  if (m.amplitudeError !== undefined) out.push(`amplitude error     ${pct(m.amplitudeError)}   (readout averaged over 1% of the period; spike jitter ${pct(m.readoutJitter)} RMS)`, `period error        ${pct(m.periodError)}   (true period ${m.truePeriod!.toFixed(3)} s)`);
  if (m.invariantDrift !== undefined) out.push(`invariant drift     ${pct(m.invariantDrift)} per period   (of the invariant's spread over the starts)`, `orbit closure       ${pct(m.orbitClosure)}   (return distance per cycle / orbit half-range)`);
  if (m.basinAccuracy !== undefined) out.push(`correct basin       ${pct(m.basinAccuracy)} of starts   (the true system from the same switch-off state decides; ${m.attractors} attractors found)`, `fixed-point error   ${pct(m.fixedPointError)}   (of the domain half-width)`);
  if (m.meanError !== undefined) out.push(`attractor mean err  ${pct(m.meanError)} of the true std (worst coordinate)`, `attractor std err   ${pct(m.stdError)} (worst coordinate)`, `lobe switches       ${m.switchRate!.toFixed(2)}/s   (true ${m.trueSwitchRate!.toFixed(2)}/s)${m.collapsed ? '   COLLAPSED: the network no longer fills the attractor' : ''}`);
  if (m.unseenInputError !== undefined) out.push(`unseen-input error  ${pct(m.unseenInputError)}   (feedback off, commands never seen in training)`);
  out.push(`short-horizon error ${pct(m.shortHorizonError)}   (normalised RMS over one time scale vs the true system from the same state)`, `vector-field error  ${pct(m.vectorFieldError)}   (learned map over the visited region, of the field's RMS over the domain)`);
  out.push(`mean rate           ${m.meanRate!.toFixed(2)} Hz per neuron   (${m.spikesPerSecond!.toFixed(0)} spikes/s, ${m.spikesPerSecondPerDim!.toFixed(0)} per dimension)`);
  out.push(`ISI CV (median)     ${Number.isFinite(m.medianCV) ? m.medianCV!.toFixed(2) : 'n/a (fewer than 3 spikes per neuron)'}` + (m.eiBalance !== undefined ? `   E/I balance (corr) ${m.eiBalance.toFixed(2)}` : ''));
  return out;
}

export function formatSummary(s: TrainSummary): string {
  const k = s.killedHalf;
  const killed = k.silent ? ['silent (no spikes)'] : [
    k.amplitudeError !== undefined ? `amplitude ${pct(k.amplitudeError)}, period ${pct(k.periodError)}` : '',
    k.basinAccuracy !== undefined ? `basin ${pct(k.basinAccuracy)}` : '',
    k.invariantDrift !== undefined ? `invariant drift ${pct(k.invariantDrift)}` : '',
    k.meanError !== undefined ? `mean ${pct(k.meanError)}, std ${pct(k.stdError)}` : '',
    k.unseenInputError !== undefined ? `unseen-input ${pct(k.unseenInputError)}` : '',
    `${k.meanRate!.toFixed(2)} Hz per survivor`,
  ].filter(Boolean);
  return [
    `system              ${s.system}   (${s.kind}; executor ${s.executor}, format ${s.format}, policy ${s.policy}, seed ${s.seed})`,
    `neurons             ${s.neurons}   (dendrites ${s.dendrites}, dt ${s.dt * 1000} ms)`,
    ...s.configuration,
    ...s.search.attempts.map((a, q) => `${q ? '                    ' : 'self-check          '}${a.change}: held-out ${a.pass ? 'pass' : `fail (${a.failures.join('; ')})`}${a.change === s.search.kept && s.search.attempts.length > 1 ? '   <- kept' : ''}`),
    ...headline(s.metrics),
    `half killed         ${killed.join(', ')}`,
    `simulated time      ${s.simulatedSeconds.toFixed(0)} s   (training ${s.trainingSeconds.toFixed(0)} s)`,
    `wall-clock time     ${s.wallSeconds.toFixed(1)} s   (${(s.simulatedSeconds / s.wallSeconds).toFixed(0)}x real time)`,
    `figure              ${s.files.figure}`,
    `model               ${s.files.model}`,
  ].join('\n');
}

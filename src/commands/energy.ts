// `ebnkit energy <model> --profile loihi`: would this trained network work on
// a chip, and what would it cost? For each profile: map the network (or refuse
// it, naming the limit and the smallest change that fits), quantize it to the
// chip's bit widths, run it free in the kernel, measure its accuracy, route
// its spikes and price every event. Prints a table, writes JSON and an SVG.
import { basename, join } from 'node:path';
import { builtinProfiles } from '../emulator/builtin-profiles.js';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../emulator/ledger.js';
import { loadProfile } from '../emulator/load-node.js';
import { chipPolicy } from '../emulator/capability.js';
import { FitError } from '../emulator/mapping.js';
import type { SlowPath } from '../emulator/network.js';
import type { Profile } from '../emulator/profile.js';
import { evaluateOn, fitToChip, type Accuracy, type FitResult } from '../emulator/fit.js';
import { energyFigure, formatLedger, formatMapping, formatTraffic, powerRange } from '../emulator/report.js';
import { sanafeLoihiPrice } from '../emulator/sanafe-price.js';
import { si } from '../emulator/units.js';
import { trueCycle } from '../evaluate.js';
import type { Executor } from '../executor.js';
import { KernelExecutor } from '../kernel/executor.js';
import type { Model } from '../model.js';
import { loadModel, writeAtomic } from '../node/files.js';
import { ReferenceExecutor } from '../reference/executor.js';
import type { DynamicalSystem } from '../systems/system.js';
import { systemForModel, UsageError } from './common.js';

export const HELP = `usage: ebnkit energy <model> [options]

Maps a trained network onto a hardware profile, quantizes it to the chip's
weight and voltage bits, runs it free in the fixed-point kernel, and prices
every event (neuron updates, fast and slow synaptic events, learning, routing,
static power). Prints accuracy next to energy; refuses a network that does not
fit, naming the limit, by how much, and the smallest change that fits.
Writes <out>/<model>.energy.json and <out>/<model>.energy.svg.

options:
  --profile <list>     built-in names or profile files (.json), comma-separated,
                       or "all" (default loihi); see "ebnkit profiles"
  --slow-path <p>      dense (default: as the kernel computes, N*B events per step)
                       or factored (Os = D W through J slow-sum units)
  --policy <p>         spec (the network's own spike policy), chip (the chip's
                       own rule: "parallel" on Loihi/TrueNorth/Xylo), or both (default)
  --executor <name>    kernel (default; quantized to the chip) or reference (float64)
  --seconds <s>        free-run length (default max(10, 8 periods))
  --per-core <n>       at most n units per core (spreads the network over the mesh)
  --cycles-per-step <n> measured kernel cycles per step for processor profiles
                       (replaces measured instructions x CPI)
  --system <name>      system (or system module) to measure accuracy against
                       (default: the one the model was trained on)
  --seed <n>           seed of the free run (default 1)
  --out <dir>          output folder (default out)
  --json               print the summary as JSON on stdout`;

export interface EnergyCommand {
  model: string;
  /** Profile names or file paths; ['all'] for every built-in one. */
  profiles?: string[];
  slowPath?: SlowPath;
  policy?: 'spec' | 'chip' | 'both';
  executor?: 'kernel' | 'reference';
  seconds?: number;
  perCore?: number;
  cyclesPerStep?: number;
  system?: string;
  seed?: number;
  outDir?: string;
  /** An already-loaded model and system (for scripts), instead of reading `model`. */
  loaded?: Model;
  systemObject?: DynamicalSystem;
}

export interface EnergyRow {
  profile: string;
  title: string;
  fits: boolean;
  refusal?: { limit: string; need: number; have: number; unit: string; message: string; suggestions: string[] };
  format?: { name: string; weightBits: number | null; stateBits: number };
  policy?: string;
  accuracy?: Accuracy;
  /** The same run with the chip's native spike policy (policy both/chip). */
  chipPolicy?: {
    policy: string; note?: string; accuracy: Accuracy; energyPerSecond: number; energyRange: [number, number, number];
    /** The chip-rule run's own breakdown, step figures and latency. */
    energy: NonNullable<EnergyRow['energy']>; perStep: NonNullable<EnergyRow['perStep']>; latency: NonNullable<EnergyRow['latency']>;
  };
  /** The form priced (requested, or the runnable form the chip needs) and the spike-rule check. */
  form?: { slowPath: SlowPath; dendrites: string; changed: boolean; note: string | null };
  rule?: { chipRule: string; delay: number; networkRule: string; needsArbiter: boolean; matches: boolean; label: string };
  energy?: {
    perSecond: number;
    perStep: number;
    categories: Record<Category, { perSecond: number; share: number }>;
    dominant: Category;
    missing: string[];
    /** Categories with events the profile does not price (their share is a lower bound). */
    missingCategories: Category[];
    /** Watts per simulated second [min, typical, max]; a lower bound when lowerBound. */
    range: [number, number, number];
    lowerBound: boolean;
    costModel: string;
    alternatives?: { fields: string[]; perSecond: number }[];
    cyclesPerStep?: number;
    cyclesRange?: [number, number, number];
    cyclesSource?: string;
  };
  /** Per step: energy (J, typical), time (s, slowest step), steps per second the chip sustains, and energy x delay (J s). */
  perStep?: { energy: number; latency: number | null; throughput: number | null; edp: number | null };
  mapping?: { cores: number; nodes: number; fullestCore: { units: number | null; fanIn: number | null; memory: number | null } };
  traffic?: { packetsPerStep: number; hopsPerStep: number; busiestLink: string | null; busiestLinkPackets: number; busiestCore: number | null };
  latency?: { mean: number | null; max: number | null; realTime: boolean | null; model: string };
  factoredResidual?: number;
  quant?: { clipped: number; maxAbsError: number };
  /** Loihi: the same events priced with SANA-FE's Loihi costs (W) and its ratio to ebnkit's typical dynamic price. */
  sanafe?: { perSecond: number; ebnkit: number; ratio: number };
  /** Text of the ledger and mapping, for the printed report. */
  detail?: string;
}

export interface EnergySummary {
  model: string;
  system: string;
  neurons: number;
  dendrites: number;
  dt: number;
  slowPath: SlowPath;
  executor: 'kernel' | 'reference';
  seconds: number;
  baseline: { format: string; accuracy: Accuracy };
  results: EnergyRow[];
  files: { json: string; svg: string };
}

function resolveProfiles(list: string[] | undefined): Profile[] {
  const names = list && list.length ? list : ['loihi'];
  if (names.length === 1 && names[0] === 'all') return builtinProfiles();
  return names.map(loadProfile);
}

const stem = (path: string) => basename(path).replace(/(\.model)?\.(json|ebn)$/i, '');

/**
 * Latency and throughput per step: the chip's slowest step, the steps per
 * second it could sustain (1 / that, or the real-time rate 1/dt when faster),
 * and the energy-delay product per step.
 */
export function stepFigures(energy: number, latency: number | null, dt: number): NonNullable<EnergyRow['perStep']> {
  if (latency === null || !(latency > 0)) return { energy, latency: null, throughput: null, edp: null };
  return { energy, latency, throughput: 1 / Math.max(latency, dt), edp: energy * latency };
}

function row(r: FitResult): EnergyRow {
  const e = r.emulation;
  const l = e.ledger;
  const cats = Object.fromEntries(CATEGORIES.map((c) => [c, { perSecond: l.categories[c].perSecond, share: l.categories[c].share }])) as Record<Category, { perSecond: number; share: number }>;
  const missingCategories = CATEGORIES.filter((c) => l.lines.some((x) => x.category === c && x.cost === null && x.count > 0 && !x.included));
  const fullest = e.mapping.cores.reduce((a, c) => ((c.utilisation.units ?? c.utilisation.memory ?? 0) > (a.utilisation.units ?? a.utilisation.memory ?? 0) ? c : a));
  const t = e.traffic;
  const steps = Math.max(1, l.steps);
  return {
    profile: r.profile,
    title: r.title,
    fits: true,
    format: { name: r.format.name, weightBits: r.format.weightBits, stateBits: r.format.stateBits },
    policy: r.policy,
    accuracy: r.accuracy,
    energy: {
      perSecond: l.total.perSecond,
      perStep: l.total.perStep,
      categories: cats,
      dominant: l.dominant,
      missing: l.missing,
      missingCategories,
      range: l.range.perSecond,
      lowerBound: l.lowerBound,
      costModel: l.costModel,
      ...(l.alternatives ? { alternatives: l.alternatives } : {}),
      ...(l.cycles ? { cyclesPerStep: l.cycles.perStep, cyclesRange: l.cycles.range, cyclesSource: l.cycles.source } : {}),
    },
    perStep: stepFigures(l.total.perStep, e.latency.max, l.dt),
    ...(r.profile === 'loihi' && t ? { sanafe: (({ sanafe, ebnkit, ratio }) => ({ perSecond: sanafe, ebnkit, ratio }))(sanafeLoihiPrice(t, l)) } : {}),
    form: { slowPath: e.form.slowPath, dendrites: e.form.dendrites, changed: e.form.changed, note: e.form.note },
    rule: { ...e.rule },
    mapping: { cores: e.mapping.cores.length, nodes: e.mapping.nodesUsed, fullestCore: { units: fullest.utilisation.units, fanIn: fullest.utilisation.fanIn, memory: fullest.utilisation.memory } },
    ...(t
      ? { traffic: { packetsPerStep: (t.packets.spike + t.packets.graded) / steps, hopsPerStep: (t.hops.ew + t.hops.ns) / steps, busiestLink: t.busiestLink?.link ?? null, busiestLinkPackets: t.busiestLink?.packets ?? 0, busiestCore: t.busiestCore?.core ?? null } }
      : {}),
    latency: { mean: e.latency.mean, max: e.latency.max, realTime: e.latency.realTime, model: e.latency.model },
    ...(r.factoredResidual !== undefined ? { factoredResidual: r.factoredResidual } : {}),
    ...(r.quant ? { quant: { clipped: r.quant.clipped, maxAbsError: r.quant.maxAbsError } } : {}),
    detail: [formatMapping(e.mapping), formatTraffic(e.traffic, e.latency, l.dt), formatLedger(l)].join('\n'),
  };
}

export async function runEnergy(o: EnergyCommand): Promise<EnergySummary> {
  const model = o.loaded ?? loadModel(o.model);
  const spec = model.spec;
  const meta = model.meta;
  const sys = o.systemObject ?? (await systemForModel(o.model, model, o.system));
  if (sys.dims !== spec.J) throw new UsageError(`system ${sys.name} has ${sys.dims} dimensions but the model has J=${spec.J}`);
  const profiles = resolveProfiles(o.profiles);
  const slowPath = o.slowPath ?? 'dense';
  const executor = o.executor ?? 'kernel';
  const seed = o.seed ?? 1;
  const policy = o.policy ?? 'both';
  const truth = sys.kind === 'limit-cycle' ? trueCycle(sys, spec.dt) : undefined;
  const evalOpts = { ...(o.seconds !== undefined ? { duration: o.seconds } : {}), seed, ...(truth ? { truth } : {}) };
  // baseline: the model as saved (the kernel runs its stored image bit for bit)
  const baseEx: Executor = executor === 'reference' ? new ReferenceExecutor(spec) : KernelExecutor.fromImage(model.image, spec);
  const base = evaluateOn(baseEx, sys, evalOpts);
  const common = {
    system: sys,
    slowPath,
    executor,
    ...evalOpts,
    ...(o.perCore !== undefined ? { maxUnitsPerCore: o.perCore } : {}),
    ...(o.cyclesPerStep !== undefined ? { cyclesPerStep: o.cyclesPerStep } : {}),
  };
  const results: EnergyRow[] = [];
  const figs: { title: string; ledger: FitResult['emulation']['ledger'] }[] = [];
  for (const p of profiles) {
    try {
      const first = fitToChip(spec, p, { ...common, policy: policy === 'chip' ? 'chip' : 'spec' });
      const r = row(first);
      if (policy === 'both' && chipPolicy(p, spec.policy).policy !== spec.policy) {
        const alt = fitToChip(spec, p, { ...common, policy: 'chip' });
        const ar = row(alt);
        r.chipPolicy = {
          policy: alt.policy, ...(alt.policyNote ? { note: alt.policyNote } : {}), accuracy: alt.accuracy,
          energyPerSecond: alt.emulation.ledger.total.perSecond, energyRange: alt.emulation.ledger.range.perSecond,
          energy: ar.energy!, perStep: ar.perStep!, latency: ar.latency!,
        };
      }
      results.push(r);
      figs.push({ title: p.name, ledger: first.emulation.ledger });
    } catch (e) {
      if (!(e instanceof FitError)) throw e;
      results.push({
        profile: p.name,
        title: p.title,
        fits: false,
        refusal: { limit: e.limit, need: e.need, have: e.have, unit: e.unit, message: e.message, suggestions: e.suggestions.map((s) => s.text) },
      });
    }
  }
  const outDir = o.outDir ?? 'out';
  const name = stem(o.model);
  const files = { json: join(outDir, `${name}.energy.json`), svg: join(outDir, `${name}.energy.svg`) };
  const summary: EnergySummary = {
    model: o.model,
    system: sys.name,
    neurons: spec.N,
    dendrites: spec.dendrites.K,
    dt: spec.dt,
    slowPath,
    executor,
    seconds: base.duration,
    baseline: { format: executor === 'reference' ? 'float64' : 'stored image', accuracy: base.accuracy },
    results,
    files,
  };
  writeAtomic(files.json, JSON.stringify({ ...summary, results: results.map(({ detail: _d, ...r }) => r) }, null, 2));
  writeAtomic(files.svg, energyFigure(figs.length ? figs : [], `ebnkit energy · ${sys.name} · N=${spec.N} · slow path ${slowPath}`));
  return summary;
}

const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? 'n/a' : `${(100 * v).toFixed(1)}%`);

/** Energy per simulated second as "min / typical / max W", ">=" when some events are not priced. */
export function rangeText(e: NonNullable<EnergyRow['energy']>): string {
  return powerRange({ range: { perSecond: e.range, joules: e.range }, lowerBound: e.lowerBound } as Parameters<typeof powerRange>[0]);
}

export function formatAccuracy(a: Accuracy | undefined): string {
  if (!a) return 'n/a';
  const shape =
    a.amplitudeError !== undefined
      ? `amp ${pct(a.amplitudeError)} per ${pct(a.periodError)}`
      : a.attractorMeanError !== undefined
        ? `attractor mean ${pct(a.attractorMeanError)} std ${pct(a.attractorStdError)} switches ${a.switchRate!.toFixed(2)}/s (true ${a.trueSwitchRate!.toFixed(2)})`
        : `traj ${pct(a.trajectoryError)}`;
  return `${shape} · ${a.ratePerNeuron.toFixed(1)} Hz`;
}

export function formatEnergy(s: EnergySummary, detail = true): string {
  const out = [
    `model      ${s.model} (${s.system}, N=${s.neurons}, K=${s.dendrites}, dt ${s.dt * 1000} ms), free run ${s.seconds} s, slow path ${s.slowPath}, executor ${s.executor}`,
    `baseline   ${s.baseline.format}: ${formatAccuracy(s.baseline.accuracy)}`,
    '',
  ];
  const head = ['profile', 'format', 'accuracy', 'energy/s (min / typ / max)', ...CATEGORIES.map((c) => c), 'step time', 'spike rule'];
  const rows: string[][] = [head];
  for (const r of s.results) {
    if (!r.fits) {
      rows.push([r.profile, '-', 'DOES NOT FIT', '-', ...CATEGORIES.map(() => '-'), '-', '-']);
      continue;
    }
    const e = r.energy!;
    rows.push([
      r.profile,
      `${r.format!.name} ${r.format!.weightBits ?? 32}b/${r.format!.stateBits}b`,
      formatAccuracy(r.accuracy),
      rangeText(e),
      ...CATEGORIES.map((c) => `${pct(e.categories[c].share)}${e.missingCategories.includes(c) ? '*' : ''}`),
      r.latency?.max == null ? 'n/a' : `${si(r.latency.max, 's')}${r.latency.realTime ? '' : ' (slow)'}`,
      r.rule?.needsArbiter ? 'NEEDS ARBITER' : r.rule?.matches ? 'as chip' : 'differs',
    ]);
  }
  const w = head.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) out.push(r.map((c, i) => c.padEnd(w[i]!)).join('  ').trimEnd());
  out.push(`(shares of the typical priced energy: ${CATEGORIES.map((c) => `${c} = ${CATEGORY_LABELS[c]}`).join(', ')}; * = some events of that kind have no published cost; >= = the total is a lower bound; NEEDS ARBITER = the network fires one spike per step and the chip has no such arbiter)`);
  for (const r of s.results) {
    out.push('', `── ${r.profile}: ${r.title}`);
    if (!r.fits) {
      out.push(`refused    ${r.refusal!.message}`);
      continue;
    }
    if (r.rule) out.push(`spike rule ${r.rule.label}`);
    if (r.form?.changed) out.push(`runnable   ${r.form.note}`);
    if (r.chipPolicy) out.push(`chip policy "${r.chipPolicy.policy}" (native firing): ${formatAccuracy(r.chipPolicy.accuracy)}, ${si(r.chipPolicy.energyPerSecond, 'W')}${r.chipPolicy.note ? ` (${r.chipPolicy.note})` : ''}`);
    if (r.sanafe) out.push(`SANA-FE    the same events at SANA-FE's Loihi costs: ${si(r.sanafe.perSecond, 'W')} = ${r.sanafe.ratio.toFixed(2)} x ebnkit's typical dynamic ${si(r.sanafe.ebnkit, 'W')}`);
    if (r.perStep) out.push(`per step   ${si(r.perStep.energy, 'J')}; ${r.perStep.latency === null ? 'latency unknown' : `${si(r.perStep.latency, 's')} slowest step, ${r.perStep.throughput!.toFixed(0)} steps/s, energy x delay ${r.perStep.edp!.toExponential(2)} J s`}`);
    if (r.factoredResidual !== undefined) out.push(`factored   |Os - D W| / |Os| = ${r.factoredResidual.toExponential(2)}`);
    if (r.quant) out.push(`quantized  ${r.quant.clipped} weights clipped, max weight error ${r.quant.maxAbsError.toExponential(2)}`);
    if (detail && r.detail) out.push(r.detail);
  }
  out.push('', `json       ${s.files.json}`, `figure     ${s.files.svg}`);
  return out.join('\n');
}

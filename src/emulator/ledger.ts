// The energy ledger: event counts x the profile's cost per event, line by line,
// grouped into categories, per core and in total, per simulated second and
// per step, as a range (min / typical / max) wherever the sources disagree.
//
// Two cost models (profile.costModel):
// - per-event (default): every figure is a marginal cost; the ledger adds
//   them, plus static power (per chip and per core in use) for the wall time,
//   plus host I/O. A cost the profile does not give (null) is listed as
//   missing and counted as zero: the total is then a lower bound.
// - whole-chip-average: the listed figures are each a whole-chip total divided
//   by one kind of event (TrueNorth's 26 pJ per synaptic event, SpiNNaker's
//   100 nJ per neuron-ms and 43 nJ per PSP). Each group is priced on its own
//   as an alternative estimate of the same total; hops, deliveries and static
//   power are inside those averages and are never added on top.
import type { Mapping } from './mapping.js';
import { qrange, type Profile, type Quantity } from './profile.js';
import type { Latency, SpikeRecord, Traffic } from './traffic.js';

export type Category = 'neuron' | 'fast' | 'slow' | 'learning' | 'routing' | 'io' | 'static';
export const CATEGORIES: readonly Category[] = ['neuron', 'fast', 'slow', 'learning', 'routing', 'io', 'static'];
export const CATEGORY_LABELS: Record<Category, string> = {
  neuron: 'neuron updates',
  fast: 'fast (balancing) synapses',
  slow: 'slow / dendritic path',
  learning: 'learning updates',
  routing: 'routing',
  io: 'host I/O',
  static: 'static power x time',
};

/** [min, typical, max]. */
export type Range = [number, number, number];

export interface LedgerLine {
  category: Category;
  item: string;
  count: number;
  /** Joules per event (watts for static), typical; null when the profile does not give it. */
  cost: number | null;
  costRange: Range | null;
  /** Typical joules (0 for a line of a non-first alternative or one included in an average). */
  joules: number;
  joulesRange: Range;
  /** Profile field the cost comes from. */
  field: string;
  /** Whole-chip-average profiles: this cost is inside the averages (not missing, not added). */
  included?: boolean;
  /** Whole-chip-average profiles: index of the alternative this line prices. */
  alternative?: number;
}

export interface CategoryTotal {
  joules: number;
  share: number;
  /** Watts: joules per simulated second. */
  perSecond: number;
  perStep: number;
}

export interface CoreEnergy {
  core: number;
  joules: Record<'neuron' | 'fast' | 'slow' | 'learning', number>;
  total: number;
}

export interface Ledger {
  profile: string;
  steps: number;
  dt: number;
  simulatedSeconds: number;
  lines: LedgerLine[];
  categories: Record<Category, CategoryTotal>;
  total: { joules: number; perSecond: number; perStep: number };
  /** Totals as [min, typical, max] per simulated second and per run. */
  range: { perSecond: Range; joules: Range };
  /** True when some events have no published cost: every total is then a lower bound. */
  lowerBound: boolean;
  costModel: 'per-event' | 'whole-chip-average';
  /** Whole-chip-average: each alternative's total per simulated second. */
  alternatives?: { fields: string[]; perSecond: number }[];
  /** Dynamic energy per core (routing, I/O and static are chip-level). */
  perCore: CoreEnergy[];
  /** Events that happened but whose cost the profile does not give. */
  missing: string[];
  /** Category with the most energy. */
  dominant: Category;
  /** Processor profiles: cycles per step and where they come from. */
  cycles?: { perStep: number; range: Range; measured: boolean; energyPerCycle: number | null; clock: number | null; source: string };
}

const ZERO: Range = [0, 0, 0];

function line(category: Category, item: string, count: number, q: Quantity | undefined, field: string, dim: 'energy' | 'power'): LedgerLine {
  const r = q ? qrange(q, dim) : null;
  const jr: Range = r ? [count * r[0], count * r[1], count * r[2]] : ZERO;
  return { category, item, count, cost: r ? r[1] : null, costRange: r, joules: jr[1], joulesRange: jr, field };
}

function finish(p: Profile, steps: number, dt: number, lines: LedgerLine[], perCore: CoreEnergy[], extra: Partial<Ledger> = {}): Ledger {
  const T = steps * dt;
  const avg = p.costModel?.kind === 'whole-chip-average' ? p.costModel.alternatives ?? [] : null;
  let alternatives: Ledger['alternatives'];
  let range: Range;
  if (avg) {
    // each group prices the whole chip alone; lines outside every group are included in the averages
    const groupOf = (field: string) => avg.findIndex((g) => g.includes(field.replace(/^energy\./, '')));
    for (const l of lines) {
      const g = groupOf(l.field);
      if (g < 0) {
        // hops, deliveries, static power, unit updates are inside the averages; host I/O is not
        l.included = l.cost === null && l.category !== 'io';
        if (l.included) l.joulesRange = ZERO;
        continue;
      }
      l.alternative = g;
      if (g > 0) l.joules = 0;
    }
    const sums = avg.map((_, g) => lines.filter((l) => l.alternative === g).reduce<Range>((a, l) => [a[0] + l.joulesRange[0], a[1] + l.joulesRange[1], a[2] + l.joulesRange[2]], [0, 0, 0]));
    const rest = lines.filter((l) => l.alternative === undefined).reduce<Range>((a, l) => [a[0] + l.joulesRange[0], a[1] + l.joulesRange[1], a[2] + l.joulesRange[2]], [0, 0, 0]);
    alternatives = avg.map((fields, g) => ({ fields, perSecond: T > 0 ? (sums[g]![1] + rest[1]) / T : 0 }));
    range = [Math.min(...sums.map((s) => s[0])) + rest[0], sums[0]![1] + rest[1], Math.max(...sums.map((s) => s[2])) + rest[2]];
  } else {
    range = lines.reduce<Range>((a, l) => [a[0] + l.joulesRange[0], a[1] + l.joulesRange[1], a[2] + l.joulesRange[2]], [0, 0, 0]);
  }
  const categories = {} as Record<Category, CategoryTotal>;
  let total = 0;
  for (const l of lines) total += l.joules;
  for (const c of CATEGORIES) {
    const j = lines.filter((l) => l.category === c).reduce((a, l) => a + l.joules, 0);
    categories[c] = { joules: j, share: total > 0 ? j / total : 0, perSecond: T > 0 ? j / T : 0, perStep: steps > 0 ? j / steps : 0 };
  }
  const missing = lines.filter((l) => l.cost === null && l.count > 0 && !l.included).map((l) => `${l.item} (${l.field})`);
  const dominant = CATEGORIES.reduce((a, b) => (categories[b].joules > categories[a].joules ? b : a), 'neuron' as Category);
  return {
    profile: p.name, steps, dt, simulatedSeconds: T, lines, categories,
    total: { joules: total, perSecond: T > 0 ? total / T : 0, perStep: steps > 0 ? total / steps : 0 },
    range: { joules: range, perSecond: T > 0 ? (range.map((v) => v / T) as Range) : ZERO },
    lowerBound: missing.length > 0,
    costModel: avg ? 'whole-chip-average' : 'per-event',
    ...(alternatives ? { alternatives } : {}),
    perCore, missing, dominant, ...extra,
  };
}

/** Host I/O per step: the J input values come in and the J readouts go out. */
export const ioWordsPerStep = (J: number): number => 2 * J;

/** Ledger of an event-cost chip from the mapping and its traffic. */
export function eventLedger(p: Profile, map: Mapping, traffic: Traffic, latency: Latency, dt: number): Ledger {
  const e = p.energy;
  if (!e) throw new RangeError(`profile ${p.name} has no energy section (a processor profile: use processorLedger)`);
  const t = traffic.totals;
  const { J } = map.shape;
  const spiking = map.shape.dendrites === 'spiking';
  const lines: LedgerLine[] = [
    line('neuron', 'active neuron updates (neuron spiked)', t.neuronActive, e.neuronActive, 'energy.neuronActive', 'energy'),
    line('neuron', 'inactive neuron updates', t.neuronInactive, e.neuronInactive, 'energy.neuronInactive', 'energy'),
    line('fast', 'fast synaptic events (spike x alive neuron, reset included)', t.fastOps, e.synapticOp, 'energy.synapticOp', 'energy'),
    line('slow', 'dendritic input events (spike x basis unit)', t.dendriticOps, e.synapticOp, 'energy.synapticOp', 'energy'),
    line('slow', spiking ? 'slow synaptic events (dendrite spikes x neuron)' : `slow synaptic events (graded, ${map.shape.slowPath} path)`, t.slowOps, e.synapticOp, 'energy.synapticOp', 'energy'),
    line('slow', spiking ? 'spiking dendrite compartment updates' : 'basis and slow-sum unit updates', t.unitUpdates, e.dendriteUpdate, 'energy.dendriteUpdate', 'energy'),
    line('learning', 'weight updates', t.learning, e.synapticUpdate, 'energy.synapticUpdate', 'energy'),
    line('routing', 'hops east-west', traffic.hops.ew, e.hopEW, 'energy.hopEW', 'energy'),
    line('routing', 'hops north-south', traffic.hops.ns, e.hopNS, 'energy.hopNS', 'energy'),
    line('routing', 'packet copies delivered into cores', traffic.deliveries, e.delivery, 'energy.delivery', 'energy'),
    // input c(t) enters through J input axons into every alive neuron: N x J synaptic events per step
    line('io', 'input synaptic events (J inputs x alive neuron per step)', (t.neuronActive + t.neuronInactive) * J, e.synapticOp, 'energy.synapticOp', 'energy'),
    line('io', 'host words in and out (2J per step)', ioWordsPerStep(J) * traffic.steps, e.hostIO, 'energy.hostIO', 'energy'),
    line('static', 'chip static power x wall time (s)', latency.wallTime, e.staticPower, 'energy.staticPower', 'power'),
    line('static', `static power per core x ${map.cores.length} cores in use x wall time (s)`, latency.wallTime * map.cores.length, e.staticPerCore, 'energy.staticPerCore', 'power'),
  ];
  const cost = (q: Quantity) => qrange(q, 'energy')?.[1] ?? 0;
  const perCore: CoreEnergy[] = traffic.cores.map((c) => {
    const j = {
      neuron: c.neuronActive * cost(e.neuronActive) + c.neuronInactive * cost(e.neuronInactive),
      fast: c.fastOps * cost(e.synapticOp),
      slow: (c.dendriticOps + c.slowOps) * cost(e.synapticOp) + c.unitUpdates * cost(e.dendriteUpdate),
      learning: c.learning * cost(e.synapticUpdate),
    };
    return { core: c.core, joules: j, total: j.neuron + j.fast + j.slow + j.learning };
  });
  return finish(p, traffic.steps, dt, lines, perCore);
}

export interface KernelCounts {
  steps: number;
  neuronUpdates: number;
  fastEvents: number;
  slowEvents: number;
  dendriteEvals: number;
  weightUpdates: number;
}

/** The kernel's own counters for a spike record (dense path: alive x B slow events per step). */
export function kernelCounts(map: Mapping, rec: SpikeRecord): KernelCounts {
  const { N, B, K } = map.shape;
  const alive = rec.alive ? Array.from(rec.alive).reduce((a, v) => a + (v ? 1 : 0), 0) : N;
  const spikes = rec.spikeSteps.length;
  return {
    steps: rec.steps,
    neuronUpdates: alive * rec.steps,
    fastEvents: spikes * alive,
    slowEvents: alive * B * rec.steps,
    dendriteEvals: K * rec.steps,
    weightUpdates: rec.weightUpdates ?? 0,
  };
}

export interface ProcessorOptions {
  /** Measured cycles per step; replaces the instruction count x CPI model (the split across categories keeps the per-operation proportions). */
  cyclesPerStep?: number;
}

export { finish as finishLedger, line as ledgerLine };

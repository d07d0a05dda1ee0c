// The energy ledger: event counts x the profile's cost per event, line by line,
// grouped into categories, per core and in total, per simulated second and
// per step. A cost the profile does not give (null) is listed as missing and
// counted as zero, never guessed.
import type { Mapping } from './mapping.js';
import { qv, type Profile, type Quantity } from './profile.js';
import type { Latency, SpikeRecord, Traffic } from './traffic.js';

export type Category = 'neuron' | 'fast' | 'slow' | 'learning' | 'routing' | 'static';
export const CATEGORIES: readonly Category[] = ['neuron', 'fast', 'slow', 'learning', 'routing', 'static'];
export const CATEGORY_LABELS: Record<Category, string> = {
  neuron: 'neuron updates',
  fast: 'fast (balancing) synapses',
  slow: 'slow / dendritic path',
  learning: 'learning updates',
  routing: 'routing',
  static: 'static power x time',
};

export interface LedgerLine {
  category: Category;
  item: string;
  count: number;
  /** Joules per event (per second for static), or null when the profile does not give it. */
  cost: number | null;
  joules: number;
  /** Profile field the cost comes from. */
  field: string;
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
  joules: Record<Exclude<Category, 'routing' | 'static'>, number>;
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
  /** Dynamic energy per core (routing and static are chip-level). */
  perCore: CoreEnergy[];
  /** Events that happened but whose cost the profile does not give. */
  missing: string[];
  /** Category with the most energy. */
  dominant: Category;
  /** Processor profiles: cycles per step and whether they are estimates. */
  cycles?: { perStep: number; estimated: boolean; energyPerCycle: number; clock: number };
}

function finish(profile: string, steps: number, dt: number, lines: LedgerLine[], perCore: CoreEnergy[], extra: Partial<Ledger> = {}): Ledger {
  const T = steps * dt;
  const categories = {} as Record<Category, CategoryTotal>;
  let total = 0;
  for (const l of lines) total += l.joules;
  for (const c of CATEGORIES) {
    const j = lines.filter((l) => l.category === c).reduce((a, l) => a + l.joules, 0);
    categories[c] = { joules: j, share: total > 0 ? j / total : 0, perSecond: T > 0 ? j / T : 0, perStep: steps > 0 ? j / steps : 0 };
  }
  const missing = lines.filter((l) => l.cost === null && l.count > 0).map((l) => `${l.item} (${l.field})`);
  const dominant = CATEGORIES.reduce((a, b) => (categories[b].joules > categories[a].joules ? b : a), 'neuron' as Category);
  return {
    profile, steps, dt, simulatedSeconds: T, lines, categories,
    total: { joules: total, perSecond: T > 0 ? total / T : 0, perStep: steps > 0 ? total / steps : 0 },
    perCore, missing, dominant, ...extra,
  };
}

function line(category: Category, item: string, count: number, q: Quantity | undefined, field: string, dim: 'energy' | 'power', factor = 1): LedgerLine {
  const cost = q ? qv(q, dim) : null;
  return { category, item, count, cost, joules: cost === null ? 0 : count * cost * factor, field };
}

/** Ledger of an event-cost chip from the mapping and its traffic. */
export function eventLedger(p: Profile, map: Mapping, traffic: Traffic, latency: Latency, dt: number): Ledger {
  const e = p.energy;
  if (!e) throw new RangeError(`profile ${p.name} has no energy section (a processor profile: use processorLedger)`);
  const t = traffic.totals;
  const lines: LedgerLine[] = [
    line('neuron', 'active neuron updates (neuron spiked)', t.neuronActive, e.neuronActive, 'energy.neuronActive', 'energy'),
    line('neuron', 'inactive neuron updates', t.neuronInactive, e.neuronInactive, 'energy.neuronInactive', 'energy'),
    line('fast', 'fast synaptic events (spike x alive neuron, reset included)', t.fastOps, e.synapticOp, 'energy.synapticOp', 'energy'),
    line('slow', 'dendritic input events (spike x basis unit)', t.dendriticOps, e.synapticOp, 'energy.synapticOp', 'energy'),
    line('slow', `slow synaptic events (graded, ${map.shape.slowPath} path)`, t.slowOps, e.synapticOp, 'energy.synapticOp', 'energy'),
    line('slow', 'basis and slow-sum unit updates', t.unitUpdates, e.dendriteUpdate, 'energy.dendriteUpdate', 'energy'),
    line('learning', 'weight updates', t.learning, e.synapticUpdate, 'energy.synapticUpdate', 'energy'),
    line('routing', 'hops east-west', traffic.hops.ew, e.hopEW, 'energy.hopEW', 'energy'),
    line('routing', 'hops north-south', traffic.hops.ns, e.hopNS, 'energy.hopNS', 'energy'),
    line('routing', 'packet copies delivered into cores', traffic.deliveries, e.delivery, 'energy.delivery', 'energy'),
    line('static', 'static power x wall time (s)', latency.wallTime, e.staticPower, 'energy.staticPower', 'power'),
  ];
  const cost = (q: Quantity) => qv(q, 'energy') ?? 0;
  const perCore: CoreEnergy[] = traffic.cores.map((c) => {
    const j = {
      neuron: c.neuronActive * cost(e.neuronActive) + c.neuronInactive * cost(e.neuronInactive),
      fast: c.fastOps * cost(e.synapticOp),
      slow: (c.dendriticOps + c.slowOps) * cost(e.synapticOp) + c.unitUpdates * cost(e.dendriteUpdate),
      learning: c.learning * cost(e.synapticUpdate),
    };
    return { core: c.core, joules: j, total: j.neuron + j.fast + j.slow + j.learning };
  });
  return finish(p.name, traffic.steps, dt, lines, perCore);
}

export interface KernelCounts {
  steps: number;
  neuronUpdates: number;
  fastEvents: number;
  slowEvents: number;
  dendriteEvals: number;
  weightUpdates: number;
}

/** The kernel's own counters for a spike record (what executors count, step by step). */
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
  /** Measured cycles per step; replaces the profile's per-operation estimates (the split across categories keeps their proportions). */
  cyclesPerStep?: number;
}

/** Ledger and latency of a processor that runs the kernel (cycles x energy per cycle, sleep for the rest of each step). */
export function processorLedger(p: Profile, map: Mapping, rec: SpikeRecord, dt: number, o: ProcessorOptions = {}): { ledger: Ledger; latency: Latency; counts: KernelCounts } {
  const cy = p.cycles;
  if (!cy) throw new RangeError(`profile ${p.name} has no cycles section`);
  const c = (q: Quantity) => qv(q, 'cycles') ?? 0;
  const clock = qv(cy.clock, 'frequency')!;
  const eCycle = ((qv(cy.activeCurrent, 'current') ?? 0) * (qv(cy.supplyVoltage, 'voltage') ?? 0)) / clock;
  const counts = kernelCounts(map, rec);
  const alive = counts.steps > 0 ? counts.neuronUpdates / counts.steps : 0;
  const est = {
    overhead: counts.steps * c(cy.stepOverhead),
    neuron: counts.neuronUpdates * c(cy.neuronUpdate),
    fast: counts.fastEvents * c(cy.fastEvent),
    slow: counts.slowEvents * c(cy.slowEvent),
    dendrite: counts.dendriteEvals * c(cy.dendriteEval),
    learning: counts.weightUpdates * c(cy.weightUpdate),
  };
  const estTotal = est.overhead + est.neuron + est.fast + est.slow + est.dendrite + est.learning;
  const scale = o.cyclesPerStep !== undefined && estTotal > 0 ? (o.cyclesPerStep * counts.steps) / estTotal : 1;
  const tag = o.cyclesPerStep !== undefined ? ' [measured total, split as estimated]' : ' [estimated cycles]';
  const cyc = (item: string, category: Category, count: number, perEvent: number, field: string): LedgerLine => {
    const cost = perEvent * eCycle * scale;
    return { category, item: `${item}${tag}`, count, cost, joules: count * cost, field };
  };
  const lines: LedgerLine[] = [
    cyc('step overhead (run loop, counters)', 'neuron', counts.steps, c(cy.stepOverhead), 'cycles.stepOverhead'),
    cyc('neuron updates', 'neuron', counts.neuronUpdates, c(cy.neuronUpdate), 'cycles.neuronUpdate'),
    cyc('fast synaptic events (spike x alive neuron)', 'fast', counts.fastEvents, c(cy.fastEvent), 'cycles.fastEvent'),
    cyc('slow synaptic events (alive neuron x basis function)', 'slow', counts.slowEvents, c(cy.slowEvent), 'cycles.slowEvent'),
    cyc('dendrite evaluations', 'slow', counts.dendriteEvals, c(cy.dendriteEval), 'cycles.dendriteEval'),
    cyc('weight updates', 'learning', counts.weightUpdates, c(cy.weightUpdate), 'cycles.weightUpdate'),
  ];
  // per-step busy time: fixed part plus the spikes of that step
  const perSpike = c(cy.fastEvent) * alive * scale;
  const fixed = (est.overhead + est.neuron + est.slow + est.dendrite + est.learning) * scale / Math.max(1, counts.steps);
  const spikesAt = new Uint32Array(rec.steps);
  for (let q = 0; q < rec.spikeSteps.length; q++) spikesAt[rec.spikeSteps[q]!]!++;
  const lat = new Float64Array(rec.steps);
  let idle = 0;
  let wall = 0;
  let mx = 0;
  let sum = 0;
  for (let s = 0; s < rec.steps; s++) {
    const busy = (fixed + spikesAt[s]! * perSpike) / clock;
    lat[s] = busy;
    sum += busy;
    mx = Math.max(mx, busy);
    idle += Math.max(0, dt - busy);
    wall += Math.max(dt, busy);
  }
  const sleep = qv(cy.sleepCurrent, 'current');
  const V = qv(cy.supplyVoltage, 'voltage') ?? 0;
  lines.push({ category: 'static', item: 'sleep current x supply x idle time (s)', count: idle, cost: sleep === null ? null : sleep * V, joules: sleep === null ? 0 : idle * sleep * V, field: 'cycles.sleepCurrent' });
  const perStepCycles = rec.steps > 0 ? (estTotal * scale) / rec.steps : 0;
  const coreJ = {
    neuron: lines[0]!.joules + lines[1]!.joules,
    fast: lines[2]!.joules,
    slow: lines[3]!.joules + lines[4]!.joules,
    learning: lines[5]!.joules,
  };
  const ledger = finish(p.name, rec.steps, dt, lines, [{ core: 0, joules: coreJ, total: coreJ.neuron + coreJ.fast + coreJ.slow + coreJ.learning }], {
    cycles: { perStep: perStepCycles, estimated: o.cyclesPerStep === undefined, energyPerCycle: eCycle, clock },
  });
  const latency: Latency = {
    perStep: lat,
    mean: rec.steps ? sum / rec.steps : 0,
    max: mx,
    realTime: mx <= dt,
    wallTime: wall,
    model: `cycles / clock (${o.cyclesPerStep !== undefined ? 'measured' : 'estimated'} cycles)`,
  };
  return { ledger, latency, counts };
}

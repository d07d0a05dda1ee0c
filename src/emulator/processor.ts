// A processor that runs the ebnkit kernel itself (a microcontroller, or one
// SpiNNaker 2 processing element): cycles per step = the kernel's measured
// instructions per step (bench/results/mcu.json, QEMU) x cycles per
// instruction (a range from the core's manual), scaled from the measured
// network shape to this one by the per-operation model; energy = cycles x
// energy per cycle (run current x supply / clock), plus the sleep current for
// the idle rest of each step, plus host I/O words.
import { finishLedger, ioWordsPerStep, kernelCounts, type KernelCounts, type Ledger, type LedgerLine, type ProcessorOptions, type Range } from './ledger.js';
import type { Mapping } from './mapping.js';
import { qrange, qv, type Profile, type Quantity } from './profile.js';
import type { Latency, SpikeRecord } from './traffic.js';

type Parts = { overhead: number; neuron: number; fast: number; slow: number; dendrite: number; learning: number };

/** Per-step cycles of each kernel phase by the per-operation model (estimates; used for proportions and shape scaling only). */
export function perOperationCycles(p: Profile, s: { N: number; J: number; K: number; B: number; alive: number; factored: boolean; spikesPerStep: number; learnPerStep: number }): Parts {
  const cy = p.cycles!;
  const c = (q: Quantity) => qv(q, 'cycles') ?? 0;
  return {
    overhead: c(cy.stepOverhead),
    neuron: s.alive * c(cy.neuronUpdate),
    fast: s.spikesPerStep * s.alive * c(cy.fastEvent),
    slow: (s.factored ? s.B * s.J + s.J * s.alive : s.alive * s.B) * c(cy.slowEvent),
    dendrite: s.K * c(cy.dendriteEval),
    learning: s.learnPerStep * c(cy.weightUpdate),
  };
}

const sum = (x: Parts) => x.overhead + x.neuron + x.fast + x.slow + x.dendrite + x.learning;
const mul = (a: Range, b: Range): Range => [a[0] * b[0], a[1] * b[1], a[2] * b[2]];

/** Ledger and latency of a processor that runs the kernel. */
export function processorLedger(p: Profile, map: Mapping, rec: SpikeRecord, dt: number, o: ProcessorOptions = {}): { ledger: Ledger; latency: Latency; counts: KernelCounts } {
  const cy = p.cycles;
  if (!cy) throw new RangeError(`profile ${p.name} has no cycles section`);
  const counts = kernelCounts(map, rec);
  const steps = Math.max(1, counts.steps);
  const { N, J, K, B, slowPath } = map.shape;
  const factored = slowPath === 'factored';
  const alive = counts.neuronUpdates / steps;
  const rates = { spikesPerStep: rec.spikeSteps.length / steps, learnPerStep: counts.weightUpdates / steps };
  const here = perOperationCycles(p, { N, J, K, B, alive, factored, ...rates });
  const ref = cy.reference;
  const refB = ref.K + (ref.linear ? ref.J : 0);
  const there = perOperationCycles(p, { N: ref.N, J: ref.J, K: ref.K, B: refB, alive: ref.N, factored, ...rates });
  const instr = qrange(factored ? cy.instructionsFactored : cy.instructionsDense, 'cycles');
  const cpi = qrange(cy.cpi, 'count')!;
  // measured instructions at the reference shape, scaled to this shape by the per-operation model
  const scale = sum(there) > 0 ? sum(here) / sum(there) : 1;
  let perStep: Range;
  let source: string;
  if (o.cyclesPerStep !== undefined) {
    perStep = [o.cyclesPerStep, o.cyclesPerStep, o.cyclesPerStep];
    source = 'measured cycles per step (--cycles-per-step)';
  } else if (instr) {
    perStep = mul(instr.map((v) => v * scale) as Range, cpi);
    source = `${Math.round(instr[1]).toLocaleString('en-US')} instructions per step measured at N=${ref.N}, K=${ref.K} (${factored ? 'lowrank' : 'dense'} kernel)${Math.abs(scale - 1) > 1e-9 ? `, x ${scale.toFixed(2)} for this shape by the per-operation model` : ''}, x CPI ${cpi[0]}-${cpi[2]} (typical ${cpi[1]})`;
  } else {
    perStep = [sum(here), sum(here), sum(here)];
    source = 'per-operation estimates (no measured instruction count in the profile)';
  }
  const clock = qv(cy.clock, 'frequency');
  const I = qrange(cy.activeCurrent, 'current');
  const V = qv(cy.supplyVoltage, 'voltage');
  const ePerCycle: Range | null = I && V !== null && clock !== null ? (I.map((i) => (i * V) / clock) as Range) : null;
  // split the cycles across categories in the per-operation model's proportions
  const total = sum(here);
  const share = (x: number) => (total > 0 ? x / total : 0);
  const cat = (item: string, category: LedgerLine['category'], part: number, field: string): LedgerLine => {
    const cycles = mul(perStep, [share(part), share(part), share(part)]).map((v) => v * counts.steps) as Range;
    const jr: Range = ePerCycle ? mul(cycles, ePerCycle) : [0, 0, 0];
    return { category, item: `${item} (cycles)`, count: cycles[1], cost: ePerCycle ? ePerCycle[1] : null, costRange: ePerCycle, joules: jr[1], joulesRange: jr, field };
  };
  const lines: LedgerLine[] = [
    cat('step overhead and neuron updates', 'neuron', here.overhead + here.neuron, 'cycles.activeCurrent'),
    cat('fast synaptic events (spike x alive neuron)', 'fast', here.fast, 'cycles.activeCurrent'),
    cat(`slow path (${factored ? 'factored: B x J + J x N' : 'dense: N x B'} per step) and dendrite evaluations`, 'slow', here.slow + here.dendrite, 'cycles.activeCurrent'),
    cat('weight updates', 'learning', here.learning, 'cycles.activeCurrent'),
  ];
  const io = qrange(cy.hostIO, 'energy');
  const words = ioWordsPerStep(J) * counts.steps;
  lines.push({ category: 'io', item: 'host words in and out (2J per step)', count: words, cost: io ? io[1] : null, costRange: io, joules: io ? words * io[1] : 0, joulesRange: io ? (io.map((v) => v * words) as Range) : [0, 0, 0], field: 'cycles.hostIO' });

  // per-step busy time: fixed part plus the spikes of that step
  const perSpike = total > 0 && rates.spikesPerStep > 0 ? (perStep[1] * share(here.fast)) / rates.spikesPerStep : 0;
  const fixed = perStep[1] * (1 - share(here.fast));
  const spikesAt = new Uint32Array(rec.steps);
  for (let q = 0; q < rec.spikeSteps.length; q++) spikesAt[rec.spikeSteps[q]!]!++;
  let latency: Latency;
  let idle = 0;
  if (clock !== null) {
    const lat = new Float64Array(rec.steps);
    let wall = 0;
    let mx = 0;
    let tot = 0;
    for (let s = 0; s < rec.steps; s++) {
      const busy = (fixed + spikesAt[s]! * perSpike) / clock;
      lat[s] = busy;
      tot += busy;
      mx = Math.max(mx, busy);
      idle += Math.max(0, dt - busy);
      wall += Math.max(dt, busy);
    }
    latency = { perStep: lat, mean: rec.steps ? tot / rec.steps : 0, max: mx, realTime: mx <= dt, wallTime: wall, model: `cycles / clock (${source})` };
  } else {
    latency = { perStep: null, mean: null, max: null, realTime: null, wallTime: rec.steps * dt, model: 'unknown (the profile gives no clock)' };
  }
  const sleep = qrange(cy.sleepCurrent, 'current');
  const sleepW: Range | null = sleep && V !== null ? (sleep.map((i) => i * V) as Range) : null;
  const idleCount = clock !== null ? idle : rec.steps * dt;
  lines.push({ category: 'static', item: 'sleep current x supply x idle time (s)', count: idleCount, cost: sleepW ? sleepW[1] : null, costRange: sleepW, joules: sleepW ? idleCount * sleepW[1] : 0, joulesRange: sleepW ? (sleepW.map((w) => w * idleCount) as Range) : [0, 0, 0], field: 'cycles.sleepCurrent' });
  const coreJ = { neuron: lines[0]!.joules, fast: lines[1]!.joules, slow: lines[2]!.joules, learning: lines[3]!.joules };
  const ledger = finishLedger(p, rec.steps, dt, lines, [{ core: 0, joules: coreJ, total: coreJ.neuron + coreJ.fast + coreJ.slow + coreJ.learning }], {
    cycles: { perStep: perStep[1], range: perStep, measured: o.cyclesPerStep !== undefined || instr !== null, energyPerCycle: ePerCycle ? ePerCycle[1] : null, clock, source },
  });
  return { ledger, latency, counts };
}

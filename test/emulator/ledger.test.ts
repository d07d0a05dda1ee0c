// Ledger, routing and latency on networks small enough to work out by hand.
import { describe, expect, it } from 'vitest';
import { emulate } from '../../src/emulator/emulate.js';
import { mapNetwork } from '../../src/emulator/mapping.js';
import { linkName, multicast } from '../../src/emulator/mesh.js';
import { cpuProfile, meshProfile, SPIKES, threeNeurons } from './helpers.js';

const pJ = 1e-12;

describe('mesh multicast (dimension order, X then Y)', () => {
  it('routes a packet from (0,0) to all four routers of a 2x2 mesh over 3 links', () => {
    const m = { width: 2, height: 2 };
    const mc = multicast(m, 0, 0, [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 1 }, { x: 1, y: 1 }]);
    // to (1,0): E; to (0,1): N; to (1,1): E (shared) then N in column 1
    expect([...mc.links].map((l) => linkName(m, l)).sort()).toEqual(['(0,0)->(0,1)', '(0,0)->(1,0)', '(1,0)->(1,1)']);
    expect([mc.hopsEW, mc.hopsNS, mc.nodes]).toEqual([1, 2, 4]);
  });

  it('shares the row segment between destinations in one column direction', () => {
    const m = { width: 4, height: 1 };
    const mc = multicast(m, 0, 0, [{ x: 2, y: 0 }, { x: 3, y: 0 }]);
    expect(mc.hopsEW).toBe(3); // 0->1->2->3, not 2 + 3
  });
});

describe('three neurons, a fixed spike list, a 2x2 mesh (one unit per core)', () => {
  // Units: neurons 0, 1, 2 on cores 0 (0,0), 1 (1,0), 2 (0,1); the one basis unit (K=1, no linear terms) on core 3 (1,1).
  // Each spike goes to all 4 cores (3 neurons + the basis unit); the basis value goes to the 3 neuron cores every step.
  const spec = threeNeurons();
  const p = meshProfile();
  const e = emulate(spec, p, SPIKES);
  const t = e.traffic!;

  it('places one unit per core', () => {
    expect(e.mapping.cores.map((c) => [c.x, c.y, c.units.neuron, c.units.basis])).toEqual([
      [0, 0, 1, 0], [1, 0, 1, 0], [0, 1, 1, 0], [1, 1, 0, 1],
    ]);
  });

  it('counts events exactly', () => {
    // 4 steps x 3 neurons = 12 updates; 4 spikes active, 8 inactive
    expect(t.totals.neuronActive).toBe(4);
    expect(t.totals.neuronInactive).toBe(8);
    expect(t.totals.fastOps).toBe(12); // 4 spikes x 3 alive neurons (reset included)
    expect(t.totals.dendriticOps).toBe(4); // 4 spikes x 1 basis unit
    expect(t.totals.slowOps).toBe(12); // 4 steps x 3 neurons x B = 1
    expect(t.totals.unitUpdates).toBe(4); // 1 basis unit x 4 steps
    expect(e.kernelCounts).toEqual({ steps: 4, neuronUpdates: 12, fastEvents: 12, slowEvents: 12, dendriteEvals: 4, weightUpdates: 0 });
  });

  it('counts packets, hops, deliveries and link loads exactly', () => {
    // every multicast here crosses 1 E-W and 2 N-S links; 4 spike + 4 graded packets
    expect(t.packets).toEqual({ spike: 4, graded: 4 });
    expect(t.hops).toEqual({ ew: 8, ns: 16 });
    expect(t.deliveries).toBe(4 * 4 + 4 * 3);
    expect(Array.from(t.perStep.spikes)).toEqual([1, 2, 0, 1]);
    expect(Array.from(t.perStep.packets)).toEqual([2, 3, 1, 2]);
    expect(Array.from(t.perStep.hops)).toEqual([6, 9, 3, 6]);
    expect(Array.from(t.perStep.deliveries)).toEqual([7, 11, 3, 7]);
    expect(Array.from(t.perStep.maxLinkLoad)).toEqual([1, 2, 1, 1]);
    const loads = Object.fromEntries([...t.linkLoad].map(([l, v]) => [linkName({ width: 2, height: 2 }, l), v]));
    expect(loads).toEqual({
      '(0,0)->(1,0)': 2, // n0 twice
      '(0,0)->(0,1)': 3, // n0 twice, n1 once
      '(1,0)->(1,1)': 3, // n0 twice, n1 once
      '(1,0)->(0,0)': 1, // n1
      '(0,1)->(0,0)': 5, // n2 + the basis value 4 times
      '(0,1)->(1,1)': 1, // n2
      '(1,1)->(1,0)': 5, // n2 + the basis value 4 times
      '(1,1)->(0,1)': 4, // the basis value
    });
    expect(t.busiestLink).toEqual({ link: '(0,1)->(0,0)', packets: 5, perStepMax: 2 });
  });

  it('computes the latency per step from per-event times and the barrier', () => {
    // step 0: compute max 4 ns (core 0: active 2 + 2 synaptic ops), route 31 ns (10 + 20 + delivery 1),
    // busiest link 1 packet x 5 ns, barrier 100 + 10 x 4 nodes: 4 + 31 + 5 + 140 = 180 ns
    expect(Array.from(e.latency.perStep!, (v) => Math.round(v * 1e12) / 1e3)).toEqual([180, 186, 178, 180]);
    expect(e.latency.mean).toBeCloseTo(181e-9, 18);
    expect(e.latency.realTime).toBe(true);
    expect(e.latency.wallTime).toBeCloseTo(4e-3, 15);
  });

  it('prices every line: counts x costs, in joules', () => {
    const L = e.ledger;
    const j = (c: keyof typeof L.categories) => L.categories[c].joules / pJ;
    expect(j('neuron')).toBeCloseTo(4 * 10 + 8 * 5, 9); // 80 pJ
    expect(j('fast')).toBeCloseTo(12 * 2, 9); // 24 pJ
    expect(j('slow')).toBeCloseTo(4 * 2 + 12 * 2 + 4 * 7, 9); // 60 pJ
    expect(j('learning')).toBe(0);
    expect(j('routing')).toBeCloseTo(8 * 3 + 16 * 4 + 28 * 1, 9); // 116 pJ
    // host I/O: 1 input x 3 alive neurons x 4 steps = 12 input synaptic events x 2 pJ, and 2J x 4 = 8 host words x 0.5 pJ
    expect(j('io')).toBeCloseTo(24 + 4, 9);
    // static: 1 nW chip + 0.25 nW x 4 cores in use, for 4 ms = 8 pJ
    expect(j('static')).toBeCloseTo(8, 9);
    expect(L.total.joules / pJ).toBeCloseTo(316, 9);
    expect(L.total.perStep / pJ).toBeCloseTo(79, 9);
    expect(L.total.perSecond).toBeCloseTo(316e-12 / 4e-3, 15);
    expect(L.range.perSecond).toEqual([L.total.perSecond, L.total.perSecond, L.total.perSecond]);
    expect(L.lowerBound).toBe(false);
    expect(L.dominant).toBe('routing');
    expect(L.missing).toEqual([]);
    // per core: neuron 0 fired twice (2 x 10 + 2 x 5), got 4 fast events and 4 slow ones (x 2 pJ)
    expect(L.perCore[0]!.total / pJ).toBeCloseTo(20 + 10 + 8 + 8, 9);
    expect(L.perCore[3]!.joules.slow / pJ).toBeCloseTo(4 * 2 + 4 * 7, 9);
  });

  it('prices learning updates, shared by the neuron cores', () => {
    const L = emulate(spec, p, { ...SPIKES, weightUpdates: 6 }).ledger;
    expect(L.categories.learning.joules / pJ).toBeCloseTo(600, 9);
    expect(L.perCore[1]!.joules.learning / pJ).toBeCloseTo(200, 9);
  });

  it('skips dead neurons and lists unpriced events as missing', () => {
    const q0 = meshProfile().energy!;
    const missing = meshProfile({ energy: { ...q0, delivery: { value: null, unit: 'pJ', source: 'test', where: 'x', status: 'published', note: 'not given' } } });
    const d = emulate(spec, missing, { ...SPIKES, spikeSteps: [0], spikeNeurons: [0], alive: [1, 0, 1] });
    expect(d.traffic!.totals.neuronInactive + d.traffic!.totals.neuronActive).toBe(8); // 2 alive x 4 steps
    expect(d.traffic!.totals.fastOps).toBe(2);
    expect(d.ledger.missing).toEqual(['packet copies delivered into cores (energy.delivery)']);
    expect(d.ledger.lowerBound).toBe(true);
  });

  it('refuses spikes outside the record', () => {
    expect(() => emulate(spec, p, { steps: 4, spikeSteps: [4], spikeNeurons: [0] })).toThrow(/spikeSteps\[0\] = 4/);
    expect(() => emulate(spec, p, { steps: 4, spikeSteps: [0], spikeNeurons: [3] })).toThrow(/spikeNeurons\[0\] = 3/);
  });
});

describe('a processor running the kernel (cycles x energy per cycle)', () => {
  const spec = threeNeurons();
  const p = cpuProfile();
  it('prices the kernel counts by cycles (per-operation model when nothing is measured) and the idle time by the sleep current', () => {
    const e = emulate(spec, p, SPIKES);
    // cycles: 4 steps x 10 + 12 neuron updates x 2 + 12 fast x 1 + 12 slow x 3 + 4 dendrites x 5 = 132, at 1 nJ each
    expect(e.ledger.cycles!.perStep).toBe(33);
    expect(e.ledger.cycles!.energyPerCycle).toBeCloseTo(1e-9, 20);
    const dyn = e.ledger.total.joules - e.ledger.categories.static.joules;
    expect(dyn).toBeCloseTo(132e-9, 18);
    expect(e.ledger.categories.fast.joules).toBeCloseTo(12e-9, 18);
    expect(e.ledger.categories.slow.joules).toBeCloseTo((36 + 20) * 1e-9, 18);
    // busy per step: 30 cycles fixed + 3 per spike (1 cycle x 3 alive) at 1 MHz
    expect(Array.from(e.latency.perStep!, (v) => Math.round(v * 1e9) / 1e3)).toEqual([33, 36, 30, 33]);
    // sleep 1 uA x 1 V over 4 ms - 132 us
    expect(e.ledger.categories.static.joules).toBeCloseTo(1e-6 * (4e-3 - 132e-6), 18);
    expect(e.traffic).toBeNull();
  });

  it('takes a measured cycles-per-step figure in place of the estimates', () => {
    const e = emulate(spec, p, SPIKES, { cyclesPerStep: 66 });
    expect(e.ledger.cycles).toMatchObject({ perStep: 66, measured: true });
    expect(e.ledger.total.joules - e.ledger.categories.static.joules).toBeCloseTo(264e-9, 18);
  });

  it('refuses a kernel that does not fit in memory, with the smallest change', () => {
    const spec200 = { ...threeNeurons(), N: 200, D: new Array(200).fill(0.1), Os: new Array(200).fill(0) };
    expect(() => mapNetwork(spec200, p)).toThrow(/memory — the kernel .* needs \d+ bytes, the limit is 65536: over by \d+ bytes.*smallest change that fits: N = \d+ neurons/);
  });
});

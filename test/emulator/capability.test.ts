// What a chip can compute and how its figures combine: runnable forms,
// spike-rule labels, whole-chip averages that are never added, ranges, and
// processor cycles from measured instruction counts x CPI. Hand-checkable.
import { describe, expect, it } from 'vitest';
import { getProfile } from '../../src/emulator/builtin-profiles.js';
import { dendriteSpikes, ruleCheck, runnableForm } from '../../src/emulator/capability.js';
import { emulate } from '../../src/emulator/emulate.js';
import { validateProfile } from '../../src/emulator/profile.js';
import { createNetwork } from '../../src/spec.js';
import { cpuProfile, meshProfile, q, SPIKES, threeNeurons } from './helpers.js';

describe('runnable forms', () => {
  it('keeps the requested form on a chip with graded units, and proposes spiking dendrites on one without', () => {
    expect(runnableForm(getProfile('loihi2'), 'factored')).toEqual({ slowPath: 'factored', dendrites: 'graded', changed: false, note: null });
    const l1 = runnableForm(getProfile('loihi'), 'factored');
    expect(l1).toMatchObject({ slowPath: 'dense', dendrites: 'spiking', changed: true });
    expect(l1.note).toMatch(/no graded nonlinear units.*factored path needs graded slow-sum units.*Accuracy of this form is not measured/);
  });

  it('counts |phi| spikes per dendrite per step: with no network spikes, xhat = 0 and each step gives |tanh(theta)| (exact)', () => {
    const spec = createNetwork({ dims: 2, neurons: 4, dendrites: 3, linear: true, dt: 1e-3, seed: 5 });
    const steps = 7;
    const got = dendriteSpikes(spec, { steps, spikeSteps: [], spikeNeurons: [] });
    const want = spec.dendrites.theta.reduce((a, t) => a + Math.abs(Math.tanh(t)), 0);
    expect(got.perStep).toBeCloseTo(want, 12); // readouts stay at 0: no spikes
    expect(got.total).toBeCloseTo(steps * want, 12);
  });

  it('replays one spike: r jumps by 1 after its step and leaks by (1 - lam dt) (exact)', () => {
    const spec = createNetwork({ dims: 1, neurons: 2, dendrites: 1, linear: false, dt: 1e-3, lam: 10, seed: 2 });
    const { M, theta } = spec.dendrites;
    const got = dendriteSpikes(spec, { steps: 3, spikeSteps: [0], spikeNeurons: [1] });
    const x = (r: number) => Math.abs(Math.tanh(M[0]! * spec.D[1]! * r + theta[0]!));
    expect(got.total).toBeCloseTo(x(0) + x(1) + x(1 - 10 * 1e-3), 12);
  });

  it('prices the slow path by dendrite spikes on a chip without graded units', () => {
    const spec = threeNeurons();
    const p = meshProfile({ capabilities: { ...meshProfile().capabilities, gradedUnits: { value: false, source: 'test', where: 'x', status: 'assumption' } } });
    const e = emulate(spec, p, SPIKES);
    const d = dendriteSpikes(spec, SPIKES);
    expect(e.form.dendrites).toBe('spiking');
    // dense slow synapses are driven by the dendrite's spikes: spikes x 3 alive neurons
    expect(e.traffic!.totals.slowOps).toBeCloseTo(d.total * 3, 9);
    expect(e.ledger.lines.find((l) => l.item.startsWith('slow synaptic events'))!.item).toBe('slow synaptic events (dendrite spikes x neuron)');
  });
});

describe('spike rules', () => {
  it('labels a winner network on a chip without an arbiter, and accepts it where one core is its own arbiter', () => {
    expect(ruleCheck(getProfile('loihi'), 'winner', 1)).toMatchObject({ needsArbiter: true, matches: false, label: 'needs a global one-spike arbiter loihi lacks (chip fires parallel, delay 1)' });
    expect(ruleCheck(getProfile('spinnaker'), 'winner', 1)).toMatchObject({ needsArbiter: false, matches: true });
    expect(ruleCheck(getProfile('spinnaker'), 'winner', 2).needsArbiter).toBe(true);
    expect(ruleCheck(getProfile('cortex-m4'), 'winner', 1)).toMatchObject({ needsArbiter: false, matches: true });
    expect(ruleCheck(getProfile('loihi'), 'parallel', 3)).toMatchObject({ needsArbiter: false, matches: true, label: 'parallel, delay 1 (as the chip)' });
    expect(ruleCheck(getProfile('truenorth'), 'all', 1)).toMatchObject({ needsArbiter: false, matches: false, label: 'all in the same step; truenorth delivers spikes 1 step later' });
  });
});

describe('how the figures combine', () => {
  const spec = threeNeurons();

  it('TrueNorth: the 26 pJ whole-chip average is the whole price; no hop, delivery or static energy is added on top', () => {
    const e = emulate(spec, getProfile('truenorth'), SPIKES);
    const L = e.ledger;
    const syn = L.lines.filter((l) => l.field === 'energy.synapticOp').reduce((a, l) => a + l.count, 0);
    expect(L.total.joules).toBeCloseTo(syn * 26e-12, 20);
    expect(L.categories.routing.joules + L.categories.static.joules).toBe(0);
    expect(L.lines.filter((l) => l.category === 'routing').every((l) => l.included)).toBe(true);
    expect(L.costModel).toBe('whole-chip-average');
  });

  it("SpiNNaker: Sharp et al.'s two figures are priced alone, and the range spans them; they are never added", () => {
    const L = emulate(spec, getProfile('spinnaker'), SPIKES).ledger;
    const by = (pred: (f: string) => boolean) => L.lines.filter((l) => pred(l.field)).reduce((a, l) => a + l.count * (l.cost ?? 0), 0);
    const neuron = by((f) => /neuronActive|neuronInactive|dendriteUpdate/.test(f));
    const psp = by((f) => f === 'energy.synapticOp');
    const T = L.simulatedSeconds;
    expect(L.alternatives!.map((a) => a.perSecond * T)).toEqual([expect.closeTo(neuron, 18), expect.closeTo(psp, 18)]);
    expect(L.total.joules).toBeCloseTo(neuron, 18);
    expect(L.range.joules[0]).toBeCloseTo(Math.min(neuron, psp), 18);
    expect(L.range.joules[2]).toBeCloseTo(Math.max(neuron, psp), 18);
    expect(L.range.joules[2]).toBeLessThan(neuron + psp);
  });

  it('Loihi: totals are ranges (Davies et al. typical, SANA-FE silicon fit at the top) and lower bounds without static power', () => {
    const L = emulate(spec, getProfile('loihi'), SPIKES).ledger;
    const [lo, typ, hi] = L.range.perSecond;
    expect(lo).toBe(typ);
    expect(hi).toBeGreaterThan(typ);
    expect(L.total.perSecond).toBe(typ);
    expect(L.lowerBound).toBe(true);
    expect(L.missing.some((m) => m.includes('energy.staticPower'))).toBe(true);
  });
});

describe('processor cycles from measured instructions x CPI', () => {
  const spec = threeNeurons();
  it('multiplies the instructions measured at the reference shape by the CPI range', () => {
    const p = cpuProfile({ cycles: { instructionsDense: q(66, 'instruction', 'published'), cpi: { ...q(1, 'count'), min: 1, max: 2 } } });
    const L = emulate(spec, p, SPIKES).ledger;
    expect(L.cycles).toMatchObject({ perStep: 66, range: [66, 66, 132], measured: true, energyPerCycle: 1e-9 });
    const dyn = L.lines.filter((l) => l.category !== 'static').reduce((a, l) => a + l.joulesRange[2], 0);
    expect(dyn).toBeCloseTo(4 * 132e-9, 18);
  });

  it('scales the measured count to another shape by the per-operation model', () => {
    const p = cpuProfile({ cycles: { instructionsDense: q(66, 'instruction', 'published') } });
    const bigger = createNetwork({ dims: 1, neurons: 6, dendrites: 1, linear: false, dt: 1e-3, lam: 10, seed: 3 });
    const L = emulate(bigger, p, { steps: 4, spikeSteps: [], spikeNeurons: [] }).ledger;
    // per step, no spikes: overhead 10 + N x 2 + N x B x 3 + K x 5; 6 neurons: 10 + 12 + 18 + 5 = 45, reference (3): 10 + 6 + 9 + 5 = 30
    expect(L.cycles!.perStep).toBeCloseTo((66 * 45) / 30, 9);
  });
});

describe('profile validation of the new fields', () => {
  const loihi = () => structuredClone(getProfile('loihi')) as unknown as Record<string, unknown>;
  it('refuses a profile without capabilities, a range that excludes its typical value, and a bad cost model', () => {
    const a = loihi();
    delete a.capabilities;
    expect(() => validateProfile(a, 'x.json')).toThrow(/x\.json: capabilities: is missing: declare gradedUnits/);
    const b = loihi() as { energy: { synapticOp: { max: number } } };
    b.energy.synapticOp.max = 10;
    expect(() => validateProfile(b, 'x.json')).toThrow(/energy\.synapticOp\.max: 10 is below the typical value 23\.6/);
    const c = loihi();
    c.costModel = { kind: 'whole-chip-average', alternatives: [['nope']], source: 'davies2018', where: 'x' };
    expect(() => validateProfile(c, 'x.json')).toThrow(/costModel\.alternatives: must list groups of energy fields/);
    const d = loihi() as { capabilities: { spikeRule: { value: string } } };
    d.capabilities.spikeRule.value = 'sometimes';
    expect(() => validateProfile(d, 'x.json')).toThrow(/capabilities\.spikeRule\.value: "sometimes": must be one of parallel, all, winner, any/);
    const v1 = loihi();
    v1.version = 1;
    expect(() => validateProfile(v1, 'x.json')).toThrow(/version: 1 is not supported \(accepted: 2; version 1 lacked capabilities/);
  });
});

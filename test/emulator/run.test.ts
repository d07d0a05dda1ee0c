// The emulator consumes spikes from either executor, and its counts agree
// with the executors' own counters; fit-to-chip and the CLI functions run end
// to end on a small network with closed-form weights (no training needed).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatEnergy, runEnergy } from '../../src/commands/energy.js';
import { getProfile } from '../../src/emulator/builtin-profiles.js';
import { emulate, spikeRecord } from '../../src/emulator/emulate.js';
import { fitToChip } from '../../src/emulator/fit.js';
import { FitError } from '../../src/emulator/mapping.js';
import type { Executor } from '../../src/executor.js';
import { KernelExecutor } from '../../src/kernel/executor.js';
import { saveModel } from '../../src/node/files.js';
import { quantize } from '../../src/quantize.js';
import { ReferenceExecutor } from '../../src/reference/executor.js';
import { Random } from '../../src/random.js';
import { smoothNoise } from '../../src/signals.js';
import { dampedOscillator, idealLinearOs, networkFor } from '../../src/systems/index.js';

function linearNet(N = 30) {
  const spec = networkFor(dampedOscillator, { neurons: N, dendrites: 10, dt: 5e-4, seed: 2 });
  spec.Os = idealLinearOs(spec, dampedOscillator.A);
  return spec;
}

describe.each([
  ['kernel', (s: ReturnType<typeof linearNet>) => new KernelExecutor(s)],
  ['reference', (s: ReturnType<typeof linearNet>) => new ReferenceExecutor(s)],
] as const)('spikes from the %s executor', (_name, make) => {
  it('give the same event counts as its counters (dense slow path), with neurons killed', () => {
    const spec = linearNet();
    const ex: Executor = make(spec);
    ex.reset(1);
    ex.setAlive(3, false);
    ex.setAlive(7, false);
    const steps = 3000;
    const c = smoothNoise(new Random(5), steps, 2, spec.dt, 0.05, 8);
    const run = ex.run({ steps, c });
    const counters = ex.counters();
    expect(run.spikeSteps.length).toBeGreaterThan(50);
    const rec = spikeRecord(run, 0, { alive: ex.state().alive, weightUpdates: counters.weightUpdates });
    // Loihi 2 runs the graded dense form the kernel computes
    const e = emulate(spec, getProfile('loihi2'), rec);
    const { spikes: _s, ...kernelLike } = counters;
    expect(e.kernelCounts).toEqual(kernelLike);
    const t = e.traffic!.totals;
    expect(t.neuronActive + t.neuronInactive).toBe(counters.neuronUpdates);
    expect(t.neuronActive).toBe(counters.spikes);
    expect(t.fastOps).toBe(counters.fastEvents);
    expect(t.slowOps).toBe(counters.slowEvents);
    expect(t.unitUpdates).toBe(steps * (spec.dendrites.K + spec.J)); // dendrites + readouts
    // the cortex-m4 ledger prices exactly the kernel's counters
    const m = emulate(spec, getProfile('cortex-m4'), rec);
    expect(m.kernelCounts).toEqual(kernelLike);
  });
});

describe('routing a real run over a spread mapping', () => {
  it('sends every spike to every core and finds the busiest link and core', () => {
    const spec = linearNet(40);
    const ex = new KernelExecutor(spec, { format: 'loihi' });
    ex.reset(1);
    const steps = 2000;
    const run = ex.run({ steps, c: smoothNoise(new Random(9), steps, 2, spec.dt, 0.05, 8) });
    const e = emulate(spec, getProfile('loihi2'), spikeRecord(run), { maxUnitsPerCore: 8 });
    const cores = e.mapping.cores.length;
    expect(cores).toBe(Math.ceil((40 + 12) / 8));
    const t = e.traffic!;
    expect(t.deliveries).toBe(run.spikeSteps.length * cores + steps * 12 * Math.ceil(40 / 8));
    expect(t.hops.ew + t.hops.ns).toBe([...t.linkLoad.values()].reduce((a, b) => a + b, 0));
    expect(t.busiestLink!.packets).toBe(Math.max(...t.linkLoad.values()));
    expect(t.busiestCore).not.toBeNull();
    // Loihi 2 publishes no per-event energy or time: events are counted, not priced
    expect(e.ledger.categories.routing.joules).toBe(0);
    expect(e.ledger.missing).toContain('hops east-west (energy.hopEW)');
    expect(e.latency.realTime).toBeNull();
  });
});

describe('fit to chip', () => {
  it('quantizes to the chip, runs, and reports accuracy next to energy (slow path dominates at 0.5 ms steps)', () => {
    const spec = linearNet();
    const r = fitToChip(spec, getProfile('loihi'), { system: dampedOscillator, duration: 2 });
    expect(r.format).toMatchObject({ name: 'loihi', weightBits: 8, stateBits: 24 });
    expect(r.policy).toBe('winner');
    expect(r.accuracy.trajectoryError).toBeLessThan(0.5);
    const L = r.emulation.ledger;
    expect(L.steps).toBe(Math.round(2 / spec.dt));
    expect(L.categories.slow.share).toBeGreaterThan(L.categories.fast.share);
    expect(L.missing).toEqual([
      'host words in and out (2J per step) (energy.hostIO)',
      'chip static power x wall time (s) (energy.staticPower)',
      'static power per core x 1 cores in use x wall time (s) (energy.staticPerCore)',
    ]);
    expect(L.lowerBound).toBe(true);
    // Loihi 1 has no graded units: the dendrites were priced as spiking compartments
    expect(r.emulation.form).toMatchObject({ dendrites: 'spiking', slowPath: 'dense', changed: true });
    expect(r.emulation.rule).toMatchObject({ networkRule: 'winner', needsArbiter: true });
    // the chip's own firing: 'parallel' once the spec has it (issue 11), else 'all' with a note saying so
    const all = fitToChip(spec, getProfile('loihi'), { system: dampedOscillator, duration: 2, policy: 'chip' });
    expect(['parallel', 'all']).toContain(all.policy);
    if (all.policy === 'all') expect(all.policyNote).toMatch(/"parallel" is not in this build/);
    expect(all.emulation.rule.needsArbiter).toBe(false);
    // the float reference runs unquantized
    const ref = fitToChip(spec, getProfile('loihi'), { system: dampedOscillator, duration: 2, executor: 'reference' });
    expect(ref.format.name).toBe('float64');
    expect(ref.quant).toBeNull();
  });

  it('refuses before running when the network does not fit', () => {
    const big = networkFor(dampedOscillator, { neurons: 300, dendrites: 10, seed: 1 });
    expect(() => fitToChip(big, getProfile('truenorth'), { system: dampedOscillator })).toThrow(FitError);
  });
});

describe('ebnkit energy (runEnergy / formatEnergy)', () => {
  it('writes JSON and an SVG breakdown, one row per profile, refusals included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebnkit-energy-'));
    const spec = linearNet();
    const model = join(dir, 'lin.ebn');
    saveModel(model, { spec, image: quantize(spec).image, meta: { system: 'linear' } });
    const s = await runEnergy({ model, profiles: ['loihi', 'cortex-m4'], seconds: 1, outDir: dir });
    expect(s.system).toBe('linear');
    expect(s.results.map((r) => [r.profile, r.fits])).toEqual([['loihi', true], ['cortex-m4', true]]);
    expect(['parallel', 'all']).toContain(s.results[0]!.chipPolicy?.policy);
    expect(s.results[0]!.rule).toMatchObject({ needsArbiter: true });
    expect(s.results[1]!.energy!.cyclesSource).toMatch(/instructions per step measured at N=50, K=100 \(dense kernel\), x [\d.]+ for this shape/);
    expect(s.files).toEqual({ json: join(dir, 'lin.energy.json'), svg: join(dir, 'lin.energy.svg') });
    const json = JSON.parse(readFileSync(s.files.json, 'utf8'));
    expect(json.results[0].energy.categories.slow.share).toBeGreaterThan(0.5);
    expect(readFileSync(s.files.svg, 'utf8')).toMatch(/^<svg[^>]*class="ebnkit-figure"/);
    const text = formatEnergy(s);
    expect(text).toMatch(/^profile\s+format\s+accuracy\s+energy\/s \(min \/ typ \/ max\)\s+neuron\s+fast\s+slow\s+learning\s+routing\s+io\s+static\s+step time\s+spike rule/m);
    expect(text).toMatch(/── loihi: Intel Loihi/);
    expect(text).toMatch(/NEEDS ARBITER/);
    expect(text).toMatch(/slow synaptic events \(dendrite spikes x neuron\)/);
    expect(text).toMatch(/runnable\s+loihi has no graded nonlinear units/);

    const big = networkFor(dampedOscillator, { neurons: 300, dendrites: 10, seed: 1 });
    const bigModel = join(dir, 'big.ebn');
    saveModel(bigModel, { spec: big, image: quantize(big).image, meta: { system: 'linear' } });
    const b = await runEnergy({ model: bigModel, profiles: ['truenorth'], seconds: 1, outDir: dir });
    expect(b.results[0]).toMatchObject({ profile: 'truenorth', fits: false, refusal: { limit: 'fanIn', need: 312, have: 256 } });
    expect(formatEnergy(b)).toMatch(/refused\s+does not fit truenorth: fanIn .* over by 56 input axons .* smallest change that fits: N = 244 neurons/);
    expect(existsSync(b.files.svg)).toBe(true);
  });
});

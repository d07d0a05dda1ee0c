// The `parallel` spike rule and its chip options (DESIGN.md section 2,
// phase 3), against both executors: what lands when, refractory steps,
// arbitration groups, and the soft threshold's firing statistics against an
// exact oracle. Fixed seeds; tolerances in the test names.
import { describe, expect, it } from 'vitest';
import type { Executor } from '../src/executor.js';
import { H, IMG_PARALLEL, fromQ } from '../src/formats.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { quantize } from '../src/quantize.js';
import { ReferenceExecutor } from '../src/reference/executor.js';
import { normalisedError } from '../src/evaluate.js';
import { simulate } from '../src/integrate.js';
import { Random } from '../src/random.js';
import { smoothNoise } from '../src/signals.js';
import { dampedOscillator, idealLinearOs } from '../src/systems/linear.js';
import { softDefault, SOFT_GAIN } from '../src/spike-rule.js';
import { createNetwork, SpecError, validateSpec, type ChipOptions, type NetworkSpec, type SpikePolicy } from '../src/spec.js';

const executors: [string, (s: NetworkSpec) => Executor][] = [
  ['reference', (s) => new ReferenceExecutor(s)],
  ['kernel', (s) => new KernelExecutor(s)],
];
const kernelLowrank: [string, (s: NetworkSpec) => Executor] = ['kernel lowrank', (s) => new KernelExecutor(s, { mode: 'lowrank' })];

/** N neurons on a line (J = 1), every decoder 0.1, almost no leak (lamV 1e-6/s), no slow weights: only the spike rule moves V. */
function line(N: number, policy: SpikePolicy, chip?: Partial<ChipOptions>): NetworkSpec {
  const s = createNetwork({ dims: 1, neurons: N, dendrites: 0, dt: 5e-4, lamV: 1e-6, seed: 5, policy, muRel: 0.01, nuRel: 0 });
  s.D = s.D.map(() => 0.1);
  if (policy === 'parallel') s.chip = { refractory: 0, softWidth: 0, arbitration: 0, ...chip }; // plain parallel unless asked
  return validateSpec(s);
}
/** Constant input c for `steps` steps (V rises by dt*0.1*c per step). */
const drive = (steps: number, c: number) => ({ steps, c: new Float64Array(steps).fill(c) });

/** Step one at a time until the first spike; returns that step's spikers and V before/after. */
function firstVolley(ex: Executor, c: number) {
  for (let t = 0; t < 10_000; t++) {
    const before = ex.state().V;
    const r = ex.run(drive(1, c));
    if (r.spikeSteps.length > 0) return { n: r.spikeSteps.length, before, after: ex.state().V };
  }
  throw new Error('no spike');
}

describe('parallel rule: what lands when', () => {
  for (const [name, make] of [...executors, kernelLowrank]) {
    it(`${name}: two identical neurons both fire in one step, each resets itself at once and feels the other one step later (1e-6)`, () => {
      const spec = line(2, 'parallel');
      const ex = make(spec);
      const dV = 5e-4 * 0.1 * 2; // per step at c = 2
      const { n, before, after } = firstVolley(ex, 2);
      expect(n).toBe(2);
      const self = 0.01 + spec.mu; // Of_ii = |D_i|^2 + mu
      for (let i = 0; i < 2; i++) expect(after[i]!).toBeCloseTo(before[i]! + dV - self, 6);
      ex.run(drive(1, 2));
      const next = ex.state().V;
      for (let i = 0; i < 2; i++) expect(next[i]!).toBeCloseTo(after[i]! + dV - 0.01, 6); // Of_ij = D_i.D_j
    });
  }
  for (const [name, make] of executors) {
    it(`${name}: under winner only one of the two fires and the other feels it in the same step (1e-6)`, () => {
      const ex = make(line(2, 'winner'));
      const { n, before, after } = firstVolley(ex, 2);
      expect(n).toBe(1);
      const dV = 5e-4 * 0.1 * 2;
      expect(after[1]!).toBeCloseTo(before[1]! + dV - 0.01, 6);
    });
  }
});

describe('parallel rule: chip options', () => {
  for (const [name, make] of [...executors, kernelLowrank]) {
    it(`${name}: refractory 3 keeps every inter-spike interval >= 4 steps, and a strong drive meets it exactly`, () => {
      const ex = make(line(1, 'parallel', { refractory: 3 }));
      const r = ex.run(drive(400, 400)); // 0.02 per step: above threshold again long before 4 steps
      const isi = Array.from(r.spikeSteps).slice(1).map((s, i) => s - r.spikeSteps[i]!);
      expect(isi.length).toBeGreaterThan(50);
      expect(Math.min(...isi)).toBe(4);
      expect(Math.max(...isi)).toBe(4);
    });
    it(`${name}: arbitration groups of 4 let exactly one neuron per group fire in each volley (8 identical neurons)`, () => {
      const ex = make(line(8, 'parallel', { arbitration: 4 }));
      const r = ex.run(drive(2000, 2));
      const perStep = new Map<number, number[]>();
      r.spikeSteps.forEach((s, q) => perStep.set(s, [...(perStep.get(s) ?? []), r.spikeNeurons[q]!]));
      expect(perStep.size).toBeGreaterThan(5);
      for (const ns of perStep.values()) {
        expect(ns.filter((i) => i < 4).length).toBeLessThanOrEqual(1);
        expect(ns.filter((i) => i >= 4).length).toBeLessThanOrEqual(1);
      }
    });
  }

  /**
   * Soft threshold oracle: one neuron, no leak, V rising by d per step. Past
   * threshold by m it fires with probability m/w per step, so the margin at
   * which it fires has an exact discrete law; averaged over the phase of the
   * first margin (the reset is not a multiple of d, so the phase wanders).
   */
  function expectedMargin(d: number, w: number): number {
    let total = 0;
    const phases = 200;
    for (let q = 0; q < phases; q++) {
      let m = ((q + 0.5) / phases) * d;
      let alive = 1;
      let e = 0;
      for (; alive > 1e-12; m += d) {
        const p = Math.min(1, m / w);
        e += alive * p * m;
        alive *= 1 - p;
      }
      total += e;
    }
    return total / phases;
  }
  for (const [name, make] of executors) {
    it(`${name}: soft threshold w = 2|D|^2: mean firing margin within 6% of the exact hazard law over 1,000 spikes`, () => {
      const w = 0.02;
      const spec = line(1, 'parallel', { softWidth: w });
      const ex = make(spec);
      const self = 0.01 + spec.mu;
      const T = (0.01 + spec.mu + spec.nu) / 2;
      const margins: number[] = [];
      let steps = 0;
      while (margins.length < 1000 && steps < 300_000) {
        const r = ex.run(drive(1, 2));
        steps++;
        if (r.spikeSteps.length) margins.push(ex.state().V[0]! + self - T);
      }
      const mean = margins.reduce((a, b) => a + b, 0) / margins.length;
      const want = expectedMargin(1e-4, w);
      expect(Math.abs(mean / want - 1)).toBeLessThan(0.06);
      expect(Math.min(...margins)).toBeGreaterThan(0); // never below threshold
    });
  }
});

describe('parallel rule: spec and image', () => {
  it('chip options are refused with any policy but parallel, naming the field', () => {
    const s = line(2, 'winner');
    s.chip = { refractory: 2, softWidth: 0, arbitration: 0 };
    expect(() => validateSpec(s)).toThrow(SpecError);
    expect(() => validateSpec(s)).toThrow(/policy "parallel" only/);
  });
  it('unknown or out-of-range chip options are refused with what is accepted', () => {
    const s = line(2, 'parallel');
    s.chip = { refractory: 0, softWidth: 0, arbitration: 0, delay: 2 } as ChipOptions;
    expect(() => validateSpec(s)).toThrow(/chip\.delay: is not a chip option \(accepted: refractory, softWidth, arbitration\)/);
    s.chip = { refractory: 300, softWidth: 0, arbitration: 0 };
    expect(() => validateSpec(s)).toThrow(/chip\.refractory: 300 is not an integer in \[0, 255\]/);
    s.chip = { refractory: 0, softWidth: -1, arbitration: 0 };
    expect(() => validateSpec(s)).toThrow(/chip\.softWidth/);
    s.chip = { refractory: 0, softWidth: 0, arbitration: 3 };
    expect(() => validateSpec(s)).toThrow(/chip\.arbitration: 3 is not an integer in \[0, 2\]/);
  });
  it('quantize() writes the rule as data: flag IMG_PARALLEL and header words REFRACT, SOFT (Q7.24), GROUP', () => {
    const s = line(4, 'parallel', { refractory: 2, softWidth: 0.03, arbitration: 2 });
    const w = new Int32Array(quantize(s).image.buffer);
    expect(w[H.FLAGS]! & IMG_PARALLEL).toBe(IMG_PARALLEL);
    expect(w[H.REFRACT]).toBe(2);
    expect(fromQ(w[H.SOFT]!)).toBeCloseTo(0.03, 7);
    expect(w[H.GROUP]).toBe(2);
    const plain = new Int32Array(quantize(line(4, 'winner')).image.buffer);
    expect([plain[H.FLAGS]! & IMG_PARALLEL, plain[H.REFRACT], plain[H.SOFT], plain[H.GROUP]]).toEqual([0, 0, 0, 0]);
  });
});

describe('parallel rule at its defaults (statistical)', () => {
  // the conformance suite's driven damped oscillator with closed-form weights (DESIGN.md section 2)
  const dt = 1e-4;
  const seconds = 2;
  const steps = Math.round(seconds / dt);
  function follow(make: (s: NetworkSpec) => Executor, soft?: number, neurons = 50) {
    const spec = createNetwork({ dims: 2, neurons, dendrites: 0, dt, seed: 3, policy: 'parallel', ...(soft !== undefined ? { chip: { soft } } : {}) });
    spec.Os = idealLinearOs(spec, dampedOscillator.A);
    const c = smoothNoise(new Random(7), steps, 2, dt, 0.05, 10);
    const { x } = simulate(dampedOscillator, [0, 0], steps, dt, c);
    const res = make(spec).run({ steps, c, record: true });
    let most = 0;
    const per = new Map<number, number>();
    for (const t of res.spikeSteps) per.set(t, (per.get(t) ?? 0) + 1);
    for (const n of per.values()) most = Math.max(most, n);
    return { err: normalisedError(res.xhat!, x, 2, dt, seconds), rate: res.spikeSteps.length / neurons / seconds, most, steps: new Set(res.spikeSteps).size };
  }
  const got: Record<string, { err: number; rate: number }> = {};
  for (const [name, make] of executors) {
    it(`${name}: follows the driven linear oscillator within 10% at <= 20 Hz and <= 6 spikes per step (N=50, 2 s)`, () => {
      const r = follow(make);
      got[name] = r;
      expect(r.err).toBeLessThan(0.1);
      expect(r.rate).toBeLessThan(20);
      expect(r.rate).toBeGreaterThan(2);
      expect(r.most).toBeLessThanOrEqual(6);
    });
    it(`${name}: without the soft threshold the same network ping-pongs (> 500 Hz per neuron, > 20 spikes in one step)`, () => {
      const r = follow(make, 0);
      expect(r.rate).toBeGreaterThan(500);
      expect(r.most).toBeGreaterThan(20);
    });
  }
  it('the default soft width is SOFT_GAIN N/(2J) |D_i|^2: 16 at N = 50, J = 2 (the study), 64 at N = 200, 5.33 at N = 50, J = 6', () => {
    expect(SOFT_GAIN).toBe(1.28);
    expect(softDefault(50, 2)).toBeCloseTo(16, 12);
    expect(softDefault(200, 2)).toBeCloseTo(64, 12);
    expect(softDefault(50, 6)).toBeCloseTo(16 / 3, 12);
    const spec = createNetwork({ dims: 2, neurons: 200, dendrites: 0, seed: 3, policy: 'parallel' });
    let d2 = 0;
    for (const d of spec.D) d2 += d * d;
    expect(spec.chip!.softWidth).toBeCloseTo(64 * (d2 / 200), 9);
  });
  it('kernel, N = 200: the N-scaled default follows the driven linear oscillator within 10% at <= 20 Hz; the fixed study width of 16 |D_i|^2 ping-pongs (> 500 Hz, > 2x the spikes per active step)', () => {
    const make = executors[1]![1];
    const scaled = follow(make, undefined, 200);
    const fixed = follow(make, 16, 200);
    expect(scaled.err).toBeLessThan(0.1);
    expect(scaled.rate).toBeLessThan(20);
    const perStep = (r: { rate: number; steps: number }) => (r.rate * 200 * seconds) / r.steps;
    expect(fixed.rate).toBeGreaterThan(500);
    expect(perStep(fixed)).toBeGreaterThan(2 * perStep(scaled));
  });
  it('kernel and reference agree: rate within 10%, error within 2 points', () => {
    expect(Math.abs(got.kernel!.rate / got.reference!.rate - 1)).toBeLessThan(0.1);
    expect(Math.abs(got.kernel!.err - got.reference!.err)).toBeLessThan(0.02);
  });
});

// One conformance suite, run against every executor (float64 reference and
// fixed-point kernel). Oracles are analytic: a linear damped oscillator with
// the closed-form slow weights Os* = D^T (A + lam I) (DESIGN.md section 2).
import { describe, expect, it } from 'vitest';
import type { Executor } from '../src/executor.js';
import { simulate } from '../src/integrate.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { Random } from '../src/random.js';
import { ReferenceExecutor } from '../src/reference/executor.js';
import { smoothNoise } from '../src/signals.js';
import { createNetwork, type NetworkSpec } from '../src/spec.js';
import { dampedOscillator, idealLinearOs } from '../src/systems/linear.js';
import { train } from '../src/train.js';
import { normalisedError } from '../src/evaluate.js';

const executors: [string, (s: NetworkSpec) => Executor][] = [
  ['reference', (s) => new ReferenceExecutor(s)],
  ['kernel', (s) => new KernelExecutor(s)],
];

const dt = 1e-4;
const seconds = 2;
const steps = Math.round(seconds / dt);
function linearCase(policy: 'winner' | 'all' = 'winner', muRel = 0.01) {
  const spec = createNetwork({ dims: 2, neurons: 50, dendrites: 0, dt, seed: 3, policy, muRel });
  spec.Os = idealLinearOs(spec, dampedOscillator.A);
  const c = smoothNoise(new Random(7), steps, 2, dt, 0.05, 10); // the DESIGN.md trial's drive
  const { x } = simulate(dampedOscillator, [0, 0], steps, dt, c);
  return { spec, c, x };
}

const rates: Record<string, number> = {};

for (const [name, make] of executors) {
  describe(`${name} executor`, () => {
    it('statistical: follows the driven linear oscillator with closed-form weights, normalised error <= 5% over 2 s (N=50, dt=0.1 ms, winner)', () => {
      const { spec, c, x } = linearCase();
      const ex = make(spec);
      const res = ex.run({ steps, c, record: true });
      const err = normalisedError(res.xhat!, x, 2, dt, seconds);
      rates[name] = res.spikeSteps.length / 50 / seconds;
      expect(err).toBeLessThan(0.05);
      expect(rates[name]).toBeGreaterThan(1);
    });

    it('statistical: learns the linear weights from scratch to within 5% of the closed form (20 s)', () => {
      const { spec } = linearCase();
      const learner = createNetwork({ dims: 2, neurons: 50, dendrites: 0, dt: 5e-4, seed: 3 });
      const ideal = idealLinearOs(learner, dampedOscillator.A);
      const ex = make(learner);
      // the learning rule against the closed form: plain smooth-noise exploration (std 8, tau 50 ms,
      // 2 s trials) as when this bound was set, not the automatic confined exploration
      const plain = { ...dampedOscillator, explore: undefined, inputStd: 8, inputTau: 0.05, training: {} };
      train(ex, plain, { duration: 20, k: 100, eta: 20, trialLength: 2, seed: 1 });
      const Os = ex.toSpec().Os;
      let se = 0;
      let s2 = 0;
      for (let i = 0; i < Os.length; i++) {
        se += (Os[i]! - ideal[i]!) ** 2;
        s2 += ideal[i]! ** 2;
      }
      expect(Math.sqrt(se / s2)).toBeLessThan(0.05);
      expect(spec.N).toBe(50);
    });

    it('a killed neuron never spikes again and the rest keep the readout (error <= 10%)', () => {
      const { spec, c, x } = linearCase();
      const ex = make(spec);
      const dead = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45];
      for (const i of dead) ex.setAlive(i, false);
      const res = ex.run({ steps, c, record: true });
      expect(res.spikeNeurons.some((n) => dead.includes(n))).toBe(false);
      expect(normalisedError(res.xhat!, x, 2, dt, seconds)).toBeLessThan(0.1);
      expect(ex.state().alive.reduce((a, b) => a + b, 0)).toBe(40);
    });

    // With mu = 0.01|D|^2, 'all' ping-pongs at >1 kHz (DESIGN.md's trap); mu = 0.1|D|^2 calms it.
    it("statistical: policy 'all' (mu = 0.1|D|^2) fires several neurons per step and tracks the target, error <= 25%", () => {
      const { spec, c, x } = linearCase('all', 0.1);
      const ex = make(spec);
      const res = ex.run({ steps, c, record: true });
      rates[`${name}-all`] = res.spikeSteps.length / 50 / seconds;
      let multi = 0;
      for (let q = 1; q < res.spikeSteps.length; q++) if (res.spikeSteps[q] === res.spikeSteps[q - 1]) multi++;
      expect(multi).toBeGreaterThan(0);
      expect(normalisedError(res.xhat!, x, 2, dt, seconds)).toBeLessThan(0.25);
    });

    it('counts events consistently: fast events = spikes x alive neurons, slow = updates x B', () => {
      const { spec, c } = linearCase();
      const ex = make(spec);
      ex.run({ steps: 1000, c });
      const k = ex.counters();
      expect(k.steps).toBe(1000);
      expect(k.neuronUpdates).toBe(50 * 1000);
      expect(k.fastEvents).toBe(k.spikes * 50);
      expect(k.slowEvents).toBe(50 * 1000 * 2);
      expect(k.weightUpdates).toBe(0);
    });

    it('reset() restores the initial state: the same run twice gives the same spikes', () => {
      const { spec, c } = linearCase();
      spec.noise = 0.002;
      const ex = make(spec);
      const a = ex.run({ steps: 3000, c });
      ex.reset();
      const b = ex.run({ steps: 3000, c });
      expect(Array.from(b.spikeNeurons)).toEqual(Array.from(a.spikeNeurons));
      expect(Array.from(b.spikeSteps)).toEqual(Array.from(a.spikeSteps));
    });
  });
}

describe('reference vs kernel', () => {
  it('statistical: mean rates agree within 10% on the closed-form linear oscillator', () => {
    expect(rates.reference).toBeDefined();
    expect(Math.abs(rates.kernel! - rates.reference!) / rates.reference!).toBeLessThan(0.1);
  });
  it("statistical: mean rates agree within 10% under policy 'all'", () => {
    const ref = rates['reference-all']!;
    expect(Math.abs(rates['kernel-all']! - ref) / ref).toBeLessThan(0.1);
  });
});

// Statistical: the systems library learned in the fixed-point kernel (not the
// float reference) at the automatic defaults (src/auto/), assessed free-running
// (feedback and learning off) from fresh start states. Van der Pol has its own
// file (test/vanderpol.test.ts, median of 5 seeds).
import { describe, expect, it } from 'vitest';
import { assess, type Assessment } from '../src/assess.js';
import { randomNeurons } from '../src/evaluate.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { createNetwork } from '../src/spec.js';
import { defineSystem, getSystem, networkFor, type DynamicalSystem } from '../src/systems/index.js';
import { train } from '../src/train.js';

function learn(sys: DynamicalSystem, seed = 1, duration?: number) {
  const spec = networkFor(sys, { seed });
  const ex = new KernelExecutor(spec, { mode: sys.mode ?? 'dense' });
  train(ex, sys, { ...sys.training, seed });
  const learned = ex.toSpec();
  const o = { seed, ...(duration !== undefined ? { duration } : {}) };
  const whole = assess(ex, learned, sys, o);
  const half = assess(ex, learned, sys, { ...o, kill: randomNeurons(spec.N, 0.5, seed + 100), skipBalance: true });
  return { spec, whole, half };
}

const doubled = (a: Assessment, b: Assessment, key: string) => b.metrics[key]! <= 2 * Math.max(a.metrics[key]!, 0.01);

describe('linear damped oscillator (learned, not the closed form)', () => {
  const r = learn(getSystem('linear'));
  // N is the automatic choice (190 with the 0.05 decoder: the readout needs twice the spikes of the old 0.1)
  it('driven by commands never seen in training, feedback off: normalised error <= 10% with N <= 200', () => {
    expect(r.spec.N).toBeLessThanOrEqual(200);
    expect(r.whole.metrics.unseenInputError).toBeLessThanOrEqual(0.1);
  });
  it('median ISI CV >= 0.8', () => expect(r.whole.metrics.medianCV).toBeGreaterThanOrEqual(0.8));
  it('killing 50% of neurons at most doubles the error', () => expect(doubled(r.whole, r.half, 'unseenInputError')).toBe(true));
});

describe('bistable system', () => {
  const r = learn(getSystem('bistable'));
  it('>= 95% of random starts end in the correct basin', () => expect(r.whole.metrics.basinAccuracy).toBeGreaterThanOrEqual(0.95));
  it('fixed points within 5% (of the domain half-width) of where the true system ends', () => expect(r.whole.metrics.fixedPointError).toBeLessThanOrEqual(0.05));
  it('median ISI CV >= 0.8', () => expect(r.whole.metrics.medianCV).toBeGreaterThanOrEqual(0.8));
  it('killing 50% keeps >= 95% correct basins and at most doubles the fixed-point error', () => {
    expect(r.half.metrics.basinAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(doubled(r.whole, r.half, 'fixedPointError')).toBe(true);
  });
});

describe('driven pendulum', () => {
  const r = learn(getSystem('pendulum'));
  // No per-system settings (issue 10): at 300 characteristic times of training the automatic
  // defaults were 15-25% off on unseen torques; driven systems now train 10x longer
  // (src/auto/configure.ts) and this passes (docs/suite.md has the report seeds).
  it('normalised error <= 10% on torque commands never seen in training (feedback off)', () => {
    expect(r.whole.metrics.unseenInputError).toBeLessThanOrEqual(0.1);
  });
  it('median ISI CV >= 0.8', () => expect(r.whole.metrics.medianCV).toBeGreaterThanOrEqual(0.8));
  it('killing 50% of neurons at most doubles the error', () => expect(doubled(r.whole, r.half, 'unseenInputError')).toBe(true));
});

describe('Lorenz (chaotic), learned in the kernel in low-rank mode', () => {
  // a 50 s window (the assessment's own default is 1,750 T, ~1,000 s: see src/assess.ts)
  const r = learn(getSystem('lorenz'), 1, 50);
  it('N <= 300', () => expect(r.spec.N).toBeLessThanOrEqual(300));
  // 20%, not the suite's 15%: one 50 s window of a chaotic run on one seed is a noisy estimate (at
  // seed 1, configurations differing only in dendrite gain or training length scored 11-37% on the
  // mean); the 5-seed suite (npm run suite, docs/suite.md) holds the 15% criterion, which the
  // automatic defaults do not meet yet. This fast test guards against collapse and gross bias.
  it('free-running 50 s: per-coordinate mean and std within 20% of the true attractor (relative to its std), not collapsed', () => {
    expect(r.whole.run.xhat.length / 3 * r.spec.dt).toBeCloseTo(50, 5);
    expect(r.whole.metrics.collapsed).toBe(0);
    expect(r.whole.metrics.meanError).toBeLessThanOrEqual(0.2);
    expect(r.whole.metrics.stdError).toBeLessThanOrEqual(0.2);
  });
  it('stays on a two-lobed attractor that switches lobes (>= 0.1 switches/s)', () => {
    expect(r.whole.metrics.switchRate).toBeGreaterThanOrEqual(0.1);
    const x1 = Array.from({ length: r.whole.run.xhat.length / 3 }, (_, s) => r.whole.run.xhat[3 * s]!);
    // normalised units: the lobes sit at x = -+8.5, i.e. -+0.97 after z = x / 8.8
    // a loop, not Math.min(...x1): 200,000 arguments overflow the call stack
    let lo = Infinity, hi = -Infinity;
    for (const v of x1) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    expect(lo).toBeLessThan(-0.5);
    expect(hi).toBeGreaterThan(0.5);
  });
  it('median ISI CV >= 0.8', () => expect(r.whole.metrics.medianCV).toBeGreaterThanOrEqual(0.8));
  it('killing 50% at most doubles the attractor errors', () => {
    expect(doubled(r.whole, r.half, 'meanError')).toBe(true);
    expect(doubled(r.whole, r.half, 'stdError')).toBe(true);
  });
});

describe('user-defined systems work through the API exactly like built-in ones', () => {
  // a Duffing oscillator with damping: not in the library
  const duffing = defineSystem({
    name: 'duffing',
    dims: 2,
    kind: 'fixed-points',
    f: ([x, v]) => [v! / 0.2, (x! - x! ** 3 - 2 * v!) / 0.2], // well damped: basins are not thin spirals
    domain: [[-1.6, 1.6], [-1.6, 1.6]],
    timeScale: 1.5,
  });
  it('is refused with the field named when malformed', () => {
    expect(() => defineSystem({ name: 'bad', dims: 2, f: () => [1], domain: [[-1, 1], [-1, 1]] })).toThrow(/f: f\(\[0,0\]\) must return 2 finite numbers/);
    expect(() => defineSystem({ name: 'bad', dims: 2, f: () => [1, 1], domain: [[-1, 1]] })).toThrow(/domain: must have one \[lo, hi\] per dimension \(2\)/);
  });
  it('trains and is assessed with the same functions (short training)', () => {
    const spec = networkFor(duffing, { neurons: 30, dt: 2.5e-4, seed: 2 });
    const ex = new KernelExecutor(spec);
    const t = train(ex, duffing, { duration: 60, seed: 2 });
    expect(t.simulated).toBeCloseTo(60, 5);
    const a = assess(ex, ex.toSpec(), duffing, { seed: 2, starts: 10 });
    expect(a.kind).toBe('fixed-points');
    expect(a.metrics.attractors).toBe(2); // the true system's two wells, found from the switch-off states
    expect(a.metrics.silent).toBe(0);
    expect(createNetwork({ dims: 2 }).J).toBe(2);
  });
  // This damped Duffing oscillator (timeScale 1.5 s) ended in the wrong basin, or not at rest, from
  // every start at the defaults before the time normalisation of ebnkit 0.4.0 (src/time-stretch.ts),
  // which changed both its training (stretched by 1.5) and its free runs' lead-in; which of the two
  // fixed it was not measured. It was kept as a visible expected failure until then.
  it('a damped Duffing oscillator at defaults (time scale 1.5 s): >= 80% correct basins', () => {
    const spec = networkFor(duffing, { seed: 2 });
    const ex = new KernelExecutor(spec);
    train(ex, duffing, { ...duffing.training, seed: 2 });
    const a = assess(ex, ex.toSpec(), duffing, { seed: 2, starts: 10 });
    expect(a.metrics.basinAccuracy).toBeGreaterThanOrEqual(0.8);
  });
});

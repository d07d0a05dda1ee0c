// Statistical: the low-rank fast path learns the same network as the dense,
// fully local form, through the same train() loop. It learns W (J x B) with
// the factored rule dW = eta dt e Phi^T, whose updates are those of the local
// rule summed through D (Os = D W stays exact, and its rounding noise stays
// in the readout space). Tolerances are in the test names.
import { describe, expect, it } from 'vitest';
import { evaluateLimitCycle, median, randomNeurons, trueCycle, type LimitCycleReport } from '../src/evaluate.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { networkFor, vanDerPol } from '../src/systems/index.js';
import { train } from '../src/train.js';

const sys = vanDerPol();
const x0 = sys.starts.map(([lo, hi]) => lo + 0.9 * (hi - lo));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('Van der Pol learned in low-rank mode (N = 50, K = 100, train() defaults, median of 5 seeds)', () => {
  const results: { full: LimitCycleReport; half: LimitCycleReport }[] = [];
  it('trains 5 seeds', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const spec = networkFor(sys, { neurons: 50, seed });
      const ex = new KernelExecutor(spec, { mode: 'lowrank' });
      train(ex, sys, { seed });
      const truth = trueCycle(sys, spec.dt);
      results.push({
        full: evaluateLimitCycle(ex, sys, { truth, x0 }),
        half: evaluateLimitCycle(ex, sys, { truth, x0, kill: randomNeurons(50, 0.5, seed + 100) }),
      });
    }
  });
  // 15 Hz: the suite's ceiling; at the forced N = 50 the 0.05 decoder and voltage noise run at ~12 Hz (test/vanderpol.test.ts)
  it('statistical: amplitude and period error <= 5% (median), rate <= 15 Hz', () => {
    expect(median(results.map((r) => r.full.amplitudeError))).toBeLessThanOrEqual(0.05);
    expect(median(results.map((r) => r.full.periodError))).toBeLessThanOrEqual(0.05);
    expect(median(results.map((r) => r.full.rate))).toBeLessThanOrEqual(15);
  });
  it('statistical: killing a random half keeps amplitude and period within 10% (median)', () => {
    expect(median(results.map((r) => r.half.amplitudeError))).toBeLessThanOrEqual(0.1);
    expect(median(results.map((r) => r.half.periodError))).toBeLessThanOrEqual(0.1);
  });
});

describe('the same seed trained in both modes (seed 1)', () => {
  const spec = networkFor(sys, { neurons: 50, seed: 1 });
  const truth = trueCycle(sys, spec.dt);
  const dense = new KernelExecutor(spec);
  const low = new KernelExecutor(spec, { mode: 'lowrank' });
  let d: LimitCycleReport, l: LimitCycleReport, p: LimitCycleReport;
  let projected: KernelExecutor;
  it('trains both with train() and evaluates them free-running', () => {
    train(dense, sys, { seed: 1 });
    train(low, sys, { seed: 1 });
    d = evaluateLimitCycle(dense, sys, { truth, x0 });
    l = evaluateLimitCycle(low, sys, { truth, x0 });
    projected = new KernelExecutor(dense.toSpec(), { mode: 'lowrank' });
    p = evaluateLimitCycle(projected, sys, { truth, x0 });
    console.log(
      `dense: amplitude ${d.amplitude.toFixed(3)}, period ${d.period.toFixed(3)} s, ${d.rate.toFixed(2)} Hz; ` +
        `low-rank: ${l.amplitude.toFixed(3)}, ${l.period.toFixed(3)} s, ${l.rate.toFixed(2)} Hz; ` +
        `dense-trained run low-rank: ${p.amplitude.toFixed(3)}, ${p.period.toFixed(3)} s, ${p.rate.toFixed(2)} Hz`,
    );
  });
  it('statistical: free-running amplitude and period agree within 3%', () => {
    expect(rel(l.amplitude, d.amplitude)).toBeLessThanOrEqual(0.03);
    expect(rel(l.period, d.period)).toBeLessThanOrEqual(0.03);
  });
  it('statistical: spike rates agree within 10%', () => {
    expect(rel(l.rate, d.rate)).toBeLessThanOrEqual(0.1);
  });
  it('statistical: the learned W is within 5% (Frobenius) of the W decoded from the dense-trained Os', () => {
    const wl = low.slowFactor().W, wd = dense.slowFactor();
    let num = 0, den = 0;
    for (let i = 0; i < wl.length; i++) { num += (wl[i]! - wd.W[i]!) ** 2; den += wd.W[i]! ** 2; }
    expect(Math.sqrt(num / den)).toBeLessThanOrEqual(0.05);
    // the dense learner's private rounding noise, outside the span of D, stays small at Q7.24
    expect(wd.residual).toBeLessThan(0.01);
  });
  it('statistical: the dense-trained network run in low-rank keeps amplitude and period within 1%, rate within 10%', () => {
    expect(projected.report!.lowrankResidual!).toBeLessThan(0.01);
    expect(rel(p.amplitude, d.amplitude)).toBeLessThanOrEqual(0.01);
    expect(rel(p.period, d.period)).toBeLessThanOrEqual(0.01);
    expect(rel(p.rate, d.rate)).toBeLessThanOrEqual(0.1);
  });
});

describe('trained fast, deployed dense: N = 400 learned in low-rank mode, run in the dense form a chip would run', () => {
  it('statistical: amplitude and period within 2%, rates within 10%', () => {
    const spec = networkFor(sys, { neurons: 400, seed: 2 });
    const low = new KernelExecutor(spec, { mode: 'lowrank' });
    train(low, sys, { seed: 2, duration: 100 });
    const truth = trueCycle(sys, spec.dt);
    const l = evaluateLimitCycle(low, sys, { truth, x0 });
    const d = evaluateLimitCycle(new KernelExecutor(low.toSpec()), sys, { truth, x0 });
    console.log(`N = 400, low-rank: ${l.amplitude.toFixed(3)}, ${l.period.toFixed(3)} s, ${l.rate.toFixed(2)} Hz; dense: ${d.amplitude.toFixed(3)}, ${d.period.toFixed(3)} s, ${d.rate.toFixed(2)} Hz`);
    expect(l.amplitudeError).toBeLessThanOrEqual(0.05);
    expect(rel(d.amplitude, l.amplitude)).toBeLessThanOrEqual(0.02);
    expect(rel(d.period, l.period)).toBeLessThanOrEqual(0.02);
    expect(rel(d.rate, l.rate)).toBeLessThanOrEqual(0.1);
  });
});

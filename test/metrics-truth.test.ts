// Every metric fed a known-bad trajectory must fail it (and a known-good one
// pass), so that no metric can report success for a network that did not learn.
import { describe, expect, it } from 'vitest';
import { assess, CHAOS_TIMES } from '../src/assess.js';
import { unseenCommands } from '../src/auto/commands.js';
import { explorer } from '../src/auto/explore.js';
import { boxSamples } from '../src/auto/probe.js';
import { normalise, transformFor, Z } from '../src/auto/normalise.js';
import { cycleStats, smoothCycle } from '../src/evaluate.js';
import { simulate } from '../src/integrate.js';
import { attractorError, attractorStats, collapsed } from '../src/metrics/attractor.js';
import { atRest, basinVerdict } from '../src/metrics/basins.js';
import { amplitudeDrift, invariantDrift, orbitClosure } from '../src/metrics/conservative.js';
import { vectorFieldError } from '../src/metrics/field.js';
import { verdict } from '../src/metrics/verdict.js';
import { headline } from '../src/commands/train.js';
import { Random } from '../src/random.js';
import { ReferenceExecutor } from '../src/reference/executor.js';
import { dampedOscillator, defineSystem, getSystem, idealLinearOs, networkFor, rawSystem } from '../src/systems/index.js';

const circle = (n: number, dt: number, w: number, r: (t: number) => number) => {
  const a = new Float64Array(2 * n);
  for (let s = 0; s < n; s++) {
    const t = s * dt;
    a[2 * s] = r(t) * Math.cos(w * t);
    a[2 * s + 1] = r(t) * Math.sin(w * t);
  }
  return a;
};

describe('basins are judged by the true system from the same switch-off state', () => {
  const A = [2, 0];
  const B = [-2, 0];
  const trueEnds = [A, B, A, B, A, B, A, B];
  it('all network ends in one well while the truth splits: accuracy 50% (< 95%, fails)', () => {
    const v = basinVerdict(trueEnds.map(() => A), trueEnds, trueEnds.map(() => true), 0.25, Z);
    expect(v.accuracy).toBe(0.5);
    expect(v.attractors.length).toBe(2);
  });
  it('right ends but still moving (not at rest) are not counted: accuracy 0', () => {
    expect(basinVerdict(trueEnds, trueEnds, trueEnds.map(() => false), 0.25, Z).accuracy).toBe(0);
  });
  it('ends displaced by 0.3 (12% of the half-width): position error > 5%, and outside tol 0.25 they are wrong', () => {
    const off = trueEnds.map((e) => [e[0]! + 0.3, e[1]!]);
    const v = basinVerdict(off, trueEnds, trueEnds.map(() => true), 0.25, Z);
    expect(v.accuracy).toBe(0);
    const v2 = basinVerdict(off, trueEnds, trueEnds.map(() => true), 0.5, Z);
    expect(v2.positionError).toBeGreaterThan(0.05);
  });
  it('exact ends: accuracy 100%, position error 0 (the control)', () => {
    const v = basinVerdict(trueEnds, trueEnds, trueEnds.map(() => true), 0.25, Z);
    expect(v.accuracy).toBe(1);
    expect(v.positionError).toBe(0);
  });
  it('atRest is false for a cycle, true for a constant', () => {
    expect(atRest(circle(1000, 1e-3, 6, () => 1), 2, 500, 0.05)).toBe(false);
    expect(atRest(new Float64Array(2000).fill(1), 2, 500, 0.05)).toBe(true);
  });
  it('atRest: spike jitter of 0.03 around a point with a last sample 0.06 off is at rest (tol 0.05); a ramp of 0.12 per coordinate over the tail (RMS 0.049, halves 0.085 apart) is not', () => {
    const jitter = new Float64Array(2000).map((_, i) => 1 + 0.03 * Math.sin(i * 2.1));
    jitter[1998] = 1.06; // the last sample (x1) is the worst of the jitter
    expect(atRest(jitter, 2, 500, 0.05)).toBe(true);
    const ramp = new Float64Array(2000).map((_, i) => 1 + 2.4e-4 * Math.floor(i / 2));
    expect(atRest(ramp, 2, 500, 0.05)).toBe(false);
  });
});

describe('chaotic: collapse and lobe switches with hysteresis on the true statistics', () => {
  const lor = getSystem('lorenz');
  const dt = 1e-3;
  const truthRun = simulate(lor, [1, 1, 0], 60_000, dt).x;
  const truth = attractorStats(truthRun, 3, dt, 10);
  it('a network sitting at a point with spike jitter: collapsed, and fewer than 0.1 switches/s counted', () => {
    const rnd = new Random(3);
    const jitter = new Float64Array(3 * 20_000).map(() => 0.05 * (rnd.uniform() - 0.5));
    const got = attractorStats(jitter, 3, dt, 0, truth);
    expect(got.switchRate).toBeLessThan(0.1);
    expect(collapsed(got, truth)).toBe(true);
  });
  it('a second stretch of the true attractor: not collapsed (the control)', () => {
    const other = simulate(lor, [-1, 2, 1], 60_000, dt).x;
    expect(collapsed(attractorStats(other, 3, dt, 10, truth), truth)).toBe(false);
  });
});

describe('chaotic: the true system passes against itself at the assessment length (a metric must not fail the truth)', () => {
  const lor = getSystem('lorenz');
  const dt = 2e-3;
  // the chaotic criteria (means and stds within 15% of the true std, switch rate within 30%)
  const fails = (seconds: number, pairs: number) => {
    const rnd = new Random(41);
    let n = 0;
    for (let q = 0; q < pairs; q++) {
      const x0 = () => [rnd.range(-15, 15), rnd.range(-20, 20), rnd.range(10, 40)];
      const truth = attractorStats(simulate(lor, x0(), Math.round((2 * seconds + 10) / dt), dt).x, 3, dt, 10);
      const other = attractorStats(simulate(lor, x0(), Math.round(seconds / dt), dt).x, 3, dt, 2, truth);
      const e = attractorError(other, truth);
      if (e.mean > 0.15 || e.std > 0.15 || Math.abs(other.switchRate - truth.switchRate) / truth.switchRate > 0.3) n++;
    }
    return n;
  };
  // Lorenz's characteristic time as the automatic configuration finds it (0.572 s)
  const seconds = CHAOS_TIMES * 0.572;
  it(`the assessment's ${CHAOS_TIMES} characteristic times (${seconds.toFixed(0)} s): 0 of 6 true-vs-true start pairs fail`, () => expect(fails(seconds, 6)).toBe(0), 60_000);
  it('50 s runs (the old length): at least 2 of 6 pairs fail (why the length is what it is)', () => expect(fails(50, 6)).toBeGreaterThanOrEqual(2));
});

/** A spiking readout of `x`: decays at lam and jumps by +-D whenever it is D/2 off (a two-neuron EBN per coordinate). */
const spikingReadout = (x: Float64Array, J: number, dt: number, D: number, lam = 10) => {
  const y = new Float64Array(x.length);
  const v = new Float64Array(J);
  for (let s = 0; s < x.length / J; s++)
    for (let j = 0; j < J; j++) {
      v[j] = v[j]! * (1 - lam * dt);
      const e = x[s * J + j]! - v[j]!;
      if (Math.abs(e) > D / 2) v[j] = v[j]! + Math.sign(e) * D;
      y[s * J + j] = v[j]!;
    }
  return y;
};

describe('limit cycles are measured through a 1%-of-period moving average; spike jitter is reported apart', () => {
  const dt = 2.5e-4;
  const n = 40_000; // 10 periods of 1 s
  const truth = smoothCycle(circle(n, dt, 2 * Math.PI, () => 2), 2, dt, 1, 0, 3);
  const err = (traj: Float64Array) => {
    const c = smoothCycle(traj, 2, dt, 1, 0, 3);
    return { amp: Math.abs(c.amplitude - truth.amplitude) / truth.amplitude, per: Math.abs(c.period - truth.period) / truth.period, jitter: c.jitter / truth.amplitude };
  };
  it('the right cycle read through spikes (teeth of 5% of the amplitude): amplitude within 1% (raw max-min: over 2%), jitter reported >= 1%', () => {
    const jittered = spikingReadout(circle(n, dt, 2 * Math.PI, () => 2), 2, dt, 0.1);
    const e = err(jittered);
    expect(e.amp).toBeLessThan(0.01);
    expect(e.per).toBeLessThan(0.01);
    expect(e.jitter).toBeGreaterThan(0.01);
    expect(Math.abs(cycleStats(jittered, 2, dt, 0, 3).amplitude - truth.amplitude) / truth.amplitude).toBeGreaterThan(0.02);
  });
  it('a cycle 10% too large, read through spikes: amplitude error > 5% (fails)', () => {
    expect(err(spikingReadout(circle(n, dt, 2 * Math.PI, () => 2.2), 2, dt, 0.1)).amp).toBeGreaterThan(0.05);
  });
  it('a cycle 8% too slow, read through spikes: period error > 5% (fails)', () => {
    expect(err(spikingReadout(circle(n, dt, (2 * Math.PI) / 1.08, () => 2), 2, dt, 0.1)).per).toBeGreaterThan(0.05);
  });
});

describe('conservative: invariant drift and orbit closure', () => {
  const dt = 1e-3;
  const w = 2 * Math.PI;
  const H = (x: number[]) => x[0]! ** 2 + x[1]! ** 2;
  it('a decaying spiral (amplitude x0.9 per period): drift > 5% per period, closure > 5%', () => {
    const spiral = circle(10_000, dt, w, (t) => 2 * 0.9 ** t);
    expect(invariantDrift(spiral, 2, dt, 1, H, 1)).toBeGreaterThan(0.05);
    expect(amplitudeDrift(spiral, 2, dt, 1, 2)).toBeGreaterThan(0.05);
    expect(orbitClosure(spiral, 2, dt)).toBeGreaterThan(0.05);
  });
  it('a closed circle: drift and closure < 0.5% (the control)', () => {
    const c = circle(10_000, dt, w, () => 2);
    expect(invariantDrift(c, 2, dt, 1, H, 1)).toBeLessThan(0.005);
    expect(orbitClosure(c, 2, dt)).toBeLessThan(0.005);
  });
});

describe('vector-field error is normalised by the field over the domain, not along the run', () => {
  const sys = dampedOscillator;
  const spec = networkFor(sys, { neurons: 30, dendrites: 10, seed: 2 });
  const near = new Float64Array(2 * 500).fill(0.01); // states near the fixed point, where |F| ~ 0
  it('closed-form weights near the fixed point: < 5% (the old run-normalised error blew up here)', () => {
    expect(vectorFieldError({ ...spec, Os: idealLinearOs(spec, sys.A) }, sys, near)).toBeLessThan(0.05);
  });
  it('untrained weights (Os = 0) over the domain: > 50%', () => {
    expect(vectorFieldError(spec, sys, boxSamples(sys.domain, 500))).toBeGreaterThan(0.5);
  });
});

describe('unseen-input error uses commands (the definition\'s, or the default set)', () => {
  const sys = dampedOscillator;
  it('the default commands are nonzero and keep the true system inside the domain', () => {
    const c = unseenCommands(sys, new Random(1), [0.5, 0.5], 5000, 1e-3);
    expect(Math.max(...c.map(Math.abs))).toBeGreaterThan(0.5);
    const { x } = simulate(sys, [0.5, 0.5], 5000, 1e-3, c);
    expect(x.every((v) => Math.abs(v) <= Z)).toBe(true);
  });
  it('closed-form weights: unseen-input error < 10%; untrained weights: > 10% (known bad)', () => {
    const spec = networkFor(sys, { neurons: 100, dendrites: 10, dt: 2e-4, noise: 0, seed: 2 });
    const good = { ...spec, Os: idealLinearOs(spec, sys.A) };
    const g = assess(new ReferenceExecutor(good), good, sys, { starts: 1, duration: 1.5, skipBalance: true });
    const b = assess(new ReferenceExecutor(spec), spec, sys, { starts: 1, duration: 1.5, skipBalance: true });
    expect(g.metrics.commandRms).toBeGreaterThan(0);
    expect(g.metrics.unseenInputError).toBeLessThan(0.1);
    expect(b.metrics.unseenInputError).toBeGreaterThan(0.1);
  });
});

describe('verdicts: silent, half-killed, rates', () => {
  const ok = { amplitudeError: 0.01, periodError: 0.01, meanRate: 5, medianCV: 1, silent: 0 };
  it('a good limit cycle passes (the control)', () => expect(verdict('limit-cycle', ok, ok).pass).toBe(true));
  it('a silent network fails as "silent" and its headline says silent, not n/a', () => {
    const v = verdict('limit-cycle', { ...ok, amplitudeError: NaN, periodError: NaN, silent: 1 });
    expect(v.pass).toBe(false);
    expect(v.failures).toContain('silent');
    expect(headline({ silent: 1 }).join('\n')).toMatch(/^silent/);
  });
  it('half killed with 3x the intact error (above half the limit) fails', () => {
    expect(verdict('limit-cycle', { ...ok, amplitudeError: 0.03 }, { ...ok, amplitudeError: 0.09 * 1.01 * 1 + 0 }).pass).toBe(false);
  });
  it('20 Hz per neuron or ISI CV 0.5 fail', () => {
    expect(verdict('limit-cycle', { ...ok, meanRate: 20 }).pass).toBe(false);
    expect(verdict('limit-cycle', { ...ok, medianCV: 0.5 }).pass).toBe(false);
  });
  it('a collapsed chaotic network fails even with means and stds in range', () => {
    expect(verdict('chaotic', { meanError: 0.1, stdError: 0.1, switchRateError: 0.1, collapsed: 1, meanRate: 5, medianCV: 1 }).failures).toContain('collapsed');
  });
});

describe('definitions: normalisation, confinement, mode', () => {
  const def = { name: 'tilted', dims: 2, kind: 'fixed-points' as const, f: (x: number[]) => [-(x[0]! - 50), -0.01 * x[1]!], domain: [[0, 100], [-0.02, 0.02]] as [number, number][] };
  it('the network sees dz/dt = S^-1 F(m + S z) on [-Z, Z]', () => {
    const raw = rawSystem(def);
    const t = transformFor(raw.domain);
    const n = normalise(raw, t);
    const out = new Float64Array(2);
    n.field([1, -1], out);
    expect(n.domain).toEqual([[-Z, Z], [-Z, Z]]);
    expect(out[0]).toBeCloseTo(-(t.scale[0]! * 1) / t.scale[0]!, 12);
    expect(out[1]).toBeCloseTo(-0.01 * -1, 12);
  });
  it('mode is settable from a definition', () => {
    expect(defineSystem({ ...def, mode: 'lowrank' }).mode).toBe('lowrank');
    expect(() => defineSystem({ ...def, mode: 'fast' as never })).toThrow(/mode: "fast" is not one of dense, lowrank/);
  });
  it('an exploding field (dx/dt = 20 x) with strong input never leaves the box', () => {
    const boom = normalise(rawSystem({ name: 'boom', dims: 1, f: (x) => [20 * x[0]!], domain: [[-1, 1]] }));
    const run = explorer(boom, { sigma: 20, tau: 0.05, kappa: [1.2 * 20 * Z + 80] });
    const { x } = run(new Random(1), [0.5], 20_000, 5e-4);
    expect(Math.max(...x.map(Math.abs))).toBeLessThan(1.05 * Z);
  });
});

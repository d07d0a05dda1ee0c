// Time normalisation (src/time-stretch.ts): a slow system is configured as the
// same field sped up to T_CANON, with every time constant stretched back, so
// the discrete network (per-step multipliers, sizes, step counts) depends on
// the shape of the field only, not on its pace.
import { describe, expect, it } from 'vitest';
import { defineSystem, type DynamicalSystem } from '../src/systems/index.js';
import { leadIn, T_CANON, timeStretch } from '../src/time-stretch.js';

/** FitzHugh-Nagumo (natural period ~36.5) run at a chosen period, s. */
const fhn = (period: number): DynamicalSystem => {
  const tau = period / 36.5;
  return defineSystem({
    name: `fhn-${period}`,
    kind: 'limit-cycle',
    dims: 2,
    f: ([v, w]) => [(v! - v! ** 3 / 3 - w! + 0.5) / tau, (0.08 * (v! + 0.7 - 0.8 * w!)) / tau],
    domain: [[-2.6, 2.6], [-1, 2.2]],
  });
};

/** What the kernel sees per step, and the sizes: all dimensionless. */
function perStep(s: DynamicalSystem) {
  const n = s.network!;
  const t = s.training!;
  const dt = Number(n.dt);
  return {
    neurons: n.neurons,
    dendrites: n.dendrites,
    gain: n.gain,
    mode: s.mode,
    lamDt: Number(n.lam) * dt,
    kDt: t.k! * dt,
    etaDt2: t.eta! * dt * dt,
    noiseSqrtDt: Number(n.noise) * Math.sqrt(dt),
    trialSteps: t.trialLength! / dt,
    trainingSteps: t.duration! / dt,
    inputTauSteps: s.inputTau! / dt,
    periodSteps: s.timeScale / dt,
  };
}

describe('time normalisation (relative tolerance 1e-6)', () => {
  it('the same field at periods of 2 s and 8 s gets the same discrete network', () => {
    const a = perStep(fhn(2));
    const b = perStep(fhn(8));
    for (const [key, va] of Object.entries(a)) {
      const vb = b[key as keyof typeof b];
      if (typeof va === 'number') expect(Math.abs((vb as number) - va), key).toBeLessThanOrEqual(1e-6 * Math.abs(va));
      else expect(vb, key).toEqual(va);
    }
  });
  it('the slower system gets 4x the dt and a quarter of the leak, feedback gain and the 1/s^2 learning rate scaled by 1/16', () => {
    const a = fhn(2);
    const b = fhn(8);
    expect(Number(b.network!.dt) / Number(a.network!.dt)).toBeCloseTo(4, 6);
    expect(Number(b.network!.lam) / Number(a.network!.lam)).toBeCloseTo(0.25, 6);
    expect(b.training!.k! / a.training!.k!).toBeCloseTo(0.25, 6);
    expect(b.training!.eta! / a.training!.eta!).toBeCloseTo(1 / 16, 6);
  });
  it('systems at or faster than T_CANON are not compressed (they buy neurons instead)', () => {
    expect(timeStretch(T_CANON)).toBe(1);
    expect(timeStretch(0.1)).toBe(1);
    expect(timeStretch(NaN)).toBe(1);
    expect(timeStretch(5 * T_CANON)).toBe(5);
  });
  it("the free run's lead-in stretches with the system: 0.2 s at 100/s canonical, 1 s at 20/s for a 5 s system", () => {
    expect(leadIn(0.5)).toEqual({ seconds: 0.2, k: 100 });
    const slow = leadIn(5 * T_CANON);
    expect(slow.seconds).toBeCloseTo(1, 12);
    expect(slow.k).toBeCloseTo(20, 12);
  });
});

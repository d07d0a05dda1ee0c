// `ebnkit field` (src/commands/field.ts): truth, spiking network and the
// learned field without spikes from one start. Known answers: the truth row
// of Van der Pol cycles at the probe's period; a trained network's learned
// field reproduces the cycle (it passes the suite's 5%); a network whose slow
// weights are all zero encodes the field -lam x, which decays to the origin,
// so the command must place that error in the weights; a trained linear
// system under an unseen command stays within the suite's 10%; bad input is
// refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatField, runField } from '../src/commands/field.js';
import { runTrain } from '../src/commands/train.js';
import { loadModel, saveModel } from '../src/node/files.js';
import { quantize } from '../src/quantize.js';
import { getSystem } from '../src/systems/index.js';

const dir = mkdtempSync(join(tmpdir(), 'ebn-field-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ebnkit field on Van der Pol (trained at defaults, seed 4, search off)', async () => {
  const sys = getSystem('vanderpol');
  const trained = join(dir, 'vdp.ebn');
  runTrain({ system: sys, seed: 4, out: trained, quiet: true, search: false });
  const r = await runField(trained, { seconds: 8 });
  const [truth, net, learned] = r.rows;

  it('runs the three rows from one start, the truth cycling at the probe period (within 1%)', () => {
    expect(r.rows.map((x) => x.name)).toEqual(['truth', 'spiking network', 'learned field, no spikes']);
    expect(truth!.error).toBe(0);
    expect(Math.abs(truth!.period! - sys.timeScale) / sys.timeScale).toBeLessThan(0.01);
    expect(r.start).toHaveLength(2);
  });
  it('the trained network and its learned field both keep amplitude and period within 5%', () => {
    for (const row of [net!, learned!]) {
      expect(Math.abs(row.amplitude! - truth!.amplitude!) / truth!.amplitude!).toBeLessThan(0.05);
      expect(Math.abs(row.period! - truth!.period!) / truth!.period!).toBeLessThan(0.05);
    }
    expect(r.headline.metric).toBe('amplitude error');
    expect(formatField(r)).toContain('learned field, no spikes');
  });

  it('zero slow weights (field -lam x): the learned field decays, and the error is placed in the weights', async () => {
    const m = loadModel(trained);
    const spec = { ...m.spec, Os: m.spec.Os.map(() => 0) };
    const zero = join(dir, 'zero.ebn');
    saveModel(zero, { spec, image: quantize(spec, 'q24', { mode: 'dense' }).image, meta: m.meta });
    const z = await runField(zero, { seconds: 8 });
    const lf = z.rows[2]!;
    expect(lf.period).toBeUndefined();
    expect(lf.error).toBeGreaterThan(0.5);
    expect(z.headline.verdict).toBe('the error is in the learned weights');
  });

  it('a driven (linear) system runs under an unseen command, the network and its learned field within 10% of the truth', async () => {
    const lin = join(dir, 'linear.ebn');
    runTrain({ system: getSystem('linear'), seed: 4, out: lin, quiet: true, search: false });
    const d = await runField(lin, { seconds: 3 });
    expect(d.command).toBe(true);
    expect(d.headline.metric).toBe('normalised RMS error');
    expect(d.rows[1]!.error).toBeLessThan(0.1);
    expect(d.rows[2]!.error).toBeLessThan(0.1);
    expect(formatField(d)).toContain('under a command never seen in training');
  });

  it('refuses a missing file and a system of the wrong dimension with what was wrong', async () => {
    await expect(runField(join(dir, 'none.ebn'))).rejects.toThrow(/none\.ebn: cannot read/);
    await expect(runField(trained, { system: 'lorenz' })).rejects.toThrow(/dimensions|system/);
  });
});

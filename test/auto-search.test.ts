// The self-check and its search (src/auto/search.ts) on the path a user's
// `ebnkit train` takes: a network trained far too briefly fails the held-out
// check, the single changes are tried cheapest first within the work budget,
// the best validated one is kept, and every attempt is reported and saved.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTrain } from '../src/commands/train.js';
import { decodeModel } from '../src/model.js';
import { SEARCH_BUDGET } from '../src/auto/search.js';
import { getSystem } from '../src/systems/index.js';

const dir = mkdtempSync(join(tmpdir(), 'ebn-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('self-check and search (Van der Pol trained 2 s instead of 300 s, seed 5)', () => {
  const base = getSystem('vanderpol');
  const sys = base.reconfigure!({ training: { duration: 2, trialLength: 0.5 } });
  const out = join(dir, 'vdp.ebn');
  const t = runTrain({ system: sys, seed: 5, out, quiet: true, refuseUseless: false });
  const attempts = t.search.attempts;

  it('the first (automatic) training fails the held-out check, so the search runs', () => {
    expect(attempts[0]!.change).toBe('automatic');
    expect(attempts[0]!.pass).toBe(false);
    expect(attempts[0]!.score).toBeGreaterThanOrEqual(1);
    expect(attempts.length).toBeGreaterThan(1);
  });
  it(`tries the single changes cheapest first and spends at most ${SEARCH_BUDGET}x the first training`, () => {
    expect(attempts[1]!.change).toMatch(/^exploration x0\.5/);
    expect(attempts.reduce((a, x) => a + x.work, 0)).toBeLessThanOrEqual(SEARCH_BUDGET);
    for (const a of attempts) expect(Number.isFinite(a.score) || a.failures.length > 0).toBe(true);
  });
  it('keeps the attempt with the lowest validation score, and the saved network is that one', () => {
    const best = attempts.reduce((b, a) => (a.score < b.score ? a : b));
    expect(t.search.kept).toBe(best.change);
    const meta = decodeModel(readFileSync(out)).meta as { search: { kept: string; attempts: { change: string }[] }; auto: { inputStd: number; gain: number[] } };
    expect(meta.search.kept).toBe(best.change);
    expect(meta.search.attempts.map((a) => a.change)).toEqual(attempts.map((a) => a.change));
    // the saved configuration is the kept attempt's (exploration halved when that was kept)
    const halved = best.change.startsWith('exploration x0.5');
    expect(meta.auto.inputStd).toBeCloseTo(halved ? base.auto!.inputStd / 2 : base.auto!.inputStd, 9);
    const gain = /^dendrite gain \[(.*)\]/.exec(best.change);
    expect(meta.auto.gain).toEqual(gain ? gain[1]!.split(', ').map(Number) : base.auto!.gain);
  });
  it('on this seed a change beats the automatic choice (the steeper dendrite gain: validation score 13.1 against 19.9)', () => {
    expect(t.search.kept).not.toBe('automatic');
    expect(attempts.find((a) => a.change === t.search.kept)!.score).toBeLessThan(attempts[0]!.score);
  });
});

// The sweep report: Pareto fronts and the HTML page, on hand-made records.
import { describe, expect, it } from 'vitest';
import { paretoFront, primaryError } from '../src/sweep/pareto.js';
import { sweepReport } from '../src/sweep/report.js';
import type { ResultRecord } from '../src/sweep/store.js';

const timing = { wallSeconds: 1, host: 'h', engine: 'local', at: 't' };
const ok = (key: string, N: number, err: number, watts: number, rate: number): ResultRecord => ({
  kind: 'result',
  key,
  status: 'ok',
  job: { train: { system: 'vanderpol', neurons: N }, energy: { profiles: ['loihi'] } },
  result: {
    hash: key, imageSha256: '', specSha256: '',
    train: { neurons: N, metrics: { amplitudeError: err, meanRate: rate } },
    energy: { results: [{ profile: 'loihi', fits: true, accuracy: { amplitudeError: err, trajectoryError: 1, ratePerNeuron: rate }, energy: { perSecond: watts } }] },
  },
  timing,
});

describe('Pareto front (all objectives minimised)', () => {
  it('keeps exactly the non-dominated points, ties included, non-finite never', () => {
    const pts = [[1, 5], [2, 2], [5, 1], [3, 3], [2, 2], [NaN, 0], [6, 6]];
    expect(paretoFront(pts)).toEqual([0, 1, 2, 4]);
    expect(paretoFront([])).toEqual([]);
  });
  it('judges a job by its kind\'s error', () => {
    expect(primaryError({ amplitudeError: 0.1, trajectoryError: 0.5 })).toEqual({ name: 'amplitudeError', value: 0.1 });
    expect(primaryError({ basinAccuracy: 0.75 })!.value).toBe(0.25);
    expect(primaryError({ meanRate: 3 })).toBeNull();
  });
});

describe('sweep report', () => {
  it('lists the varied options, the front per profile and the failures with their reasons, escaped', () => {
    const records = [
      ok('a'.repeat(64), 20, 0.1, 2e-4, 10),
      ok('b'.repeat(64), 40, 0.05, 4e-4, 8),
      ok('c'.repeat(64), 40, 0.2, 5e-4, 30), // dominated by b on every objective
      { kind: 'result', key: 'd'.repeat(64), status: 'failed', job: { train: { system: '/x/evil.mjs', neurons: 20 } }, error: 'timeout: <script>', timing } as ResultRecord,
    ];
    const r = sweepReport({ title: 't', records, verifies: [{ kind: 'verify', key: 'a'.repeat(64), match: true, at: '' }] });
    expect(r.ok).toBe(3);
    expect(r.failed).toBe(1);
    expect(r.profiles).toEqual(['loihi']);
    expect(r.fronts.loihi!.sort()).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
    expect(r.html).toContain('Varied: energy.profiles, train.neurons, train.system');
    expect(r.html).toContain('timeout: &lt;script&gt;');
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('evil.mjs');
    expect(r.html).toContain('all bit-identical');
    expect((r.html.match(/<svg /g) ?? []).length).toBe(1);
  });
});

// Pass/fail per kind (issue 10's criteria, the suite's and the self-check's):
//  - limit cycle: amplitude and period within 5%;
//  - fixed points: >= 95% correct basins, positions within 5%;
//  - chaotic: means and stds within 15%, switch rate within 30%, no collapse;
//  - linear and driven: within 10% on unseen commands;
//  - conservative: invariant drift <= 5% per period;
//  - all kinds: <= 15 Hz per neuron, median ISI CV >= 0.8, not silent, and
//    with half the neurons killed at most twice the intact error (an intact
//    error below half the kind's limit counts as half the limit: doubling a
//    0.1% error is spike noise, not a loss of function).

export interface Verdict {
  pass: boolean;
  /** The kind's headline error (what the kill check doubles), as a fraction of its limit. */
  score: number;
  failures: string[];
}

const LIMITS: Record<string, [string, number][]> = {
  'limit-cycle': [['amplitudeError', 0.05], ['periodError', 0.05]],
  'fixed-points': [['basinMiss', 0.05], ['fixedPointError', 0.05]],
  chaotic: [['meanError', 0.15], ['stdError', 0.15], ['switchRateError', 0.3]],
  linear: [['unseenInputError', 0.1]],
  driven: [['unseenInputError', 0.1]],
  conservative: [['invariantDrift', 0.05]],
};

const value = (m: Record<string, number>, key: string) => {
  const v = key === 'basinMiss' ? 1 - m.basinAccuracy! : m[key];
  return v === undefined || Number.isNaN(v) ? Infinity : v;
};

/** Worst ratio error / limit over the kind's headline errors. */
export function kindScore(kind: string, m: Record<string, number>): number {
  const lim = LIMITS[kind];
  if (!lim) throw new RangeError(`kind "${kind}" has no pass criteria; known: ${Object.keys(LIMITS).join(', ')}`);
  if (m.silent) return Infinity;
  return Math.max(...lim.map(([k, l]) => value(m, k) / l));
}

/** The intact error the half-kill check doubles, in units of the limit: an intact error below half the limit counts as half of it. */
const killBase = (intact: number): number => Math.max(intact, 0.5);

/** The half-kill criterion on errors in units of their limit: killed at most twice killBase(intact). */
export const killWithin = (intact: number, killed: number): boolean => killed <= 2 * killBase(intact);

export function verdict(kind: string, whole: Record<string, number>, half?: Record<string, number>): Verdict {
  const failures: string[] = [];
  if (whole.silent) failures.push('silent');
  for (const [k, l] of LIMITS[kind] ?? []) {
    const v = value(whole, k);
    if (!(v <= l)) failures.push(`${k} ${fmt(v)} > ${fmt(l)}`);
  }
  if (kind === 'chaotic' && whole.collapsed) failures.push('collapsed');
  if (!(whole.meanRate! <= 15)) failures.push(`rate ${whole.meanRate?.toFixed(1)} Hz > 15`);
  if (!(whole.medianCV! >= 0.8)) failures.push(`ISI CV ${whole.medianCV?.toFixed(2)} < 0.8`);
  const score = kindScore(kind, whole);
  if (half) {
    const h = kindScore(kind, half);
    if (!killWithin(score, h)) failures.push(`half killed: error ${fmt(h)} of the limit > 2 x ${fmt(killBase(score))}`);
  }
  return { pass: failures.length === 0, score, failures };
}

const fmt = (v: number) => (Number.isFinite(v) ? v.toPrecision(3) : String(v));

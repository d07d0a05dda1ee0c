// Self-check and search (DESIGN.md "automatic configuration"): after
// training, the network is validated free-running on held-out start states
// and inputs (a seed the evaluation does not use) against the kind's pass
// criteria (src/metrics/verdict.ts). If it fails, a few single changes to the
// derived configuration are tried, each aimed at one way the automatic choice
// can be wrong, cheapest first, within a work budget of SEARCH_BUDGET times
// the first training; the best validated network is kept and every attempt
// is reported:
//  - exploration x 0.5: data closer to the attractor (spurious structure off it);
//  - steeper dendrites: the next gain range (sharper features, e.g. separatrices);
//  - dt / 2: finer spike timing and a higher spike ceiling;
//  - training x 2: more learning at the same rate.
import { assess } from '../assess.js';
import type { Executor } from '../executor.js';
import { verdict } from '../metrics/verdict.js';
import type { NetworkSpec } from '../spec.js';
import type { DynamicalSystem } from '../systems/system.js';
import type { UserSettings } from './configure.js';
import { GAIN_CANDIDATES } from './dendrites.js';

/** Total training work (first training included) the search may spend, in multiples of the first training. */
export const SEARCH_BUDGET = 3;
/** Seed offset of the validation starts and inputs (held out from the evaluation's). */
const HOLD_OUT = 7919;

export interface Validation {
  pass: boolean;
  /** Worst kind error / its limit (< 1 passes the kind's accuracy criteria). */
  score: number;
  failures: string[];
}

export interface Attempt extends Validation {
  change: string;
  /** Training work relative to the first training. */
  work: number;
}

export function validate(ex: Executor, spec: NetworkSpec, sys: DynamicalSystem, seed: number): Validation {
  // as many free runs as the assessment makes (its own default; half its 40 starts for basins): with
  // 2, the median of two passed tanks-3d's development seed 3 at 0.87 of the limit while the
  // assessment failed it at 1.44, so no search ran; with 3 the check fails (1.11), the search keeps
  // exploration x0.5 and the assessment's error falls from 14.4% to 10.7% (seed 4: passes both ways, 9.3%)
  const a = assess(ex, spec, sys, { seed: seed + HOLD_OUT, ...(sys.kind === 'fixed-points' ? { starts: 20 } : {}), skipBalance: true });
  const v = verdict(sys.kind, a.metrics);
  return { pass: v.pass, score: v.score, failures: v.failures };
}

/** The single changes to try, in order, with their work relative to the first training. */
export function variants(sys: DynamicalSystem): { change: string; settings: UserSettings; work: number }[] {
  const a = sys.auto;
  if (!a) return [];
  const out: { change: string; settings: UserSettings; work: number }[] = [];
  out.push({ change: `exploration x0.5 (input std ${(a.inputStd / 2).toPrecision(3)})`, settings: { inputStd: a.inputStd / 2 }, work: 1 });
  const g = GAIN_CANDIDATES.findIndex((c) => c[0] === a.gain[0] && c[1] === a.gain[1]);
  if (g >= 0 && g + 1 < GAIN_CANDIDATES.length) out.push({ change: `dendrite gain [${GAIN_CANDIDATES[g + 1]!.join(', ')}]`, settings: { network: { gain: GAIN_CANDIDATES[g + 1] } }, work: 1 });
  out.push({ change: `dt ${(a.dt * 500).toPrecision(3)} ms (half)`, settings: { network: { dt: a.dt / 2 }, training: { duration: a.duration } }, work: 2 });
  out.push({ change: `training ${(2 * a.duration).toPrecision(3)} s (double)`, settings: { training: { duration: 2 * a.duration } }, work: 2 });
  return out;
}

export interface Trained {
  sys: DynamicalSystem;
  ex: Executor;
  spec: NetworkSpec;
  simulated: number;
}

/**
 * Train with the automatic configuration, validate, and search if needed.
 * trainOnce does one whole training of a (re)configured system.
 */
export function trainWithSearch(sys: DynamicalSystem, seed: number, trainOnce: (s: DynamicalSystem) => Trained, o: { search?: boolean } = {}): { best: Trained; attempts: Attempt[]; kept: string } {
  let best = trainOnce(sys);
  let bestV = validate(best.ex, best.spec, best.sys, seed);
  const attempts: Attempt[] = [{ change: 'automatic', work: 1, ...bestV }];
  let kept = 'automatic';
  let spent = 1;
  // only accuracy failures are searched: the rate and ISI criteria are not what these changes address
  const inaccurate = (v: Validation) => v.score >= 1 || v.failures.includes('collapsed');
  if (inaccurate(bestV) && o.search !== false && sys.reconfigure) {
    for (const v of variants(sys)) {
      if (spent + v.work > SEARCH_BUDGET) continue;
      spent += v.work;
      const r = trainOnce(sys.reconfigure!(v.settings));
      const rv = validate(r.ex, r.spec, r.sys, seed);
      attempts.push({ change: v.change, work: v.work, ...rv });
      if (rv.score < bestV.score || (rv.score === bestV.score && !inaccurate(rv) && inaccurate(bestV))) {
        best = r;
        bestV = rv;
        kept = v.change;
      }
      if (!inaccurate(rv)) break;
    }
  }
  return { best, attempts, kept };
}

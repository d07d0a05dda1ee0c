// The chaotic criteria applied to the TRUE system against itself (issue 10:
// a metric must not fail the truth): for 20 pairs of random starts, a run of
// the given length is compared with a true run twice as long, exactly as
// src/assess.ts compares a network (means and stds within 15% of the true
// std, switch rate within 30%). Prints how many pairs fail and the spread.
//   scripts/run-ts.sh scripts/chaos-truth.ts <system|module> [--seconds 50,1000] [--dt 0.001]
import { parseArgs } from 'node:util';
import { resolveSystem } from '../src/commands/common.js';
import { simulate } from '../src/integrate.js';
import { attractorError, attractorStats } from '../src/metrics/attractor.js';
import { Random } from '../src/random.js';

const { values: v, positionals } = parseArgs({ allowPositionals: true, options: { seconds: { type: 'string' }, dt: { type: 'string' } } });
const sys = await resolveSystem(positionals[0] ?? 'lorenz');
const T = sys.timeScale;
const dt = Number(v.dt ?? 1e-3);
for (const seconds of (v.seconds ?? '50,1000').split(',').map(Number)) {
  const rnd = new Random(99);
  const start = () => sys.starts.map(([lo, hi]) => rnd.range(lo, hi));
  let fails = 0;
  const means: number[] = [];
  for (let q = 0; q < 20; q++) {
    const truth = attractorStats(simulate(sys, start(), Math.round((2 * seconds + 10 * T) / dt), dt).x, sys.dims, dt, 10 * T);
    const other = attractorStats(simulate(sys, start(), Math.round(seconds / dt), dt).x, sys.dims, dt, 2 * T, truth);
    const e = attractorError(other, truth);
    const sr = Math.abs(other.switchRate - truth.switchRate) / truth.switchRate;
    means.push(e.mean);
    if (e.mean > 0.15 || e.std > 0.15 || sr > 0.3) fails++;
  }
  means.sort((a, b) => a - b);
  console.log(`${sys.name}: ${seconds} s runs (${(seconds / T).toFixed(0)} T): ${fails} of 20 true-vs-true start pairs fail; mean error median ${(100 * means[10]!).toFixed(1)}%, max ${(100 * means[19]!).toFixed(1)}%`);
}

// The sweep benchmark's markdown (bench/results/sweep.md) and the README's
// lines about it, from its JSON, so a test can check the README against
// bench/results/sweep.json.
import { readFileSync, writeFileSync } from 'node:fs';

export interface SweepBench {
  jobs: number;
  repeats: number;
  cores: number;
  cpu?: string;
  load: number[];
  oneWorker: { wallSeconds: number; cpuSeconds: number; threadStartSeconds: number };
  twoWorkers: { wallSeconds: number; cpuSeconds: number; threadStartSeconds: number };
  speedup: number;
  overheadMs: { median: number; max: number };
  jobSecondsInThread: number;
}

const f = (x: number, d = 2) => x.toFixed(d);

export function sweepBenchMarkdown(r: SweepBench, quick = false): string {
  return `# Sweep pool benchmark${quick ? ' (quick)' : ''}

${r.jobs} jobs (vanderpol, N=20, 1 s of training + assessment), ${r.repeats} repeats, medians; ${r.cores} cores (${r.cpu}); load average ${f(r.load[0]!, 1)} before, ${f(r.load[1]!, 1)} after.

${sweepBenchSummary(r)}
`;
}

/** The table and the two headline lines (also the README's). */
export function sweepBenchSummary(r: SweepBench): string {
  return `| ${r.jobs} jobs, median of ${r.repeats} | 1 worker thread | 2 worker threads |
|---|---|---|
| wall time | ${f(r.oneWorker.wallSeconds)} s | ${f(r.twoWorkers.wallSeconds)} s |
| CPU time (all threads) | ${f(r.oneWorker.cpuSeconds)} s | ${f(r.twoWorkers.cpuSeconds)} s |
| CPU / wall | ${f(r.oneWorker.cpuSeconds / r.oneWorker.wallSeconds)} | ${f(r.twoWorkers.cpuSeconds / r.twoWorkers.wallSeconds)} |

Speed-up 2 vs 1 worker: **${f(r.speedup)}x** (target >= 1.8x on 2 idle cores; load average during the run ${f(r.load[0]!, 1)} -> ${f(r.load[1]!, 1)} on ${r.cores} cores).
Overhead per job (time seen by the sweep minus time inside the thread, one job at a time): median **${f(r.overheadMs.median, 1)} ms**, max ${f(r.overheadMs.max, 1)} ms (target <= 50 ms), for jobs of ${f(r.jobSecondsInThread)} s.`;
}

export const BENCH_BEGIN = '<!-- sweep-bench:begin (npm run bench:sweep writes this) -->';
export const BENCH_END = '<!-- sweep-bench:end -->';

export function replaceBetween(file: string, begin: string, end: string, body: string): void {
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${file} has no ${begin} ... ${end} markers`);
  writeFileSync(file, `${text.slice(0, a + begin.length)}\n${body}\n${text.slice(b)}`);
}

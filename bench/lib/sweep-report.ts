// The sweep benchmark's markdown (bench/results/sweep.md) and the README's
// lines about it, from its JSON, so a test can check the README against
// bench/results/sweep.json. Definitions of the figures: bench/sweep.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { median } from './measure.js';

/** one / two: the engine on 1 and 2 threads; twoCR: on 2 with V8's concurrent recompilation (the pool's default before). */
export type Variant = 'one' | 'two' | 'twoCR';

export interface WorkerUse {
  jobs: number;
  /** Seconds with a job, CPU seconds, seconds runnable but waiting for a CPU. */
  busy: number;
  cpu: number;
  wait: number;
}

export interface Batch {
  variant: Variant;
  width: number;
  wall: number;
  threadStart: number;
  workers: WorkerUse[];
  mainCpu: number;
  helperCpu: number;
  processCpu: number;
  /** Cores other processes kept busy on average during the batch. */
  otherCores: number;
}

/**
 * The batch without run-queue waits: the longest of the workers' job time
 * minus the time each waited for a CPU (the same assignment of jobs, had every
 * runnable worker had a core). A worker's idle tail is left out: it waits for
 * the other's last job, whose waits are removed too.
 */
export const loadFreeWall = (b: Batch) => Math.max(...b.workers.map((w) => w.busy - w.wait));
/** The load-free wall, but never less than all the process's CPU spread over the cores: on an idle machine the workers share them with V8's helper threads and the main thread. */
export const idleWall = (b: Batch, cores: number) => Math.max(loadFreeWall(b), b.processCpu / cores);

export interface SweepBench {
  grid: string;
  jobs: number;
  /** Jobs plus verification re-runs in each batch. */
  runsPerBatch: number;
  repeats: number;
  cores: number;
  cpu: string;
  load: number[];
  runs: Batch[];
  overheadMs: { median: number; max: number; perJob: number[] };
  jobSecondsInThread: number;
}

const f = (x: number, d = 2) => x.toFixed(d);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Median over the repeats of one variant of a per-batch figure. */
export function med(r: SweepBench, v: Variant, fig: (b: Batch) => number): number {
  return median(r.runs.filter((b) => b.variant === v).map(fig));
}

const workerCpu = (b: Batch) => sum(b.workers.map((w) => w.cpu));
/** Share of the workers' time that had a job (gaps between jobs and the tail lower it). */
const withJob = (b: Batch) => sum(b.workers.map((w) => w.busy)) / (b.width * b.wall);
/** Share of the workers' time with a job that they spent on a CPU (waiting for a core lowers it). */
const onCpu = (b: Batch) => workerCpu(b) / sum(b.workers.map((w) => w.busy));

export function sweepBenchMarkdown(r: SweepBench, quick = false): string {
  const rows = r.runs.map(
    (b, i) =>
      `| ${Math.floor(i / 3) + 1} | ${b.variant} | ${f(b.wall)} | ${b.workers.map((w) => `${w.jobs} jobs: ${f(w.busy, 1)} busy, ${f(w.cpu, 1)} CPU, ${f(w.wait, 1)} wait`).join('; ')} | ${f(b.mainCpu)} | ${f(b.helperCpu)} | ${f(b.otherCores)} | ${f(loadFreeWall(b))} | ${f(idleWall(b, r.cores))} |`,
  );
  return `# Sweep pool benchmark${quick ? ' (quick)' : ''}

Grid (${r.jobs} jobs and ${r.runsPerBatch - r.jobs} verification re-run per batch, run by runSweep into a fresh store), ${r.repeats} interleaved repeats, medians; ${r.cores} cores (${r.cpu}); load average ${f(r.load[0]!, 1)} before, ${f(r.load[1]!, 1)} after.

\`\`\`yaml
${r.grid}
\`\`\`

${sweepBenchSummary(r)}

Every batch (seconds; one = the engine on 1 thread, two = on 2, twoCR = on 2 with V8's concurrent recompilation):

| repeat | variant | wall | per worker thread | main CPU | helper threads CPU | other processes (cores) | load-free wall | idle-machine wall |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}

/** The table and the headline lines (also the README's). */
export function sweepBenchSummary(r: SweepBench): string {
  const m = (v: Variant, fig: (b: Batch) => number) => med(r, v, fig);
  const row = (name: string, fig: (b: Batch) => number, d = 2, unit = ' s') => `| ${name} | ${f(m('one', fig), d)}${unit} | ${f(m('two', fig), d)}${unit} | ${f(m('twoCR', fig), d)}${unit} |`;
  const perJob = (x: (b: Batch) => number) => (b: Batch) => x(b) / r.runsPerBatch;
  const ones = r.runs.filter((b) => b.variant === 'one');
  return `| ${r.jobs} jobs + ${r.runsPerBatch - r.jobs} re-run, median of ${r.repeats} | 1 thread | 2 threads | 2 threads, concurrent recompilation |
|---|---|---|---|
${row('wall time', (b) => b.wall)}
${row('other processes during the batch (cores busy)', (b) => b.otherCores, 2, '')}
${row('worker CPU per job', perJob(workerCpu))}
${row('helper threads CPU per job (V8 compile, GC)', perJob((b) => b.helperCpu))}
${row('process CPU per job (all threads)', perJob((b) => b.processCpu))}
${row('workers with a job (share of their time)', withJob, 2, '')}
${row('on a CPU while running a job (share)', onCpu, 2, '')}
${row('load-free wall (minus run-queue waits)', loadFreeWall)}
${row('idle-machine wall (also >= process CPU / cores)', (b) => idleWall(b, r.cores))}

Speed-up 2 vs 1 thread: wall **${f(m('one', (b) => b.wall) / m('two', (b) => b.wall))}x**, load-free **${f(m('one', loadFreeWall) / m('two', loadFreeWall))}x**, idle-machine **${f(m('one', (b) => idleWall(b, r.cores)) / m('two', (b) => idleWall(b, r.cores)))}x** (target >= 1.8x on 2 cores; other processes kept ${f(m('one', (b) => b.otherCores))} and ${f(m('two', (b) => b.otherCores))} of ${r.cores} cores busy).
Work per job (process CPU, all threads): ${f(m('one', perJob((b) => b.processCpu)))} s on 1 thread, ${f(m('two', perJob((b) => b.processCpu)))} s on 2; the same 1-thread batch took ${f(Math.min(...ones.map(perJob((b) => b.processCpu))))} to ${f(Math.max(...ones.map(perJob((b) => b.processCpu))))} s per job across repeats, so under this load CPU time itself moves by that much.
With V8's concurrent recompilation (the pool's default before) on 2 threads: wall ${f(m('twoCR', (b) => b.wall))} s, idle-machine ${f(m('twoCR', (b) => idleWall(b, r.cores)))} s (${f(m('one', (b) => idleWall(b, r.cores)) / m('twoCR', (b) => idleWall(b, r.cores)))}x over 1 thread without it).
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

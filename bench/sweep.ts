// The sweep pool's speed: the same jobs on 1 and on 2 worker threads (medians
// of repeated runs, side by side, wall and CPU time), and the pool's overhead
// per job (time seen by the sweep minus time inside the thread, one job at a
// time). Runs the built worker (dist/sweep-worker.js). Not a test: it reports.
//   scripts/run-ts.sh bench/sweep.ts [--quick]
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { Job } from '../src/sweep/config.js';
import { Pool } from '../src/sweep/pool.js';
import { median } from './lib/measure.js';
import { BENCH_BEGIN, BENCH_END, replaceBetween, sweepBenchMarkdown, sweepBenchSummary } from './lib/sweep-report.js';

const quick = process.argv.includes('--quick');
const FILE = resolve('dist/sweep-worker.js');
const JOBS = quick ? 4 : 8;
const REPEATS = quick ? 1 : 3;
// a typical small sweep job: train 1 s simulated at N=20, then the free-running assessment
const jobs: Job[] = Array.from({ length: JOBS }, (_, i) => ({ train: { system: 'vanderpol', seconds: 1, neurons: 20, seed: 100 + i } }));
const TIMEOUT = 600_000;

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function batch(width: number): Promise<{ wall: number; cpu: number; start: number }> {
  const t0 = performance.now();
  const pool = new Pool(width, FILE);
  // one untimed job per thread: threads started, kernel compiled
  await Promise.all(Array.from({ length: width }, (_, i) => pool.run({ train: { ...jobs[0]!.train, seed: 99 - i, seconds: 0.1 } }, TIMEOUT)));
  const start = (performance.now() - t0) / 1000;
  const c0 = cpuSeconds();
  const t1 = performance.now();
  await Promise.all(jobs.map((j) => pool.run(j, TIMEOUT)));
  const out = { wall: (performance.now() - t1) / 1000, cpu: cpuSeconds() - c0, start };
  await pool.close();
  return out;
}

async function overhead(): Promise<{ perJobMs: number[]; inThread: number[] }> {
  const pool = new Pool(1, FILE);
  await pool.run({ train: { ...jobs[0]!.train, seconds: 0.1 } }, TIMEOUT);
  const perJobMs: number[] = [];
  const inThread: number[] = [];
  for (const j of jobs) {
    const t0 = performance.now();
    const r = await pool.run(j, TIMEOUT);
    const seen = (performance.now() - t0) / 1000;
    perJobMs.push((seen - r.wallSeconds) * 1000);
    inThread.push(r.wallSeconds);
  }
  await pool.close();
  return { perJobMs, inThread };
}

const load0 = loadavg()[0]!;
const runs: Record<1 | 2, { wall: number; cpu: number; start: number }[]> = { 1: [], 2: [] };
for (let r = 0; r < REPEATS; r++) for (const w of r % 2 ? ([2, 1] as const) : ([1, 2] as const)) runs[w].push(await batch(w));
const ov = await overhead();
const load1 = loadavg()[0]!;
const med = (w: 1 | 2, k: 'wall' | 'cpu' | 'start') => median(runs[w].map((x) => x[k]));
const result = {
  jobs: JOBS,
  repeats: REPEATS,
  job: jobs[0]!.train,
  cores: availableParallelism(),
  cpu: cpus()[0]?.model,
  load: [load0, load1],
  oneWorker: { wallSeconds: med(1, 'wall'), cpuSeconds: med(1, 'cpu'), threadStartSeconds: med(1, 'start'), runs: runs[1] },
  twoWorkers: { wallSeconds: med(2, 'wall'), cpuSeconds: med(2, 'cpu'), threadStartSeconds: med(2, 'start'), runs: runs[2] },
  speedup: med(1, 'wall') / med(2, 'wall'),
  overheadMs: { median: median(ov.perJobMs), max: Math.max(...ov.perJobMs), perJob: ov.perJobMs },
  jobSecondsInThread: median(ov.inThread),
};
const md = sweepBenchMarkdown(result, quick);
const base = `bench/results/sweep${quick ? '-quick' : ''}`;
writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + '\n');
writeFileSync(`${base}.md`, md);
if (!quick) replaceBetween('README.md', BENCH_BEGIN, BENCH_END, sweepBenchSummary(result));
console.log(md);

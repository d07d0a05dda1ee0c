// The local engine's speed: a realistic grid (Van der Pol at four network
// sizes x three seeds: job costs differ ~3x) run as `ebnkit sweep` runs it
// (runSweep: longest first, results appended to a store with fsync, the 1%
// verification re-run) on 1 and on 2 worker threads, side by side in
// interleaved repetitions (medians); also on 2 threads with V8's concurrent
// recompilation on (the pool's default before, twoCR) to show that change
// alone; and the pool's overhead per job (time seen by the sweep minus time
// inside the thread, one job at a time).
//
// The machine is shared, so besides wall time it reports, per batch, what
// each worker thread did (jobs, seconds with a job, CPU seconds, seconds
// runnable but waiting for a CPU: Linux schedstat, src/sweep/cpu.ts), the
// CPU of the rest of the process (main thread, V8/libuv helper threads) and
// the cores other processes took. From those, two load-independent figures:
//   load-free wall  = max over workers of (its job time - its run-queue
//                     wait): the batch if every runnable worker had had a core;
//   idle-machine wall = max(load-free wall, process CPU / cores): the same,
//                     but never less than the process's own CPU spread on
//                     the machine's cores (workers, main and helper threads
//                     share them on an idle machine too).
// Runs the built worker (dist/sweep-worker.js). Not a test: it reports.
//   scripts/run-ts.sh bench/sweep.ts [--quick]
//   scripts/run-ts.sh bench/sweep.ts --render   (markdown and README from the stored JSON)
//   scripts/run-ts.sh bench/sweep.ts --paired-cr  (concurrent recompilation on/off, side by side)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseSweep } from '../src/sweep/config.js';
import { machineBusy, processThreads } from '../src/sweep/cpu.js';
import { LocalEngine, type Engine, type Outcome, type Planned } from '../src/sweep/engine.js';
import { jobKey } from '../src/sweep/key.js';
import { longestFirst, runSweep } from '../src/sweep/run.js';
import { Store } from '../src/sweep/store.js';
import { median } from './lib/measure.js';
import { BENCH_BEGIN, BENCH_END, loadFreeWall, replaceBetween, sweepBenchMarkdown, sweepBenchSummary, type Batch, type SweepBench, type Variant } from './lib/sweep-report.js';

const quick = process.argv.includes('--quick');
if (process.argv.includes('--render')) {
  const base = `bench/results/sweep${quick ? '-quick' : ''}`;
  const r = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as SweepBench;
  writeFileSync(`${base}.md`, sweepBenchMarkdown(r, quick));
  if (!quick) replaceBetween('README.md', BENCH_BEGIN, BENCH_END, sweepBenchSummary(r));
  console.log(sweepBenchMarkdown(r, quick));
  process.exit(0);
}
const FILE = resolve('dist/sweep-worker.js');
const REPEATS = quick ? 1 : 3;
const GRID = quick
  ? 'train: { system: vanderpol, seconds: 1 }\ngrid: { train.neurons: [10, 40], train.seed: [101, 102, 103] }\n'
  : 'train: { system: vanderpol, seconds: 1 }\ngrid: { train.neurons: [10, 20, 40, 80], train.seed: [101, 102, 103] }\n';
// --paired-cr: V8's concurrent recompilation on and off at the same moment, so
// both see the same load: two 1-thread engines (one of each, the flag read as
// each thread starts) run the same jobs side by side. The helper threads'
// CPU is all the concurrent compiler's but ~0.03 s per job (GC), so it is
// charged to the engine with concurrent recompilation.
if (process.argv.includes('--paired-cr')) {
  const jobs = Array.from({ length: 6 }, (_, i) => ({ key: String(i), job: { train: { system: 'vanderpol', seconds: 1, neurons: [10, 20, 40][i % 3]!, seed: 101 + i } } }));
  const warm = [{ key: 'w', job: { train: { system: 'vanderpol', seconds: 0.1, neurons: 10, seed: 9 } } }];
  const tid: Record<string, number> = {};
  const on = new LocalEngine(1, resolve('dist/sweep-worker.js'), { concurrentRecompilation: true });
  await on.run(warm, 600_000, (_, o) => o.thread && (tid.on = o.thread.tid));
  const off = new LocalEngine(1, resolve('dist/sweep-worker.js'), { concurrentRecompilation: false });
  await off.run(warm, 600_000, (_, o) => o.thread && (tid.off = o.thread.tid));
  const a = processThreads()!;
  await Promise.all([on.run(jobs, 600_000, () => {}), off.run(jobs, 600_000, () => {})]);
  const b = processThreads()!;
  const d = { on: 0, off: 0, main: 0, helpers: 0 };
  for (const [t, x] of b) {
    const dd = x.cpu - (a.get(t)?.cpu ?? 0);
    if (t === tid.on) d.on += dd;
    else if (t === tid.off) d.off += dd;
    else if (t === process.pid) d.main += dd;
    else d.helpers += dd;
  }
  await Promise.all([on.close(), off.close()]);
  const n = jobs.length;
  const out = { jobs: n, at: new Date().toISOString(), load: loadavg()[0], perJob: { concurrent: { worker: d.on / n, helpers: d.helpers / n, total: (d.on + d.helpers) / n }, workerThreadOnly: { worker: d.off / n } } };
  writeFileSync('bench/results/sweep-cr.json', JSON.stringify(out, null, 2) + '\n');
  console.log(`CPU per job, same jobs at the same time: with concurrent recompilation ${out.perJob.concurrent.worker.toFixed(3)} s worker + ${out.perJob.concurrent.helpers.toFixed(3)} s helpers = ${out.perJob.concurrent.total.toFixed(3)} s; compiled on the worker thread ${out.perJob.workerThreadOnly.worker.toFixed(3)} s`);
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'ebnkit-bench-sweep-'));
const sweep = parseSweep(GRID, join(dir, 'grid.yaml'));
const planned: Planned[] = sweep.jobs.map((job) => ({ key: jobKey(job), job }));
const ordered = await longestFirst(planned);
const TIMEOUT = 600_000;
const cores = availableParallelism();

const VARIANTS: Record<Variant, { width: number; concurrentRecompilation: boolean }> = {
  one: { width: 1, concurrentRecompilation: false },
  two: { width: 2, concurrentRecompilation: false },
  twoCR: { width: 2, concurrentRecompilation: true },
};

/** The engine, with every outcome (jobs and re-runs) also handed to `seen`. */
function watched(inner: Engine, seen: (o: Outcome) => void): Engine {
  return { name: inner.name, width: inner.width, run: (jobs, t, settled, tag) => inner.run(jobs, t, (p, o) => (seen(o), settled(p, o)), tag), close: () => inner.close() };
}

let batches = 0;
async function batch(v: Variant): Promise<Batch> {
  const { width, concurrentRecompilation } = VARIANTS[v];
  const t0 = performance.now();
  const engine = new LocalEngine(width, FILE, { concurrentRecompilation });
  // one untimed small job per thread: threads started, kernel compiled; their Linux thread ids
  const warm = Array.from({ length: width }, (_, i) => ({ key: `warm${i}`, job: { train: { system: 'vanderpol', seconds: 0.1, neurons: 10, seed: 99 - i } } }));
  const tids = new Set<number>();
  await engine.run(warm, TIMEOUT, (_, o) => o.thread && tids.add(o.thread.tid));
  const start = (performance.now() - t0) / 1000;
  const th0 = processThreads();
  const m0 = machineBusy();
  const c0 = process.cpuUsage();
  const t1 = performance.now();
  const per = new Map<number, { jobs: number; busy: number; cpu: number; wait: number }>();
  let failed = 0;
  const store = Store.open(join(dir, `batch${++batches}.results.jsonl`));
  const s = await runSweep(
    sweep,
    store,
    watched(engine, (o) => {
      if (!o.ok) failed++;
      if (!o.thread) return;
      const w = per.get(o.thread.tid) ?? { jobs: 0, busy: 0, cpu: 0, wait: 0 };
      per.set(o.thread.tid, { jobs: w.jobs + 1, busy: w.busy + o.wallSeconds, cpu: w.cpu + o.thread.cpuSeconds, wait: w.wait + o.thread.waitSeconds });
    }),
  );
  const wall = (performance.now() - t1) / 1000;
  store.close();
  if (s.mismatches.length || s.ok !== planned.length) throw new Error(`bench sweep: ${s.ok} ok of ${planned.length}, mismatches ${s.mismatches.join(', ')}`);
  const c = process.cpuUsage(c0);
  const th1 = processThreads();
  const m1 = machineBusy();
  await engine.close();
  if (failed) throw new Error(`${failed} bench jobs failed`);
  // the process's CPU by kind of thread: workers (ids reported by the threads), main (id = pid), helpers (the rest)
  let main = 0;
  let helpers = 0;
  for (const [tid, b] of th1 ?? []) {
    const d = b.cpu - (th0?.get(tid)?.cpu ?? 0);
    if (tid === process.pid) main += d;
    else if (!tids.has(tid)) helpers += d;
  }
  const workers = [...per.values()];
  const processCpu = (c.user + c.system) / 1e6;
  return {
    variant: v,
    width,
    wall,
    threadStart: start,
    workers,
    mainCpu: main,
    helperCpu: helpers,
    processCpu,
    otherCores: m0 !== null && m1 !== null ? Math.max(0, (m1 - m0 - processCpu) / wall) : NaN,
  };
}

async function overhead(): Promise<{ perJobMs: number[]; inThread: number[] }> {
  const engine = new LocalEngine(1, FILE);
  await engine.run([{ key: 'warm', job: { train: { system: 'vanderpol', seconds: 0.1, neurons: 10, seed: 98 } } }], TIMEOUT, () => {});
  const perJobMs: number[] = [];
  const inThread: number[] = [];
  // the smaller half of the grid, one job at a time
  for (const p of ordered.slice(ordered.length / 2)) {
    const t0 = performance.now();
    let o: Outcome | undefined;
    await engine.run([p], TIMEOUT, (_, out) => (o = out));
    perJobMs.push(((performance.now() - t0) / 1000 - o!.wallSeconds) * 1000);
    inThread.push(o!.wallSeconds);
  }
  await engine.close();
  return { perJobMs, inThread };
}

const load0 = loadavg()[0]!;
const runs: Batch[] = [];
const rounds: Variant[][] = [
  ['one', 'two', 'twoCR'],
  ['twoCR', 'two', 'one'],
  ['two', 'one', 'twoCR'],
];
for (let r = 0; r < REPEATS; r++)
  for (const v of rounds[r % rounds.length]!) {
    const b = await batch(v);
    runs.push(b);
    console.error(`repeat ${r + 1}: ${v} wall ${b.wall.toFixed(1)} s, load-free ${loadFreeWall(b).toFixed(1)} s, process CPU ${b.processCpu.toFixed(1)} s, other processes ${b.otherCores.toFixed(2)} cores`);
  }
const ov = await overhead();
const load1 = loadavg()[0]!;
const result: SweepBench = {
  grid: GRID.trim(),
  jobs: planned.length,
  runsPerBatch: planned.length + Math.ceil(0.01 * planned.length),
  repeats: REPEATS,
  cores,
  cpu: cpus()[0]?.model ?? 'unknown',
  load: [load0, load1],
  runs,
  overheadMs: { median: median(ov.perJobMs), max: Math.max(...ov.perJobMs), perJob: ov.perJobMs },
  jobSecondsInThread: median(ov.inThread),
};
rmSync(dir, { recursive: true, force: true });
const md = sweepBenchMarkdown(result, quick);
const base = `bench/results/sweep${quick ? '-quick' : ''}`;
writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + '\n');
writeFileSync(`${base}.md`, md);
if (!quick) replaceBetween('README.md', BENCH_BEGIN, BENCH_END, sweepBenchSummary(result));
console.log(md);

// `ebnkit sweep <sweep.yaml>`: run a grid or random sample of train -> eval ->
// energy jobs on the local thread pool (default) or on Redis workers, into a
// resumable results store; `ebnkit sweep report` turns the store into HTML.
import { availableParallelism } from 'node:os';
import { loadSweep } from '../sweep/config.js';
import { LocalEngine, type Engine } from '../sweep/engine.js';
import { estimate, type Estimate } from '../sweep/estimate.js';
import { plan, runSweep, type SweepEvent, type SweepSummary } from '../sweep/run.js';
import { Pool } from '../sweep/pool.js';
import { Store } from '../sweep/store.js';
import { createProgress } from '../progress.js';

export const HELP = `usage: ebnkit sweep <sweep.yaml|json> [options]
       ebnkit sweep report <sweep.yaml|results.jsonl> [--out report.html]

Runs every job of a sweep file: train (and its free-running assessment), then
eval and energy when the file has those sections. A job is a plain options
object per command, so any option those commands take can be fixed or swept
(camelCase or the CLI's flag spelling; an unknown name is refused, with the
accepted ones):

  train:  { system: vanderpol, seconds: 2, neurons: 20 }
  eval:   { seeds: 1 }
  energy: { profiles: [loihi, xylo], seconds: 2 }
  grid:   { train.neurons: [20, 40], train.seed: [1, 2] }
  # or: random: { count: 50, seed: 7, axes: { train.neurons: { min: 10, max: 80, int: true } } }
  timeout: 600          # seconds per job; an overrunning job is failed, the sweep goes on

Results go to <sweep>.results.jsonl beside the file (or "store:"), one line per
job, keyed by a hash of the job, the kernel's sha256 and the package version.
Stored jobs are reused: kill a sweep at any moment and rerun it to finish it.
Jobs start longest first (by N and simulated seconds). A random 1% of the
finished jobs are run again, as they finish, and must match bit for bit.

options:
  --dry-run            print the job count and an estimated time; run nothing
  --workers <n>        local worker threads (default: all cores)
  --redis <url>        enqueue on Redis (e.g. redis://127.0.0.1:6379) for
                       "ebnkit worker" processes instead of running locally
  --queue <name>       Redis queue name (default ebnkit-sweep)
  --store <file>       results file (default beside the sweep file)
  --retry-failed       run failed jobs again
  --verify <fraction>  share of finished jobs re-run to check (default 0.01)
  --out <file>         report: HTML file (default <store>.html)
  --json               one JSON line per event on stdout
  --quiet              no progress bar`;

export interface SweepCommand {
  file: string;
  dryRun?: boolean;
  workers?: number;
  redis?: string;
  queue?: string;
  store?: string;
  retryFailed?: boolean;
  verify?: number;
  json?: boolean;
  quiet?: boolean;
}

export type SweepOutcome = { dryRun: true; jobs: number; stored: number; pending: number; estimate: Estimate; store: string } | ({ dryRun: false } & SweepSummary);

async function engineFor(o: SweepCommand): Promise<Engine> {
  if (o.redis) {
    const { RedisEngine } = await import('../sweep/redis.js');
    return RedisEngine.connect(o.redis, o.queue);
  }
  return new LocalEngine(o.workers ?? availableParallelism());
}

export async function runSweepCommand(o: SweepCommand): Promise<SweepOutcome> {
  const sw = loadSweep(o.file);
  const store = Store.open(o.store ?? sw.store);
  try {
    if (store.repaired && !o.json) process.stderr.write(`${store.path}: cut a torn last line (${store.repaired} bytes) left by an interrupted run; that job runs again\n`);
    if (o.dryRun) {
      const p = plan(sw, store, o.retryFailed);
      const width = o.workers ?? (o.redis ? 1 : availableParallelism());
      const pool = new Pool(1);
      let est: Estimate;
      try {
        est = await estimate(p.pending, store, width, (job) => pool.run(job, sw.timeout * 1000));
      } finally {
        await pool.close();
      }
      return { dryRun: true, jobs: p.all.length, stored: p.reused, pending: p.pending.length, estimate: est, store: store.path };
    }
    const engine = await engineFor(o);
    const total = plan(sw, store, o.retryFailed).pending.length;
    const bar = o.quiet || o.json ? null : createProgress({ total, label: engine.name === 'local' ? `sweep (${engine.width} threads)` : `sweep (${engine.name})` });
    let ok = 0;
    let failed = 0;
    const onEvent = (e: SweepEvent) => {
      if (o.json) console.log(JSON.stringify(e));
      if (e.event === 'job') {
        if (e.status === 'ok') ok++;
        else failed++;
        bar?.update(ok + failed, `${ok} ok · ${failed} failed`);
      }
    };
    // Ctrl-C / SIGTERM: everything acknowledged is already on disk; say so and stop the threads
    const stop = (sig: NodeJS.Signals) => {
      process.stderr.write(`\n${sig}: ${ok + failed} jobs stored in this run (${store.path}); rerun the same command to finish the rest\n`);
      void engine.close().finally(() => process.exit(130));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const s = await runSweep(sw, store, engine, { ...(o.retryFailed ? { retryFailed: true } : {}), ...(o.verify !== undefined ? { verifyFraction: o.verify } : {}), onEvent });
      bar?.done();
      return { dryRun: false, ...s };
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await engine.close();
    }
  } finally {
    store.close();
  }
}

export function formatSweep(s: SweepOutcome): string {
  if (s.dryRun) return `${s.jobs} jobs: ${s.stored} stored, ${s.pending} to run; ${Number.isFinite(s.estimate.seconds) ? `estimated ${clock(s.estimate.seconds)} (${s.estimate.basis})` : s.estimate.basis}\nstore ${s.store}`;
  return [
    `${s.jobs} jobs: ${s.reused} reused from the store, ${s.ran} run (${s.ok} ok, ${s.failed} failed) in ${clock(s.wallSeconds)}`,
    `verified ${s.verified} by re-running: ${s.mismatches.length ? `MISMATCH on ${s.mismatches.join(', ')}` : 'bit-identical'}`,
    `store ${s.store}`,
  ].join('\n');
}

function clock(sec: number): string {
  if (sec < 90) return `${sec.toFixed(1)} s`;
  if (sec < 5400) return `${(sec / 60).toFixed(1)} min`;
  return `${(sec / 3600).toFixed(1)} h`;
}

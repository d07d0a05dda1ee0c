// A sweep run, whatever the engine: skip what the store already holds, run
// the rest, append each result durably as it arrives (so a kill loses at most
// the jobs in flight), then re-run a random sample of this run's finished jobs
// and check they come back bit for bit (the issue asks for 1%).
import { randomInt } from 'node:crypto';
import type { SweepFile } from './config.js';
import type { Engine, Outcome, Planned } from './engine.js';
import { relativeCost, trainSecondsOf } from './estimate.js';
import { jobKey } from './key.js';
import type { ResultRecord, Store } from './store.js';

export interface SweepEvent {
  event: 'job' | 'verify';
  key: string;
  status?: 'ok' | 'failed';
  match?: boolean;
  error?: string;
  wallSeconds?: number;
  done?: number;
  total?: number;
}

export interface SweepSummary {
  jobs: number;
  /** Already in the store before this run. */
  reused: number;
  ran: number;
  ok: number;
  failed: number;
  verified: number;
  mismatches: string[];
  wallSeconds: number;
  store: string;
}

export interface Plan {
  all: Planned[];
  pending: Planned[];
  reused: number;
}

export function plan(sw: SweepFile, store: Store, retryFailed = false): Plan {
  const all = sw.jobs.map((job) => ({ key: jobKey(job), job }));
  const pending = all.filter((p) => {
    const r = store.get(p.key);
    return !r || (retryFailed && r.status === 'failed');
  });
  return { all, pending, reused: all.length - pending.length };
}

export async function runSweep(
  sw: SweepFile,
  store: Store,
  engine: Engine,
  o: { retryFailed?: boolean; verifyFraction?: number; onEvent?: (e: SweepEvent) => void } = {},
): Promise<SweepSummary> {
  const t0 = performance.now();
  const p = plan(sw, store, o.retryFailed);
  let ok = 0;
  let failed = 0;
  const finished: ResultRecord[] = [];
  await engine.run(await longestFirst(p.pending), sw.timeout * 1000, (job, out) => {
    const rec = record(job, out, engine.name);
    if (store.append(rec, { replaceFailed: o.retryFailed })) {
      if (rec.status === 'ok') (ok++, finished.push(rec));
      else failed++;
    }
    o.onEvent?.({ event: 'job', key: job.key, status: rec.status, ...(rec.error ? { error: rec.error } : {}), wallSeconds: out.wallSeconds, done: ok + failed, total: p.pending.length });
  });
  // verification: ceil(fraction x finished) jobs, drawn at random, run again
  const fraction = o.verifyFraction ?? 0.01;
  const pool = [...finished];
  const sample: ResultRecord[] = [];
  for (let n = fraction > 0 ? Math.min(pool.length, Math.ceil(fraction * pool.length)) : 0; n > 0; n--) sample.push(pool.splice(randomInt(pool.length), 1)[0]!);
  const mismatches: string[] = [];
  await engine.run(
    sample.map((r) => ({ key: r.key, job: r.job })),
    sw.timeout * 1000,
    (job, out) => {
      const want = store.get(job.key)!.result!.hash;
      const match = out.ok && out.result.hash === want;
      if (!match) mismatches.push(job.key);
      store.append({ kind: 'verify', key: job.key, match, at: new Date().toISOString() });
      o.onEvent?.({ event: 'verify', key: job.key, match, ...(out.ok ? {} : { error: out.error }) });
    },
    'verify',
  );
  return { jobs: p.all.length, reused: p.reused, ran: p.pending.length, ok, failed, verified: sample.length, mismatches, wallSeconds: (performance.now() - t0) / 1000, store: store.path };
}

/**
 * The jobs in the order to start them: longest first (the greedy LPT rule,
 * Graham 1969: the last job to start is a short one, so no thread is left
 * running one long job alone at the end while the others idle). A grid lists
 * its last axis fastest, so in file order the biggest networks come last.
 * Equal costs keep the file's order.
 */
export async function longestFirst(jobs: Planned[]): Promise<Planned[]> {
  const cost = new Map<Planned, number>();
  for (const p of jobs) cost.set(p, relativeCost(p.job, await trainSecondsOf(p.job)));
  return jobs.map((p, i) => [p, i] as const).sort(([a, i], [b, j]) => cost.get(b)! - cost.get(a)! || i - j).map(([p]) => p);
}

export function record(p: Planned, out: Outcome, engine: string): ResultRecord {
  const cpu = out.thread ? { cpuSeconds: out.thread.cpuSeconds, waitSeconds: out.thread.waitSeconds } : {};
  const timing = { wallSeconds: out.wallSeconds, ...cpu, host: out.host, engine, at: new Date().toISOString() };
  return out.ok
    ? { kind: 'result', key: p.key, status: 'ok', job: p.job, result: out.result, timing }
    : { kind: 'result', key: p.key, status: 'failed', job: p.job, error: out.error, timing };
}

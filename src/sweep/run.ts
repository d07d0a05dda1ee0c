// A sweep run, whatever the engine: skip what the store already holds, run
// the rest, append each result durably as it arrives (so a kill loses at most
// the jobs in flight), and re-run a random sample of this run's finished jobs
// (as they finish) to check they come back bit for bit (the issue asks for 1%).
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
  const timeoutMs = sw.timeout * 1000;
  let ok = 0;
  let failed = 0;
  const finished: ResultRecord[] = [];
  // Verification: ceil(fraction x finished) jobs, drawn at random, run again.
  // The sample is drawn up front among the pending jobs and each one is re-run
  // as soon as its first result is stored, so the re-runs join the queue's
  // tail instead of running after it (a sweep of under 100 jobs re-runs one
  // job: afterwards, every other thread would idle for the whole of it).
  const fraction = o.verifyFraction ?? 0.01;
  const chosen = new Set(draw(p.pending.map((x) => x.key), fraction > 0 ? Math.ceil(fraction * p.pending.length) : 0));
  const verified = new Set<string>();
  const verifying: Promise<void>[] = [];
  const mismatches: string[] = [];
  const verify = (jobs: Planned[]) => {
    for (const j of jobs) verified.add(j.key);
    return engine.run(
      jobs,
      timeoutMs,
      (job, out) => {
        const want = store.get(job.key)!.result!.hash;
        const match = out.ok && out.result.hash === want;
        if (!match) mismatches.push(job.key);
        store.append({ kind: 'verify', key: job.key, match, at: new Date().toISOString() });
        o.onEvent?.({ event: 'verify', key: job.key, match, ...(out.ok ? {} : { error: out.error }) });
      },
      'verify',
    );
  };
  await engine.run(await longestFirst(p.pending), timeoutMs, (job, out) => {
    const rec = record(job, out, engine.name);
    if (store.append(rec, { replaceFailed: o.retryFailed })) {
      if (rec.status === 'ok') (ok++, finished.push(rec));
      else failed++;
      if (rec.status === 'ok' && chosen.has(job.key)) verifying.push(verify([job]));
    }
    o.onEvent?.({ event: 'job', key: job.key, status: rec.status, ...(rec.error ? { error: rec.error } : {}), wallSeconds: out.wallSeconds, done: ok + failed, total: p.pending.length });
  });
  await Promise.all(verifying);
  // chosen jobs that failed leave the sample short: top it up from the other finished ones
  const short = fraction > 0 ? Math.min(finished.length, Math.ceil(fraction * finished.length)) - verified.size : 0;
  const rest = finished.filter((r) => !verified.has(r.key));
  if (short > 0) await verify(draw(rest.map((r) => r.key), short).map((k) => ({ key: k, job: rest.find((r) => r.key === k)!.job })));
  return { jobs: p.all.length, reused: p.reused, ran: p.pending.length, ok, failed, verified: verified.size, mismatches, wallSeconds: (performance.now() - t0) / 1000, store: store.path };
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

/** n keys drawn at random without replacement (all of them when n >= their count). */
function draw(keys: string[], n: number): string[] {
  const pool = [...keys];
  const out: string[] = [];
  for (let k = Math.min(n, pool.length); k > 0; k--) out.push(pool.splice(randomInt(pool.length), 1)[0]!);
  return out;
}

export function record(p: Planned, out: Outcome, engine: string): ResultRecord {
  const cpu = out.thread ? { cpuSeconds: out.thread.cpuSeconds, waitSeconds: out.thread.waitSeconds } : {};
  const timing = { wallSeconds: out.wallSeconds, ...cpu, host: out.host, engine, at: new Date().toISOString() };
  return out.ok
    ? { kind: 'result', key: p.key, status: 'ok', job: p.job, result: out.result, timing }
    : { kind: 'result', key: p.key, status: 'failed', job: p.job, error: out.error, timing };
}

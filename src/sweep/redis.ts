// The distributed engine: BullMQ on Redis. The sweep enqueues each job with
// its key as the BullMQ job id (adding an id that exists is a no-op, so a
// rerun or a second enqueue never duplicates work), then polls the jobs' states
// and hands each finished one to the store (the single writer; a key is
// stored once, so a duplicate delivery is dropped there). A job Redis no
// longer knows (Redis restarted without persistence) is enqueued again, so a
// sweep survives a Redis restart. Workers (`ebnkit worker`) run jobs in the
// same worker-thread pool as the local engine: same code, same bits.
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Engine, Outcome, Planned } from './engine.js';

export const DEFAULT_QUEUE = 'ebnkit-sweep';

/** What a BullMQ job carries: the job, its key (checked by the worker) and its time limit. */
export interface QueuedJob {
  key: string;
  job: Planned['job'];
  timeoutMs: number;
}

/** What a worker returns for a finished job. */
export type QueuedResult = Extract<Outcome, { ok: true }>;

export function connection(url: string) {
  if (!/^rediss?:\/\//.test(url)) throw new RangeError(`--redis: "${url}" is not a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379)`);
  // null: commands wait through a Redis restart instead of failing (BullMQ's requirement for workers)
  return { url, maxRetriesPerRequest: null };
}

/** Job options: retried after a crash or a lost lock; deterministic failures are final (UnrecoverableError). */
const JOB_OPTIONS = { attempts: 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: false, removeOnFail: false };

export class RedisEngine implements Engine {
  readonly name = 'redis';
  readonly width = 1;
  private closed = false;

  private constructor(private queue: Queue, private pollMs: number, private log: (s: string) => void) {}

  static async connect(url: string, queueName = DEFAULT_QUEUE, o: { pollMs?: number; log?: (s: string) => void } = {}): Promise<RedisEngine> {
    const queue = new Queue(queueName, { connection: connection(url) });
    queue.on('error', () => {}); // reconnects by itself; the poll loop reports the outage once
    await queue.waitUntilReady();
    return new RedisEngine(queue, o.pollMs ?? 500, o.log ?? ((s) => process.stderr.write(`${s}\n`)));
  }

  private async enqueue(items: { id: string; data: QueuedJob }[]): Promise<void> {
    for (let i = 0; i < items.length; i += 500)
      await this.queue.addBulk(items.slice(i, i + 500).map((x) => ({ name: 'job', data: x.data, opts: { ...JOB_OPTIONS, jobId: x.id } })));
  }

  async run(jobs: Planned[], timeoutMs: number, settled: (p: Planned, o: Outcome) => void, tag?: string): Promise<void> {
    // a verification re-run gets fresh ids, so it is computed again rather than read back
    const ids = new Map(jobs.map((p) => [tag ? `${p.key}-${tag}-${randomUUID()}` : p.key, p]));
    const data = (id: string): QueuedJob => ({ key: ids.get(id)!.key, job: ids.get(id)!.job, timeoutMs });
    const pending = new Set(ids.keys());
    let down = false;
    let first = true;
    while (pending.size && !this.closed) {
      try {
        // (re-)enqueue what Redis does not know: first pass, or everything after a restart
        const states = await Promise.all([...pending].map(async (id) => [id, await this.queue.getJobState(id)] as const));
        const missing = states.filter(([, s]) => s === 'unknown').map(([id]) => id);
        if (missing.length) await this.enqueue(missing.map((id) => ({ id, data: data(id) })));
        if (missing.length && !first) this.log(`redis: ${missing.length} pending jobs were gone (Redis restarted without its data?); enqueued them again`);
        first = false;
        for (const [id, state] of states) {
          if (state !== 'completed' && state !== 'failed') continue;
          const j = await this.queue.getJob(id);
          if (!j) continue;
          const p = ids.get(id)!;
          if (state === 'completed') settled(p, j.returnvalue as QueuedResult);
          else settled(p, { ok: false, error: j.failedReason || 'failed without a reason', wallSeconds: NaN, host: 'redis worker' });
          pending.delete(id);
          // the store holds it now; keep Redis small (a crash before this line leaves it for the next run to read)
          await j.remove().catch(() => {});
        }
        if (down) this.log(`redis: reconnected; ${pending.size} jobs still pending`);
        down = false;
      } catch (e) {
        if (!down) this.log(`redis: ${(e as Error).message}; retrying (the sweep resumes when Redis is back)`);
        down = true;
      }
      if (pending.size) await new Promise((r) => setTimeout(r, Math.min(5000, this.pollMs + pending.size / 10)));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.close();
  }
}

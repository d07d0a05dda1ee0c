// What the sweep needs from an engine (local thread pool or Redis workers):
// run these jobs, report each one as it settles, in any order.
import { hostname } from 'node:os';
import type { Job } from './config.js';
import { defaultWorkerFile, Pool, type PoolOptions, type ThreadUse } from './pool.js';
import type { JobResult } from './store.js';

export interface Planned {
  key: string;
  job: Job;
}

export type Outcome = ({ ok: true; result: JobResult } | { ok: false; error: string }) & { wallSeconds: number; host: string; thread?: ThreadUse };

export interface Engine {
  readonly name: string;
  /** Jobs it runs at once (for the estimate). */
  readonly width: number;
  /** `tag` tells apart a verification re-run from the first run of the same key. */
  run(jobs: Planned[], timeoutMs: number, settled: (p: Planned, o: Outcome) => void, tag?: string): Promise<void>;
  close(): Promise<void>;
}

/** The local engine: a worker-thread pool on this machine. */
export class LocalEngine implements Engine {
  readonly name = 'local';
  private pool: Pool;
  private closing = false;

  constructor(readonly width: number, file = defaultWorkerFile(), o: PoolOptions = {}) {
    this.pool = new Pool(width, file, o);
  }

  async run(jobs: Planned[], timeoutMs: number, settled: (p: Planned, o: Outcome) => void): Promise<void> {
    const host = hostname();
    await Promise.all(
      jobs.map((p) =>
        this.pool.run(p.job, timeoutMs).then(
          (r) => settled(p, { ok: true, result: r.result, wallSeconds: r.wallSeconds, host, ...(r.thread ? { thread: r.thread } : {}) }),
          // a job cut off by close() (Ctrl-C) did not fail: it is not reported, so it is not stored and a rerun runs it
          (e: Error) => this.closing || settled(p, { ok: false, error: e.message, wallSeconds: NaN, host }),
        ),
      ),
    );
  }

  close(): Promise<void> {
    this.closing = true;
    return this.pool.close();
  }
}

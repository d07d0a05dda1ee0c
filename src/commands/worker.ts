// `ebnkit worker --redis <url>`: take sweep jobs from the Redis queue and run
// them in a local worker-thread pool (the local engine's, so results are the
// same bits). A job that fails by itself (throws, overruns its time limit,
// kills its thread) is failed for good with its reason; a job whose worker
// dies is retried by BullMQ on another worker once its lock expires.
import { hostname, availableParallelism } from 'node:os';
import { UnrecoverableError, Worker } from 'bullmq';
import { KERNEL_SHA256 } from '../kernel/module.js';
import { jobKey, PACKAGE_VERSION } from '../sweep/key.js';
import { JobFailure, Pool } from '../sweep/pool.js';
import { connection, DEFAULT_QUEUE, type QueuedJob, type QueuedResult } from '../sweep/redis.js';

export interface WorkerCommand {
  redis: string;
  queue?: string;
  concurrency?: number;
  lockSeconds?: number;
  json?: boolean;
}

export async function runWorker(o: WorkerCommand): Promise<void> {
  const conn = connection(o.redis); // validate the URL before any thread starts
  const width = o.concurrency ?? availableParallelism();
  const host = `${hostname()}:${process.pid}`;
  const pool = new Pool(width);
  const say = (event: Record<string, unknown>, text: string) => (o.json ? console.log(JSON.stringify(event)) : process.stderr.write(`${text}\n`));
  const worker = new Worker<QueuedJob, QueuedResult>(
    o.queue ?? DEFAULT_QUEUE,
    async (bj) => {
      const { key, job, timeoutMs } = bj.data;
      // a worker on another build would compute other bits: refuse rather than mix them in
      if (jobKey(job) !== key) throw new UnrecoverableError(`${host}: this worker's build differs from the sweep's (ebnkit ${PACKAGE_VERSION}, kernel ${KERNEL_SHA256.slice(0, 12)}); run the same version everywhere`);
      say({ event: 'start', key, attempt: bj.attemptsMade + 1 }, `${key.slice(0, 10)} started (attempt ${bj.attemptsMade + 1})`);
      try {
        const r = await pool.run(job, timeoutMs);
        say({ event: 'job', key, status: 'ok', wallSeconds: r.wallSeconds }, `${key.slice(0, 10)} ok in ${r.wallSeconds.toFixed(1)} s`);
        return { ok: true, result: r.result, wallSeconds: r.wallSeconds, host };
      } catch (e) {
        say({ event: 'job', key, status: 'failed', error: (e as Error).message }, `${key.slice(0, 10)} failed: ${(e as Error).message}`);
        if (e instanceof JobFailure) throw new UnrecoverableError(`${host}: ${e.message}`);
        throw e;
      }
    },
    { connection: conn, concurrency: width, lockDuration: (o.lockSeconds ?? 30) * 1000, stalledInterval: (o.lockSeconds ?? 30) * 1000, maxStalledCount: 2 },
  );
  worker.on('error', () => {}); // connection errors: ioredis reconnects by itself
  try {
    await worker.waitUntilReady();
  } catch (e) {
    await worker.close(true).catch(() => {});
    await pool.close();
    throw e;
  }
  say({ event: 'ready', host, concurrency: width }, `worker ${host}: ${width} threads on ${o.redis.replace(/\/\/[^@/]*@/, '//***@')} queue ${o.queue ?? DEFAULT_QUEUE}`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      say({ event: 'stopping' }, 'stopping: finishing the jobs in hand');
      void worker.close().then(() => pool.close()).then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

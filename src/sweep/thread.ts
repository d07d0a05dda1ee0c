// Worker-thread entry of the sweep pool (built to dist/sweep-worker.js): runs
// one job at a time and posts its result or its error back.
import { parentPort } from 'node:worker_threads';
import { runJob } from './job.js';
import type { TaskMessage, ReplyMessage } from './pool.js';

const port = parentPort;
if (!port) throw new Error('sweep-worker.js runs inside a worker thread of the sweep pool');
port.on('message', (m: TaskMessage) => {
  const t0 = performance.now();
  runJob(m.job).then(
    (result) => port.postMessage({ id: m.id, ok: true, result, wallSeconds: (performance.now() - t0) / 1000 } satisfies ReplyMessage),
    (e: Error) => port.postMessage({ id: m.id, ok: false, error: e?.message ?? String(e), wallSeconds: (performance.now() - t0) / 1000 } satisfies ReplyMessage),
  );
});

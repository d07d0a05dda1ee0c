// Worker-thread entry of the sweep pool (built to dist/sweep-worker.js): runs
// one job at a time and posts its result or its error back, with the job's
// wall time and this thread's CPU and run-queue waiting time during it.
import { parentPort } from 'node:worker_threads';
import { threadId, threadTimes } from './cpu.js';
import { runJob } from './job.js';
import type { TaskMessage, ReplyMessage } from './pool.js';

const port = parentPort;
if (!port) throw new Error('sweep-worker.js runs inside a worker thread of the sweep pool');
const tid = threadId();
port.on('message', (m: TaskMessage) => {
  const t0 = performance.now();
  const c0 = threadTimes();
  const times = () => {
    const c1 = threadTimes();
    return { wallSeconds: (performance.now() - t0) / 1000, ...(c0 && c1 && tid !== null ? { thread: { tid, cpuSeconds: c1.cpu - c0.cpu, waitSeconds: c1.wait - c0.wait } } : {}) };
  };
  runJob(m.job).then(
    (result) => port.postMessage({ id: m.id, ok: true, result, ...times() } satisfies ReplyMessage),
    (e: Error) => port.postMessage({ id: m.id, ok: false, error: e?.message ?? String(e), ...times() } satisfies ReplyMessage),
  );
});

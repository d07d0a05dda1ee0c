// A fixed pool of worker threads (Node's worker_threads; no dependency: a
// pool with per-task time limits is ~100 lines, and Piscina's timeout would
// still need the terminate-and-replace logic below). Each thread runs one job
// at a time; a job that overruns its time limit or kills its thread (a module
// that loops or calls process.exit) is failed with the reason, its thread is
// terminated and replaced, and the pool goes on.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Job } from './config.js';
import type { JobResult } from './store.js';

export interface TaskMessage {
  id: number;
  job: Job;
}

/** The worker thread's Linux id and its CPU and run-queue waiting seconds during the job (Linux only; src/sweep/cpu.ts). */
export interface ThreadUse {
  tid: number;
  cpuSeconds: number;
  waitSeconds: number;
}

export type ReplyMessage = { id: number; wallSeconds: number; thread?: ThreadUse } & ({ ok: true; result: JobResult } | { ok: false; error: string });

export interface TaskResult {
  result: JobResult;
  /** Wall time inside the thread (the job itself, without the pool's overhead). */
  wallSeconds: number;
  thread?: ThreadUse;
}

export class JobFailure extends Error {
  constructor(message: string, readonly timeout = false) {
    super(message);
  }
}

interface Task {
  id: number;
  job: Job;
  timeoutMs: number;
  resolve(r: TaskResult): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

/** dist/sweep-worker.js, next to the bundle that holds this code. */
export function defaultWorkerFile(): string {
  const f = fileURLToPath(new URL('./sweep-worker.js', import.meta.url));
  if (!existsSync(f)) throw new Error(`${f} is missing: the sweep pool runs the built worker (npm run build)`);
  return f;
}

export interface PoolOptions {
  /**
   * V8's concurrent recompilation (TurboFan on background threads) for the
   * threads this pool starts; default off. A job re-optimises the same hot
   * functions after deoptimisations every time (measured: 0.2-0.3 s of
   * background compile CPU per vanderpol job of ~2.3 s, ~11% on top), and with
   * one worker per core those compile threads compete with the workers for
   * the cores. Compiled on the worker's own thread instead, that CPU almost
   * vanishes and the job's own CPU barely grows (bench/sweep.ts --paired-cr:
   * 2.56 s against 2.30 s of CPU per job, both run at the same time).
   * V8 reads the flag when an isolate starts, so it applies to threads started
   * after this; it is process-wide, and JIT tiers never change results.
   */
  concurrentRecompilation?: boolean;
}

export class Pool {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private next = 1;
  private closed = false;

  constructor(readonly size: number, private file = defaultWorkerFile(), o: PoolOptions = {}) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer; got ${size}`);
    setFlagsFromString(o.concurrentRecompilation ? '--concurrent-recompilation' : '--no-concurrent-recompilation');
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.file), task: null, timer: null };
    slot.worker.on('message', (m: ReplyMessage) => {
      const t = slot.task;
      if (!t || t.id !== m.id) return;
      // the thread gets its next job before the caller's handling of this
      // result (store append and fsync, progress) runs on this thread
      this.release(slot);
      this.pump();
      if (m.ok) t.resolve({ result: m.result, wallSeconds: m.wallSeconds, ...(m.thread ? { thread: m.thread } : {}) });
      else t.reject(new JobFailure(m.error));
    });
    slot.worker.on('error', (e) => this.replace(slot, new JobFailure(`worker thread crashed: ${e.message}`)));
    slot.worker.on('exit', (code) => this.replace(slot, new JobFailure(`worker thread exited with code ${code} during the job`)));
    return slot;
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
  }

  /** Fail the slot's task (if any), drop its thread and start a fresh one. */
  private replace(slot: Slot, why: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    const t = slot.task;
    this.release(slot);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    if (!this.closed) this.slots[i] = this.spawn();
    else this.slots.splice(i, 1);
    // the fresh thread takes the next job (postMessage waits for it to start)
    this.pump();
    t?.reject(why);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.task || !this.queue.length) continue;
      const t = this.queue.shift()!;
      slot.task = t;
      slot.timer = setTimeout(() => this.replace(slot, new JobFailure(`timeout: the job ran longer than ${t.timeoutMs / 1000} s and was stopped`, true)), t.timeoutMs);
      slot.worker.postMessage({ id: t.id, job: t.job } satisfies TaskMessage);
    }
  }

  run(job: Job, timeoutMs: number): Promise<TaskResult> {
    if (this.closed) return Promise.reject(new Error('the pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.next++, job, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  /** Stop every thread; queued and running tasks are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error('the pool was closed'));
    await Promise.all(
      this.slots.splice(0).map((s) => {
        s.worker.removeAllListeners();
        s.task?.reject(new Error('the pool was closed'));
        if (s.timer) clearTimeout(s.timer);
        return s.worker.terminate();
      }),
    );
  }
}

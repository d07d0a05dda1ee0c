// One timing protocol for every implementation, so their numbers compare and
// do not move with machine load (the benchmark machine is shared):
//
// - CPU time, not wall time: each timed block is measured with the CPU time
//   of the process (Node: process.cpuUsage) or thread (C: CLOCK_THREAD_CPUTIME_ID),
//   so time the scheduler gives other work is not counted.
// - Settle by simulated time: every implementation first runs exactly
//   `settleSteps` steps with error feedback toward the limit cycle (the same
//   simulated time however fast it is), then its timed blocks.
// - Warm every JIT: the in-process implementations (the kernel in V8 as well
//   as the JS yardsticks) first run a throwaway instance for `warmMs` of CPU
//   with the timed flags, so TurboFan has compiled them before any timing.
// - Interleave: a Runner times one block per call; bench/lib/cases.ts calls
//   the runners of a case in turn, block after block (the native ones are
//   child processes that wait for a line on stdin per block), so every
//   pairwise ratio is taken between blocks run moments apart.
import type { NetworkSpec } from '../../src/index.js';
import { EbnF32 } from '../js/ebn-f32.js';
import { lib } from './dist.js';
import type { FloatNet } from './floatnet.js';

export const FREE = 0;
export const LEARN = 3; // RUN_LEARN | RUN_FEEDBACK
export const FEEDBACK = 2;

export interface Plan { block: number; settle: number; samples: number; flags: number }
/** Spikes during the timed blocks; the kernel's spike hash after the whole run. */
export interface Finish { spikes: number; spikeHash?: number }
/** An implementation, settled and ready: block() runs one timed block and returns its CPU ns. */
export interface Runner { readonly plan: Plan; block(): Promise<number>; finish(): Promise<Finish> }

export { median } from './rows.js';

/** CPU ns of this process (user + system; getrusage sums the threads' exact run times). */
export function cpuNs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

/** Spike buffer that never makes run() stop early (policy "all" can fire every neuron every step). */
export const spikeCap = (spec: NetworkSpec, block: number): number =>
  spec.policy === 'all' ? block * spec.N + spec.N : block + spec.N;

/** Run `steps` steps in calls of at most `block`, as fn(offset, n). */
function chunks(steps: number, block: number, fn: (at: number, n: number) => void): void {
  for (let at = 0; at < steps; at += block) fn(at, Math.min(block, steps - at));
}

/** A synchronous in-process implementation as a Runner. */
function syncRunner(plan: Plan, step: (at: number) => void, spikes: () => number, finish: () => Finish = () => ({ spikes: 0 })): Runner {
  let s = 0;
  const before = spikes();
  return {
    plan,
    block: async () => {
      const at = plan.settle + s++ * plan.block;
      const t0 = cpuNs();
      step(at);
      return cpuNs() - t0;
    },
    finish: async () => ({ ...finish(), spikes: spikes() - before }),
  };
}

/** The kernel in Node: the exports of build/release.wasm, driven as the C driver drives them. xq holds Q7.24 targets. */
export function kernelNode(module: WebAssembly.Module, image: Uint8Array, spec: NetworkSpec, xq: Int32Array, p: Plan): Runner {
  const k = lib.instantiate(module);
  const at = k.reserve(image.length);
  new Uint8Array(k.memory.buffer, at, image.length).set(image);
  const err = k.open(p.block, spikeCap(spec, p.block));
  if (err !== 0) throw new Error(`open() = ${err}`);
  const J = spec.J;
  const run = (from: number, n: number, f: number) => {
    if (f & LEARN) new Int32Array(k.memory.buffer, k.ptr(lib.formats.PTR.X_IN), n * J).set(xq.subarray(from * J, (from + n) * J));
    const ran = k.run(n, f);
    if (ran !== n) throw new Error(`run() = ${ran}`);
  };
  chunks(p.settle, p.block, (a, n) => run(a, n, FEEDBACK));
  const spikes = () => Number(new BigInt64Array(k.memory.buffer, k.ptr(lib.formats.PTR.COUNTERS), 8)[2]);
  return syncRunner(p, (a) => run(a, p.block, p.flags), spikes, () => ({ spikes: 0, spikeHash: k.status(lib.formats.STATUS.HASH) >>> 0 }));
}

/** An Executor of the host API (KernelExecutor.run: input conversion, spike lists; or the float64 reference). */
export function executorRunner(ex: import('../../src/index.js').Executor, spec: NetworkSpec, x: Float64Array, p: Plan): Runner {
  const J = spec.J;
  let spikes = 0;
  const run = (from: number, n: number, f: number) => {
    const xs = x.subarray(from * J, (from + n) * J);
    spikes += ex.run({ steps: n, ...(f & LEARN ? { x: xs, feedback: true, learn: (f & 1) !== 0 } : {}) }).spikeSteps.length;
  };
  chunks(p.settle, p.block, (a, n) => run(a, n, FEEDBACK));
  return syncRunner(p, (a) => run(a, p.block, p.flags), () => spikes);
}

/** The plain-JS float32 yardstick (bench/js/ebn-f32.ts). */
export function jsF32(net: FloatNet, x: Float32Array, p: Plan): Runner {
  const e = new EbnF32(net);
  chunks(p.settle, p.block, (a, n) => e.run(n, FEEDBACK, x.subarray(a * net.J), 0));
  return syncRunner(p, (a) => e.run(p.block, p.flags, x, a * net.J), () => e.spikes);
}

/**
 * Warm a JIT-ed implementation: make(plan) builds a throwaway runner (no
 * settling) whose blocks run until `warmMs` of CPU are spent.
 */
export async function warm(make: (p: Plan) => Runner, p: Plan, stepNs: number, warmMs: number): Promise<void> {
  const samples = Math.max(2, Math.ceil((warmMs * 1e6) / (stepNs * p.block)));
  const r = make({ ...p, settle: 0, samples });
  for (let s = 0; s < samples; s++) await r.block();
}

/**
 * Block length of about `targetMs` of CPU, from a short untimed probe of
 * probe(steps) (which returns CPU ns); `settleSteps` of simulated settling.
 */
export function plan(probe: (steps: number) => number, flags: number, targetMs: number, samples: number, settleSteps: number): Plan & { stepNs: number } {
  let steps = 16;
  let ns = probe(steps);
  while (ns < 4e6 && steps < 16384) { steps *= 4; ns = probe(steps); }
  const stepNs = Math.max(ns / steps, 1);
  const block = Math.max(4, Math.min(50_000, Math.round((targetMs * 1e6) / stepNs)));
  return { block, settle: settleSteps, samples, flags, stepNs };
}

/** Time a synchronous call in CPU ns (for probes). */
export function cpuTime(fn: () => void): number {
  const t0 = cpuNs();
  fn();
  return cpuNs() - t0;
}

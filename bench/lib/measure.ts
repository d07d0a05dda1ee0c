// One timing protocol for every implementation, so their numbers compare:
// SETTLE untimed blocks with error feedback toward a trajectory on the limit
// cycle (puts the network on it), then SAMPLES timed blocks of BLOCK steps
// with the case's flags (0 free running, 3 feedback + learning). Inputs are
// written before the clock starts. The native drivers (bench/native) do the
// same; the kernel's spike hash after the run must then agree bit for bit.
import type { ExecutionMode } from '../../src/kernel/lowrank.js';
import type { NetworkSpec } from '../../src/index.js';
import { EbnF32 } from '../js/ebn-f32.js';
import { lib } from './dist.js';
import type { FloatNet } from './floatnet.js';

export const FREE = 0;
export const LEARN = 3; // RUN_LEARN | RUN_FEEDBACK
const FEEDBACK = 2;

export interface Plan { block: number; settle: number; samples: number; flags: number }
/** ns per timed block; spikes during the timed blocks; the kernel's spike hash after the whole run. */
export interface Timing { ns: number[]; spikes: number; spikeHash?: number }

export const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Median ns per step. */
export const perStep = (t: Timing, p: Plan): number => median(t.ns) / p.block;

/** Spike buffer that never makes run() stop early (policy "all" can fire every neuron every step). */
export const spikeCap = (spec: NetworkSpec, block: number): number =>
  spec.policy === 'all' ? block * spec.N + spec.N : block + spec.N;

/** The kernel in Node: the exports of build/release.wasm, driven as the C driver drives them. */
export function kernelNode(module: WebAssembly.Module, image: Uint8Array, spec: NetworkSpec, xq: Int32Array, p: Plan): Timing {
  const k = lib.instantiate(module);
  const at = k.reserve(image.length);
  new Uint8Array(k.memory.buffer, at, image.length).set(image);
  const err = k.open(p.block, spikeCap(spec, p.block));
  if (err !== 0) throw new Error(`open() = ${err}`);
  const J = spec.J, xb = p.block * J;
  const ns: number[] = [];
  const spikes = () => Number(new BigInt64Array(k.memory.buffer, k.ptr(lib.formats.PTR.COUNTERS), 8)[2]);
  let before = 0;
  for (let s = 0; s < p.settle + p.samples; s++) {
    const timed = s >= p.settle;
    const f = timed ? p.flags : FEEDBACK;
    if (s === p.settle) before = spikes();
    if (f & LEARN) new Int32Array(k.memory.buffer, k.ptr(lib.formats.PTR.X_IN), xb).set(xq.subarray(s * xb, (s + 1) * xb));
    const t0 = process.hrtime.bigint();
    const ran = k.run(p.block, f);
    const t1 = process.hrtime.bigint();
    if (ran !== p.block) throw new Error(`run() = ${ran}`);
    if (timed) ns.push(Number(t1 - t0));
  }
  return { ns, spikes: spikes() - before, spikeHash: k.status(lib.formats.STATUS.HASH) >>> 0 };
}

/** The same through the host API (KernelExecutor.run: input conversion, spike lists), to show its overhead. */
export function kernelExecutor(module: WebAssembly.Module, spec: NetworkSpec, mode: ExecutionMode, x: Float64Array, p: Plan): Timing {
  const ex = new lib.KernelExecutor(spec, { mode, module, blockSteps: p.block });
  return driveExecutor(ex, spec, x, p);
}

/** The float64 reference executor (src/reference), dense. */
export function reference(spec: NetworkSpec, x: Float64Array, p: Plan): Timing {
  return driveExecutor(new lib.ReferenceExecutor(spec), spec, x, p);
}

function driveExecutor(ex: import('../../src/index.js').Executor, spec: NetworkSpec, x: Float64Array, p: Plan): Timing {
  const xb = p.block * spec.J;
  const ns: number[] = [];
  let spikes = 0;
  for (let s = 0; s < p.settle + p.samples; s++) {
    const timed = s >= p.settle;
    const f = timed ? p.flags : FEEDBACK;
    const xs = x.subarray(s * xb, (s + 1) * xb);
    const t0 = process.hrtime.bigint();
    const r = ex.run({ steps: p.block, ...(f & LEARN ? { x: xs, feedback: true, learn: (f & 1) !== 0 } : {}) });
    const t1 = process.hrtime.bigint();
    if (timed) { ns.push(Number(t1 - t0)); spikes += r.spikeSteps.length; }
  }
  return { ns, spikes };
}

/** The plain-JS float32 yardstick (bench/js/ebn-f32.ts). */
export function jsF32(net: FloatNet, x: Float32Array, p: Plan): Timing {
  const e = new EbnF32(net);
  const xb = p.block * net.J;
  const ns: number[] = [];
  let before = 0;
  for (let s = 0; s < p.settle + p.samples; s++) {
    const timed = s >= p.settle;
    if (s === p.settle) before = e.spikes;
    const t0 = process.hrtime.bigint();
    e.run(p.block, timed ? p.flags : FEEDBACK, x, s * xb);
    const t1 = process.hrtime.bigint();
    if (timed) ns.push(Number(t1 - t0));
  }
  return { ns, spikes: e.spikes - before };
}

/**
 * A plan whose timed blocks last about `targetMs` each: the cost per step is
 * estimated with a short untimed run of `probe(steps)` (which returns ns).
 */
export function plan(probe: (steps: number) => number, flags: number, targetMs: number, samples: number, settleSteps: number): Plan {
  let steps = 16;
  let ns = probe(steps);
  while (ns < 2e6 && steps < 4096) { steps *= 4; ns = probe(steps); }
  const stepNs = Math.max(ns / steps, 1);
  const block = Math.max(4, Math.min(50_000, Math.round((targetMs * 1e6) / stepNs)));
  // settle about settleSteps steps, but spend at most ~1 s of wall time on it
  const settle = Math.max(1, Math.min(Math.ceil(settleSteps / block), Math.floor(1e9 / (stepNs * block))));
  return { block, settle, samples, flags };
}

// One benchmark case (network, learning on/off) measured across the
// implementations and modes asked for, interleaved: every runner is settled
// first, then round after round each runner times one block, in a rotating
// order, so any two rows' per-round ratios compare blocks run moments apart
// (bench/lib/measure.ts says why, and how the time is taken).
import type { ExecutionMode } from '../../src/kernel/lowrank.js';
import { lib } from './dist.js';
import { encodeFloatNet, floatNet } from './floatnet.js';
import { FEEDBACK, FREE, cpuTime, executorRunner, jsF32, kernelNode, plan, spikeCap, warm, type Plan, type Runner } from './measure.js';
import { nativeRunner, NATIVE_FLAGS, type NativeBuild, type NativeTools } from './native.js';
import { median, type Impl, type Row } from './rows.js';

export { IMPL_NAMES, pairRatio, type Impl, type Row } from './rows.js';
/** Implementations that run the kernel's own bits: their spike hash must equal the Node kernel's. */
const EXACT: Impl[] = ['kscalar', 'native', 'native3', 'cfix', 'cfix3'];
const JIT: Impl[] = ['kernel', 'kscalar', 'executor', 'jsf32', 'ref'];

import { cycleTargets, type BenchNetwork } from './workload.js';

export interface CaseOptions { targetMs: number; samples: number; settleSteps: number; warmMs: number }
export type Entry = [Impl, ExecutionMode];

/** The kernel builds timed in Node: the host's choice (SIMD where supported) and the scalar release build. */
export interface Modules { kernel: WebAssembly.Module; kscalar: WebAssembly.Module }

export async function measureCase(net: BenchNetwork, learn: boolean, entries: Entry[], modules: Modules, tools: NativeTools, o: CaseOptions): Promise<Row[]> {
  const module = modules.kernel;
  const { spec } = net;
  const flags = learn ? 3 : FREE;
  const J = spec.J, N = spec.N, K = spec.dendrites.K, B = lib.basisSize(spec);
  const live = entries.filter(([impl, mode]) => (impl !== 'ref' || mode === 'dense') && (!(impl in NATIVE_FLAGS) || tools.exe[impl as NativeBuild]));
  const runners: { impl: Impl; mode: ExecutionMode; r: Runner }[] = [];
  for (const mode of [...new Set(live.map(([, m]) => m))]) {
    const image = lib.quantize(spec, 'q24', { mode }).image;
    const fnet = floatNet(spec, net.W, mode === 'lowrank');
    // one plan per mode, from the kernel: every implementation simulates the same steps per block
    const probeX = Int32Array.from(cycleTargets(spec, 16384), lib.formats.toQ);
    const p = plan((steps) => { const r = kernelNode(module, image, spec, probeX, { block: steps, settle: 0, samples: 1, flags: flags || FEEDBACK }); return cpuTime(() => void r.block()); },
      flags, o.targetMs, o.samples, o.settleSteps);
    const w = Math.max(2, Math.ceil((o.warmMs * 1e6) / (p.stepNs * p.block)));
    const x = cycleTargets(spec, p.settle + Math.max(p.samples, w) * p.block);
    const xq = Int32Array.from(x, lib.formats.toQ), x32 = Float32Array.from(x);
    const make = (impl: Impl, q: Plan): Runner => {
      switch (impl) {
        case 'kernel': return kernelNode(module, image, spec, xq, q);
        case 'kscalar': return kernelNode(modules.kscalar, image, spec, xq, q);
        case 'executor': return executorRunner(new lib.KernelExecutor(spec, { mode, module, blockSteps: q.block }), spec, x, q);
        case 'ref': return executorRunner(new lib.ReferenceExecutor(spec), spec, x, q);
        case 'jsf32': return jsF32(fnet, x32, q);
        case 'native': case 'native3': case 'cfix': case 'cfix3':
          return nativeRunner(tools.exe[impl]!, image, xq, q, [spikeCap(spec, q.block)]);
        default: return nativeRunner(tools.exe[impl]!, encodeFloatNet(fnet), x32, q);
      }
    };
    for (const [impl] of live.filter(([, m]) => m === mode)) {
      if (JIT.includes(impl)) await warm((q) => make(impl, q), p, p.stepNs, o.warmMs);
      runners.push({ impl, mode, r: make(impl, p) });
    }
  }
  const times = runners.map(() => [] as number[]);
  for (let s = 0; s < o.samples; s++)
    for (let c = 0; c < runners.length; c++) {
      const at = (c + s) % runners.length; // rotate who goes first
      times[at]!.push(await runners[at]!.r.block());
    }
  const rows: Row[] = [];
  const hashes = new Map<ExecutionMode, number | undefined>();
  const done = await Promise.all(runners.map((x) => x.r.finish()));
  runners.forEach((x, i) => { if (x.impl === 'kernel') hashes.set(x.mode, done[i]!.spikeHash); });
  runners.forEach(({ impl, mode, r }, i) => {
    const p = r.plan;
    const perStep = times[i]!.map((t) => t / p.block);
    const ns = median(perStep);
    const spikesPerStep = done[i]!.spikes / (p.samples * p.block);
    rows.push({
      impl, mode, N, K, B, policy: spec.policy, learn, block: p.block, samples: p.samples, perStep, ns,
      rtf: spec.dt / (ns * 1e-9), rate: spikesPerStep / N / spec.dt, synPerSec: ((N * B + spikesPerStep * N) / ns) * 1e9,
      ...(EXACT.includes(impl) && hashes.has(mode) ? { bitExact: done[i]!.spikeHash === hashes.get(mode) } : {}),
    });
  });
  return rows;
}

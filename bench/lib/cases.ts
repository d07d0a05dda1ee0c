// One benchmark case (network, mode, learning on/off) measured across the
// implementations asked for, each with its own plan, all in this process or
// its children, one after the other.
import type { ExecutionMode } from '../../src/kernel/lowrank.js';
import { lib } from './dist.js';
import { encodeFloatNet, floatNet } from './floatnet.js';
import { FREE, jsF32, kernelExecutor, kernelNode, perStep, plan, reference, spikeCap, type Plan, type Timing } from './measure.js';
import { runNative, type NativeTools } from './native.js';
import { cycleTargets, type BenchNetwork } from './workload.js';

export type Impl = 'kernel' | 'native' | 'executor' | 'cf32' | 'jsf32' | 'ref';
export const IMPL_NAMES: Record<Impl, string> = {
  kernel: 'kernel, Node (V8)',
  native: 'kernel, wasm2c + gcc -O2',
  executor: 'KernelExecutor.run (host API)',
  cf32: 'C float32, gcc -O2, tanhf',
  jsf32: 'plain JS float32',
  ref: 'float64 reference (src/reference)',
};

export interface Row {
  impl: Impl;
  mode: ExecutionMode;
  N: number;
  K: number;
  B: number;
  policy: string;
  learn: boolean;
  block: number;
  samples: number;
  /** Median wall time per step, ns. */
  ns: number;
  /** Simulated seconds per wall second. */
  rtf: number;
  /** Mean spike rate per neuron during the timed blocks, Hz. */
  rate: number;
  /** The network's synaptic events per wall second: slow N*B + fast spikes*N, per step. */
  synPerSec: number;
  /** Native kernel only: the spike hash equals the Node kernel's. */
  bitExact?: boolean;
}

export interface CaseOptions { targetMs: number; samples: number; settleSteps: number }

export function measureCase(
  net: BenchNetwork, mode: ExecutionMode, learn: boolean, impls: Impl[], module: WebAssembly.Module, tools: NativeTools, o: CaseOptions,
): Row[] {
  const { spec } = net;
  const flags = learn ? 3 : FREE;
  const J = spec.J, N = spec.N, K = spec.dendrites.K, B = lib.basisSize(spec);
  const image = lib.quantize(spec, 'q24', { mode }).image;
  const fnet = floatNet(spec, net.W, mode === 'lowrank');
  const probeX = cycleTargets(spec, 4096);
  const probeXq = Int32Array.from(probeX, lib.formats.toQ);
  const rows: Row[] = [];
  const row = (impl: Impl, p: Plan, t: Timing, extra: Partial<Row> = {}): Row => {
    const ns = perStep(t, p);
    const spikesPerStep = t.spikes / (p.samples * p.block);
    const r: Row = {
      impl, mode, N, K, B, policy: spec.policy, learn, block: p.block, samples: p.samples, ns,
      rtf: spec.dt / (ns * 1e-9), rate: spikesPerStep / N / spec.dt,
      synPerSec: ((N * B + spikesPerStep * N) / ns) * 1e9, ...extra,
    };
    rows.push(r);
    return r;
  };
  const targets = (p: Plan) => cycleTargets(spec, (p.settle + p.samples) * p.block);

  if (impls.includes('kernel') || impls.includes('native')) {
    const p = plan((steps) => kernelNode(module, image, spec, probeXq, { block: steps, settle: 0, samples: 1, flags: flags || 2 }).ns[0]!, flags, o.targetMs, o.samples, o.settleSteps);
    const x = targets(p);
    const xq = Int32Array.from(x, lib.formats.toQ);
    const k = kernelNode(module, image, spec, xq, p);
    if (impls.includes('kernel')) row('kernel', p, k);
    if (impls.includes('native') && tools.kernel) {
      const n = runNative(tools.kernel, image, xq, [p.block, p.settle, p.samples, flags, spikeCap(spec, p.block)]);
      row('native', p, n, { bitExact: n.spikeHash === k.spikeHash });
    }
    if (impls.includes('executor')) row('executor', p, kernelExecutor(module, spec, mode, x, p));
  }
  if (impls.includes('jsf32') || impls.includes('cf32')) {
    const px = Float32Array.from(probeX);
    const p = plan((steps) => jsF32(fnet, px, { block: steps, settle: 0, samples: 1, flags: flags || 2 }).ns[0]!, flags, o.targetMs, o.samples, o.settleSteps);
    const x = Float32Array.from(targets(p));
    if (impls.includes('jsf32')) row('jsf32', p, jsF32(fnet, x, p));
    if (impls.includes('cf32') && tools.f32) row('cf32', p, runNative(tools.f32, encodeFloatNet(fnet), x, [p.block, p.settle, p.samples, flags]));
  }
  if (impls.includes('ref') && mode === 'dense') {
    const p = plan((steps) => reference(spec, probeX, { block: steps, settle: 0, samples: 1, flags: flags || 2 }).ns[0]!, flags, o.targetMs, o.samples, o.settleSteps);
    row('ref', p, reference(spec, targets(p), p));
  }
  return rows;
}

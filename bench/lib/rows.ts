// A benchmark row and what is computed from rows alone (names, medians,
// per-block ratios), free of the built package so that the README test can
// use it without running anything.
import type { ExecutionMode } from '../../src/kernel/lowrank.js';
import type { NativeBuild } from './native.js';

export const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export type Impl = 'kernel' | 'kscalar' | 'executor' | 'jsf32' | 'ref' | NativeBuild;
export const IMPL_NAMES: Record<Impl, string> = {
  kernel: 'kernel, Node (V8), SIMD build (the host\'s choice)',
  kscalar: 'kernel, Node (V8), scalar release build',
  native: 'kernel, wasm2c + gcc -O2',
  native3: 'kernel, wasm2c + gcc -O3 -march=native',
  cfix: 'C fixed-point port (bit-exact), gcc -O2',
  cfix3: 'C fixed-point port (bit-exact), gcc -O3 -march=native',
  executor: 'KernelExecutor.run (host API)',
  cf32: 'C float32, libm tanhf, gcc -O2',
  cf32lut: 'C float32, 257-knot LUT, gcc -O2',
  cf32fast: 'C float32, libm tanhf, gcc -O3 -march=native -ffast-math',
  cf32lutfast: 'C float32, 257-knot LUT, gcc -O3 -march=native -ffast-math',
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
  /** CPU ns per step of each round's block, in round order (pair rows by index for ratios). */
  perStep: number[];
  /** Median of perStep. */
  ns: number;
  /** Simulated seconds per CPU second. */
  rtf: number;
  /** Mean spike rate per neuron during the timed blocks, Hz. */
  rate: number;
  /** The network's synaptic events per CPU second: slow N*B + fast spikes*N, per step. */
  synPerSec: number;
  /** Kernel ports and builds only: the spike hash equals the Node kernel's. */
  bitExact?: boolean;
}

/** Median and range over rounds of a.perStep[i] / b.perStep[i]: a's time in units of b's. */
export function pairRatio(a: Row, b: Row): { median: number; lo: number; hi: number } {
  const n = Math.min(a.perStep.length, b.perStep.length);
  const r = Array.from({ length: n }, (_, i) => a.perStep[i]! / b.perStep[i]!);
  return { median: median(r), lo: Math.min(...r), hi: Math.max(...r) };
}


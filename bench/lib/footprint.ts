// Memory and module size, computed from the layout the kernel uses
// (assembly/layout.ts; the C kit's ebnk_memory_end says the same).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { ExecutionMode } from '../../src/kernel/lowrank.js';
import { lib } from './dist.js';
import { codeSection } from '../../test/targets/lib/tools.js';

export interface ModelBytes {
  mode: ExecutionMode; N: number; J: number; K: number; B: number;
  image: number;
  /** V r alive g spikers xhat e Phi (+ u q low-rank), status, counters. */
  state: number;
  /** image + state + I/O for `block`-step blocks (c, x, xhat in; spikes out, winner policy). */
  total: number;
  perNeuron: number;
  /** Per synapse of the network (fast N^2 + slow N*B), whatever the mode stores. */
  perSynapse: number;
}

export function modelBytes(N: number, J: number, K: number, linear: boolean, mode: ExecutionMode, block = 50): ModelBytes {
  const B = K + (linear ? J : 0);
  const lr = mode === 'lowrank';
  const image = lib.imageLayout(N, J, K, B, lr).words * 4;
  const state = 4 * (5 * N + 2 * J + B + (lr ? 2 * J : 0)) + 4 * 4 + 8 * 8;
  const io = 12 * block * J + 8 * (block + N);
  const total = image + state + io;
  return { mode, N, J, K, B, image, state, total, perNeuron: (image + state) / N, perSynapse: (image + state) / (N * N + N * B) };
}


export interface ModuleSize { file: string; bytes: number; code: number; gzip: number; imports: number }

export function moduleSize(file: string): ModuleSize {
  const b = readFileSync(file);
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(b)).length;
  return { file, bytes: b.length, code: codeSection(b), gzip: gzipSync(b, { level: 9 }).length, imports };
}

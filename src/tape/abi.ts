// The kernel ABI as a tape sees it: the numbers a player needs (taken from
// src/formats.ts, the host's one mirror of the kernel's constant table), the
// ops a tape holds, what a runtime reports at a checkpoint, and the one way
// every player (JS, C, WAT) reads a fingerprint out of the kernel's memory.
//
// Browser-safe: nothing here reads files.
import { fnvWords as fnv } from '../checksum.js';
import { ABI_VERSION, C_WORDS, COUNTER_NAMES, H, IMG_LOWRANK, PTR, RUN, STATUS } from '../formats.js';

export const ABI = {
  VERSION: ABI_VERSION,
  H_N: H.N, H_J: H.J, H_K: H.K, H_B: H.B, H_BYTES: H.BYTES, H_FLAGS: H.FLAGS, H_CHECKSUM: H.CHECKSUM, IMG_LOWRANK,
  P_IMAGE: PTR.IMAGE, P_V: PTR.V, P_R: PTR.R, P_STATUS: PTR.STATUS, P_COUNTERS: PTR.COUNTERS,
  P_C_IN: PTR.C_IN, P_X_IN: PTR.X_IN, P_SPIKES_OUT: PTR.SPIKES_OUT, P_OS: PTR.OS,
  S_RNG: STATUS.RNG, S_T: STATUS.T, S_HASH: STATUS.HASH, S_SPIKES: STATUS.SPIKES,
  RUN_LEARN: RUN.LEARN, RUN_FEEDBACK: RUN.FEEDBACK, RUN_INPUT: RUN.INPUT,
  COUNTERS: COUNTER_NAMES.length,
  C_WORDS,
} as const;

export const COUNTER_ORDER = COUNTER_NAMES;

/** One kernel call, with the memory the host wrote for it. */
export type Op =
  | { op: 'reserve'; bytes: number; ret: number; image: Uint8Array }
  | { op: 'open'; steps: number; cap: number; ret: number }
  | { op: 'reset'; seed: number }
  | { op: 'setParam'; word: number; value: number; ret: number }
  | { op: 'setAlive'; i: number; alive: number; ret: number }
  | { op: 'run'; steps: number; flags: number; ret: number; c?: Int32Array; x?: Int32Array }
  | { op: 'seal'; ret: number }
  | { op: 'mark'; label: string };

/** What a runtime reports at a mark (a checkpoint). */
export interface MarkResult {
  label: string;
  /** Steps since the last reset (status S_T). */
  t: number;
  spikeHash: string;
  /** FNV-1a over V (N), r (N), Os (rows x B) words: KernelExecutor.fingerprint().stateHash. */
  stateHash: string;
  counters: Record<(typeof COUNTER_ORDER)[number], number>;
  /** xorshift state of the noise and stochastic-rounding generator (status S_RNG). */
  rng?: string;
  /** FNV-1a over the image in kernel memory (header BYTES bytes): learned weights included. */
  imageHash?: string;
}

/** Everything a runtime produced from one tape. */
export interface TapeResult {
  name: string;
  marks: MarkResult[];
  /** Every spike of every run, in kernel order: [step since reset, neuron]. */
  raster: Uint32Array;
  /** Final V, r and Os words (for naming the first differing state word). */
  state?: { V: Int32Array; r: Int32Array; Os: Int32Array };
  /** Calls whose return value differed from the recording. */
  errors: string[];
}

export interface Tape {
  name: string;
  ops: Op[];
}

export const hex8 = (h: number) => '0x' + (h >>> 0).toString(16).padStart(8, '0');

/** FNV-1a over little-endian words, continuing from h (src/checksum.ts). */
export const fnvFrom = (words: ArrayLike<number>, h = 0x811c9dc5): number => fnv(words, 0, words.length, h);

type Fn = (...a: number[]) => number;
export interface KernelExportsLike {
  memory: WebAssembly.Memory;
  [name: string]: Fn | WebAssembly.Memory;
}

/** Reads the kernel's memory the way every driver does (C, WAT, JS). */
export class KernelView {
  constructor(readonly k: KernelExportsLike) {}
  call(name: string, ...a: number[]): number {
    return (this.k[name] as Fn)(...a);
  }
  ptr(id: number): number {
    return this.call('ptr', id) >>> 0;
  }
  status(id: number): number {
    return this.call('status', id) >>> 0;
  }
  header(word: number): number {
    return new Uint32Array(this.k.memory.buffer, this.ptr(ABI.P_IMAGE) + 4 * word, 1)[0]!;
  }
  i32(id: number, len: number): Int32Array {
    return new Int32Array(this.k.memory.buffer, this.ptr(id), len).slice();
  }
  state() {
    const N = this.header(ABI.H_N), B = this.header(ABI.H_B);
    const rows = this.header(ABI.H_FLAGS) & ABI.IMG_LOWRANK ? this.header(ABI.H_J) : N; // low-rank: W is J x B
    return { V: this.i32(ABI.P_V, N), r: this.i32(ABI.P_R, N), Os: this.i32(ABI.P_OS, rows * B) };
  }
  imageHash(): number {
    return fnvFrom(new Uint32Array(this.k.memory.buffer, this.ptr(ABI.P_IMAGE), this.header(ABI.H_BYTES) >>> 2));
  }
  mark(label: string): MarkResult {
    const s = this.state();
    const c = new BigUint64Array(this.k.memory.buffer, this.ptr(ABI.P_COUNTERS), ABI.COUNTERS);
    return {
      label,
      t: this.status(ABI.S_T),
      spikeHash: hex8(this.status(ABI.S_HASH)),
      stateHash: hex8(fnvFrom(s.Os, fnvFrom(s.r, fnvFrom(s.V)))),
      counters: Object.fromEntries(COUNTER_ORDER.map((n, i) => [n, Number(c[i])])) as MarkResult['counters'],
      rng: hex8(this.status(ABI.S_RNG)),
      imageHash: hex8(this.imageHash()),
    };
  }
  /** The (step since reset, neuron) pairs of the last run, given S_T before it. */
  spikes(t0: number): number[] {
    const n = this.status(ABI.S_SPIKES);
    const sp = new Uint32Array(this.k.memory.buffer, this.ptr(ABI.P_SPIKES_OUT), 2 * n);
    const out: number[] = [];
    for (let q = 0; q < n; q++) out.push(t0 + sp[2 * q]!, sp[2 * q + 1]!);
    return out;
  }
}

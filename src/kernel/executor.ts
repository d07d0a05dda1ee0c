// The kernel executor: drives the fixed-point WASM module in blocks through
// typed-array views of its memory. One instance = one network = one memory.
// `mode: 'lowrank'` runs the same network through its factorizations
// (assembly/lowrank.ts): per step (N + K) J + J B work instead of N B, no N x N
// storage; the weights live as W (J x B) and toSpec() expands them to Os = D W.
import { noiseAmplitude } from '../derived.js';
import { SpikeLog, checkRun, type Executor, type ExecutorState, type RunOptions, type RunResult, type Tunables } from '../executor.js';
import { fnvWords } from '../checksum.js';
import {
  C_WORDS, COUNTER_NAMES, H, HEADER_WORDS, IMG_LOWRANK, LOAD_ERRORS, PTR, RUN, RUN_ERRORS, STATUS, fromQ, toQ, toRate, type Counters,
} from '../formats.js';
import { imageLayout, readImage, type ImageLayout } from '../image.js';
import { checkSpecAgainstImage, specWithImageWeights } from '../image-spec.js';
import { quantize, type QuantReport } from '../quantize.js';
import type { NumberFormat } from '../presets.js';
import { cloneSpec, validateSpec, type NetworkSpec } from '../spec.js';
import { EXECUTION_MODES, expandSlowWeights, factorSlowWeights, type ExecutionMode, type SlowFactor } from './lowrank.js';
import { instantiate, kernelModuleSync, type KernelExports } from './module.js';

export interface KernelOptions {
  /** Number format preset or name (default q24). */
  format?: NumberFormat | string;
  /** Compiled kernel module; defaults to the embedded release build. */
  module?: WebAssembly.Module;
  /** Steps per run() call: sizes the I/O blocks (default 4096). */
  blockSteps?: number;
  /**
   * 'dense' (default): the fully local form a chip would run, Of (N x N) and Os (N x B).
   * 'lowrank': the same network through Os = D W and Of = D^T D + mu I, learning W
   * (J x B) with the factored rule; equal to dense statistically, and bit for bit
   * where the arithmetic allows (test/fastpath.test.ts). With an image, its flag decides.
   */
  mode?: ExecutionMode;
  /**
   * Conformance tapes only: run an image whose header was patched on purpose
   * (clamps and leaks no spec quantizes to, to reach every saturation path),
   * skipping the image/spec agreement check. The spec then only supplies the
   * dims. Models and user images never set this: they must agree (issue 14, F3).
   */
  patchedImage?: true;
}

export class KernelError extends Error {
  override name = 'KernelError';
}

export class KernelExecutor implements Executor {
  readonly kind = 'kernel' as const;
  readonly mode: ExecutionMode;
  readonly N: number;
  readonly J: number;
  readonly dt: number;
  /** What quantize() reported; null when the executor was loaded from a ready image (nothing was quantized). */
  readonly report: QuantReport | null;
  readonly exports: KernelExports;
  private spec: NetworkSpec;
  private readonly layout: ImageLayout;
  private readonly block: number;
  private t = 0;

  /** Quantize `spec` and load it. For a ready image use KernelExecutor.fromImage. */
  constructor(spec: NetworkSpec, o: KernelOptions = {}, image?: Uint8Array) {
    validateSpec(spec);
    this.spec = cloneSpec(spec);
    this.N = spec.N;
    this.J = spec.J;
    this.dt = spec.dt;
    if (o.mode !== undefined && !EXECUTION_MODES.includes(o.mode))
      throw new KernelError(`mode "${String(o.mode)}" is not one of ${EXECUTION_MODES.join(', ')}`);
    const q = image ? null : quantize(spec, o.format ?? 'q24', { mode: o.mode ?? 'dense' });
    const bytes = image ?? q!.image;
    const { header } = readImage(bytes);
    if (image && !o.patchedImage) {
      // the image is what runs: the spec (readout, reports, toSpec) must describe it
      try {
        checkSpecAgainstImage(spec, image);
      } catch (e) {
        throw new KernelError((e as Error).message);
      }
      this.spec = specWithImageWeights(spec, image);
    }
    this.mode = (header.flags & IMG_LOWRANK) !== 0 ? 'lowrank' : 'dense';
    if (o.mode !== undefined && o.mode !== this.mode)
      throw new KernelError(`the image is laid out for mode "${this.mode}", not "${o.mode}": re-quantize the spec with quantize(spec, format, { mode })`);
    this.report = q?.report ?? null;
    this.layout = imageLayout(header.N, header.J, header.K, header.B, this.mode === 'lowrank');
    this.block = checkBlockSteps(o.blockSteps ?? 4096);
    this.exports = instantiate(o.module ?? kernelModuleSync());
    if (bytes.byteLength > 0x7fffffff)
      throw new KernelError(`the image is ${bytes.byteLength} bytes; the kernel's reserve() takes at most 2^31 - 1 (use mode "lowrank", or fewer neurons)`);
    const at = this.exports.reserve(bytes.byteLength);
    if (at === 0) throw new KernelError(`the runtime refused memory for a ${bytes.byteLength}-byte image`);
    new Uint8Array(this.exports.memory.buffer, at, bytes.byteLength).set(bytes);
    const err = this.exports.open(this.block, this.block + this.N);
    if (err !== 0) throw new KernelError(`kernel refused the image: ${LOAD_ERRORS[err] ?? `error ${err}`}`);
  }

  /** Load a saved image; `spec` supplies what the image does not hold (mu, phi, ...). */
  static fromImage(image: Uint8Array, spec: NetworkSpec, o: KernelOptions = {}): KernelExecutor {
    return new KernelExecutor(spec, o, image);
  }

  private i32(id: number, len: number): Int32Array {
    return new Int32Array(this.exports.memory.buffer, this.exports.ptr(id), len);
  }

  reset(seed?: number): void {
    this.exports.reset(seed ?? 0);
    this.t = 0;
  }

  run(o: RunOptions): RunResult {
    checkRun(this, o);
    const { J, exports: k } = this;
    const flags =
      (o.learn ? RUN.LEARN : 0) | (o.feedback ? RUN.FEEDBACK : 0) | (o.c ? RUN.INPUT : 0) | (o.record ? RUN.RECORD : 0);
    const useX = !!(o.feedback || o.learn);
    const log = new SpikeLog(this.N, this.dt, this.t, o.maxSpikes);
    const xhat = o.record ? new Float64Array(o.steps * J) : undefined;
    let done = 0;
    while (done < o.steps) {
      const n = Math.min(this.block, o.steps - done);
      if (o.c) fillQ(this.i32(PTR.C_IN, n * J), o.c, done * J);
      if (useX) fillQ(this.i32(PTR.X_IN, n * J), o.x!, done * J);
      const ran = k.run(n, flags);
      if (ran <= 0) throw new KernelError(`kernel run() returned ${ran}${RUN_ERRORS[ran] ? `: ${RUN_ERRORS[ran]}` : ''}`);
      const ns = k.status(STATUS.SPIKES) >>> 0;
      const sp = new Uint32Array(k.memory.buffer, k.ptr(PTR.SPIKES_OUT), ns * 2);
      for (let q = 0; q < ns; q++) {
        log.push(this.t + sp[2 * q]!, sp[2 * q + 1]!);
      }
      if (xhat) {
        const xo = this.i32(PTR.XHAT_OUT, ran * J);
        for (let i = 0; i < ran * J; i++) xhat[done * J + i] = fromQ(xo[i]!);
      }
      done += ran;
      this.t += ran;
    }
    return { steps: o.steps, ...log.result(), ...(xhat ? { xhat } : {}) };
  }

  setAlive(i: number, alive: boolean): void {
    if (this.exports.setAlive(i, alive ? 1 : 0) !== 0) throw new RangeError(`neuron ${i} is not in [0, ${this.N - 1}]`);
  }

  setTunables(t: Tunables): void {
    const k = this.exports;
    if (t.k !== undefined) k.setParam(H.KDT, toRate(t.k * this.dt));
    if (t.eta !== undefined) k.setParam(H.LR, toRate(t.eta * this.dt));
    if (t.noise !== undefined) k.setParam(H.NOISE, toQ(noiseAmplitude(t.noise, this.dt)));
    Object.assign(this.spec, t);
  }

  state(): ExecutorState {
    const alive = this.i32(PTR.ALIVE, this.N);
    return {
      V: Float64Array.from(this.i32(PTR.V, this.N), fromQ),
      r: Float64Array.from(this.i32(PTR.R, this.N), fromQ),
      alive: Uint8Array.from(alive),
      t: this.t,
    };
  }

  counters(): Counters {
    const c = new BigInt64Array(this.exports.memory.buffer, this.exports.ptr(PTR.COUNTERS), C_WORDS);
    return Object.fromEntries(COUNTER_NAMES.map((n, i) => [n, Number(c[i])])) as Counters;
  }

  /** Raw Q7.24 learned weights as they are in the image: Os (N x B), or W (J x B) when low-rank. */
  slowWeightsQ(): Int32Array {
    return this.i32(PTR.OS, this.layout.lut - this.layout.Os).slice();
  }

  /** The slow weights' J x B factor W: the image's own when low-rank, else projected from Os. */
  slowFactor(): SlowFactor {
    const w = Float64Array.from(this.slowWeightsQ(), fromQ);
    if (this.mode === 'lowrank') return { W: w, residual: 0 };
    return factorSlowWeights({ ...this.spec, Os: Array.from(w) });
  }

  toSpec(): NetworkSpec {
    const out = cloneSpec(this.spec);
    const w = Array.from(this.slowWeightsQ(), fromQ);
    const B = w.length / this.layout.slowRows;
    out.Os = this.mode === 'lowrank' ? expandSlowWeights(out.D, w, this.N, this.J, B) : w;
    return out;
  }

  /** The current image (learned weights included), checksum resealed. */
  image(): Uint8Array {
    this.exports.seal();
    const bytes = this.layout.words * 4;
    return new Uint8Array(this.exports.memory.buffer, this.exports.ptr(PTR.IMAGE), bytes).slice();
  }

  /** FNV-1a of the image after its header: the learned bits, not the tunables (k, eta, noise), so two trainings compare equal whatever their schedules left in the header. */
  weightsHash(): number {
    const img = this.image();
    return fnvWords(new Uint32Array(img.buffer, img.byteOffset, img.byteLength / 4), HEADER_WORDS);
  }

  /** Spike-raster hash since reset, and a hash of the state (V, r, learned weights) now. */
  fingerprint(): { spikeHash: number; stateHash: number; steps: number } {
    const h1 = fnvWords(this.i32(PTR.V, this.N));
    const h2 = fnvWords(this.i32(PTR.R, this.N), 0, this.N, h1);
    const h3 = fnvWords(this.slowWeightsQ(), 0, undefined, h2);
    return { spikeHash: this.exports.status(STATUS.HASH) >>> 0, stateHash: h3, steps: this.t };
  }
}

/** Largest block: 2^24 steps (the I/O blocks are 12 J bytes a step; open() refuses what memory cannot hold). */
export const MAX_BLOCK_STEPS = 1 << 24;

/** A block size is a whole number of steps in [1, MAX_BLOCK_STEPS]; it reaches the kernel as an i32. */
export function checkBlockSteps(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_BLOCK_STEPS)
    throw new KernelError(`blockSteps ${String(v)} is not a whole number of steps in [1, ${MAX_BLOCK_STEPS}]`);
  return v;
}

function fillQ(dst: Int32Array, src: ArrayLike<number>, from: number): void {
  for (let i = 0; i < dst.length; i++) dst[i] = toQ(src[from + i]!);
}

// quantize(spec, format): the build step that turns a NetworkSpec's reals into
// the kernel's integer image, and reports what the rounding cost. Nothing here
// runs the network; executors never quantize lazily.
import { derive, phiFunction } from './derived.js';
import {
  ABI_VERSION, H, IMG_LINEAR, IMG_LOWRANK, IMG_PARALLEL, IMG_POLICY_ALL, LUT_MIN, LUT_SEGMENTS, LUT_SHIFT, MAGIC, ONE, fromQ, toQ, toRate, fromRate,
} from './formats.js';
import { imageLayout, sealWords } from './image.js';
import { deriveLowRank, factorSlowWeights, type ExecutionMode } from './kernel/lowrank.js';
import { getFormat, type NumberFormat } from './presets.js';
import { chipOptions, validateSpec, type NetworkSpec } from './spec.js';

export interface QuantEntry {
  name: string;
  count: number;
  /** Bits per value (sign included). */
  bits: number;
  /** log2 of the value of one LSB. */
  lsbExp: number;
  clipped: number;
  maxAbsError: number;
  /** maxAbsError relative to the array's largest magnitude. */
  maxRelError: number;
}

export interface QuantReport {
  format: string;
  entries: QuantEntry[];
  multipliers: { name: string; value: number; quantized: number; relError: number }[];
  state: { bits: number; range: number; lsb: number };
  clipped: number;
  maxAbsError: number;
  /** Execution mode the image is laid out for (absent: dense). */
  mode?: ExecutionMode;
  /** Low-rank images: the part of the spec's Os outside the span of D, |Os - D W|_F / |Os|_F. */
  lowrankResidual?: number;
}

export interface QuantizeOptions {
  /** 'lowrank' lays the image out for the factored fast path (assembly/lowrank.ts). */
  mode?: ExecutionMode;
}

export interface Quantized {
  image: Uint8Array;
  report: QuantReport;
}

/** Quantize one array onto the format's weight grid and then into Q7.24 words. */
function quantArray(name: string, v: ArrayLike<number>, bits: number | null, out: Int32Array, at: number): QuantEntry {
  let maxAbs = 0;
  for (let i = 0; i < v.length; i++) maxAbs = Math.max(maxAbs, Math.abs(v[i]!));
  let clipped = 0;
  let maxErr = 0;
  let lsbExp = -24;
  if (bits === null) {
    for (let i = 0; i < v.length; i++) {
      const q = toQ(v[i]!);
      if (Math.abs(v[i]!) >= 128) clipped++;
      out[at + i] = q;
      maxErr = Math.max(maxErr, Math.abs(fromQ(q) - v[i]!));
    }
  } else {
    // one shared power-of-two exponent per matrix, mantissa in [-2^(b-1), 2^(b-1)-1]
    const mMax = 2 ** (bits - 1) - 1;
    lsbExp = maxAbs > 0 ? Math.ceil(Math.log2(maxAbs / mMax)) : -24;
    const lsb = 2 ** lsbExp;
    for (let i = 0; i < v.length; i++) {
      let m = Math.floor(v[i]! / lsb + 0.5);
      if (m > mMax || m < -mMax - 1) {
        clipped++;
        m = Math.max(-mMax - 1, Math.min(mMax, m));
      }
      const q = toQ(m * lsb);
      out[at + i] = q;
      maxErr = Math.max(maxErr, Math.abs(fromQ(q) - v[i]!));
    }
  }
  return { name, count: v.length, bits: bits ?? 32, lsbExp, clipped, maxAbsError: maxErr, maxRelError: maxAbs > 0 ? maxErr / maxAbs : 0 };
}

/** Samples of phi at the LUT's 257 knots over [LUT_MIN, -LUT_MIN]. */
export function lutSamples(phi: (u: number) => number): Float64Array {
  const out = new Float64Array(LUT_SEGMENTS + 1);
  const step = 2 ** LUT_SHIFT / ONE;
  for (let i = 0; i <= LUT_SEGMENTS; i++) out[i] = phi(LUT_MIN / ONE + i * step);
  return out;
}

export function quantize(spec: NetworkSpec, format: NumberFormat | string = 'q24', o: QuantizeOptions = {}): Quantized {
  validateSpec(spec);
  const f = typeof format === 'string' ? getFormat(format) : format;
  const { N, J } = spec;
  const K = spec.dendrites.K;
  const lowrank = o.mode === 'lowrank';
  const factor = lowrank ? factorSlowWeights(spec) : null;
  // derive() builds the N x N fast weights, which a low-rank image has no use for (and at
  // N = 65,535 could not hold): take only what the image needs
  const d = lowrank ? deriveLowRank(spec) : derive(spec);
  const B = d.B;
  const L = imageLayout(N, J, K, B, lowrank);
  const w = new Int32Array(L.words);

  // state format: range = a power of two >= 32 x the largest threshold, LSB = 2*range / 2^bits
  let vmax = 0x7fffffff;
  let vshift = 0;
  let range = 128;
  const maxT = d.T.reduce((a, b) => Math.max(a, b), 0);
  if (f.stateBits < 32) {
    range = 2 ** Math.ceil(Math.log2(32 * maxT));
    vmax = Math.min(0x7fffffff, Math.round(range * ONE) - 1);
    vshift = Math.max(0, Math.log2(range) + 1 - f.stateBits + 24);
  }
  const lsb = 2 ** (vshift - 24);

  const entries: QuantEntry[] = [];
  entries.push(quantArray('D', spec.D, f.weightBits, w, L.D));
  const Tgrid = Array.from(d.T, (t) => Math.round(t / lsb) * lsb);
  entries.push(quantArray('T', Tgrid, null, w, L.T));
  if (!lowrank) entries.push(quantArray('Of', d.Of, f.weightBits, w, L.Of));
  entries.push(quantArray('M', spec.dendrites.M, f.weightBits, w, L.M));
  entries.push(quantArray('theta', spec.dendrites.theta, null, w, L.theta));
  if (factor) entries.push(quantArray('W', factor.W, f.weightBits, w, L.Os));
  else entries.push(quantArray('Os', spec.Os, f.weightBits, w, L.Os));
  entries.push(quantArray('LUT', lutSamples(phiFunction(spec.dendrites.phi)), null, w, L.lut));
  entries[1]!.maxAbsError = Math.max(...Array.from(d.T, (t, i) => Math.abs(fromQ(w[L.T + i]!) - t)), 0);

  const multipliers: QuantReport['multipliers'] = [];
  const rate = (name: string, value: number, word: number) => {
    const q = toRate(value);
    w[word] = q | 0;
    const back = fromRate(q);
    multipliers.push({ name, value, quantized: back, relError: value > 0 ? Math.abs(back - value) / value : 0 });
  };
  rate('dt', spec.dt, H.DT);
  rate('1-lamV*dt', 1 - spec.lamV * spec.dt, H.LEAKV);
  rate('1-lam*dt', 1 - spec.lam * spec.dt, H.LEAKR);
  rate('k*dt', spec.k * spec.dt, H.KDT);
  rate('eta*dt', spec.eta * spec.dt, H.LR);

  w[H.MAGIC] = MAGIC | 0;
  w[H.VERSION] = ABI_VERSION;
  w[H.BYTES] = L.words * 4;
  w[H.N] = N;
  w[H.J] = J;
  w[H.K] = K;
  w[H.B] = B;
  w[H.FLAGS] = (spec.policy === 'all' ? IMG_POLICY_ALL : 0) | (spec.policy === 'parallel' ? IMG_PARALLEL : 0) | (spec.dendrites.linear ? IMG_LINEAR : 0) | (lowrank ? IMG_LOWRANK : 0);
  // the parallel rule's chip options: data in the header, zero for the other rules (validateSpec refuses them there)
  const chip = chipOptions(spec);
  w[H.REFRACT] = chip.refractory;
  w[H.SOFT] = toQ(chip.softWidth);
  w[H.GROUP] = chip.arbitration;
  if (lowrank) w[H.MU] = toQ(spec.mu); // the diagonal of Of, which a low-rank image does not store
  w[H.FORMAT] = f.id;
  w[H.SEED] = spec.seed | 0;
  w[H.NOISE] = toQ(d.noiseAmp);
  w[H.VMAX] = vmax;
  w[H.VSHIFT] = vshift;
  w[H.WMAX] = 0x7fffffff;
  sealWords(w);

  const weights = entries.filter((e) => e.name !== 'LUT');
  return {
    image: new Uint8Array(w.buffer),
    report: {
      format: f.name,
      entries,
      multipliers,
      state: { bits: f.stateBits, range, lsb },
      clipped: entries.reduce((a, e) => a + e.clipped, 0),
      maxAbsError: weights.reduce((a, e) => Math.max(a, e.maxAbsError), 0),
      ...(factor ? { mode: 'lowrank' as const, lowrankResidual: factor.residual } : {}),
    },
  };
}

/** Per-step tunables as header words (the kernel's setParam takes these). */
export function tunableWords(dt: number, t: { k?: number; eta?: number }): { kdt?: number; lr?: number } {
  return {
    ...(t.k !== undefined ? { kdt: toRate(t.k * dt) } : {}),
    ...(t.eta !== undefined ? { lr: toRate(t.eta * dt) } : {}),
  };
}

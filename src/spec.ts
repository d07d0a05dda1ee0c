// NetworkSpec: the one plain-data description of an EBN that every executor
// (float64 reference, fixed-point kernel, emulator) runs. Derived quantities
// (fast weights Of, thresholds T) are computed, never stored: see derived.ts.
import { Random } from './random.js';
import { chipFromRelative, meanDecoderSq, type RelativeChipOptions } from './spike-rule.js';
import { shown } from './shown.js';

/**
 * How neurons fire in a step (DESIGN.md section 2, phase 3):
 * - `winner`: one spike per step, the largest V - T > 0, its effects at once
 *   (a global arbiter: what one MCU core does by itself);
 * - `all`: every neuron above threshold, effects at once (no chip does this);
 * - `parallel`: every neuron above threshold, its own reset at once and its
 *   effect on every other neuron one step later, as on Loihi, SpiNNaker and
 *   Xylo; tuned by the chip options in `NetworkSpec.chip`.
 */
export type SpikePolicy = 'winner' | 'all' | 'parallel';
export const SPIKE_POLICIES: readonly SpikePolicy[] = ['winner', 'all', 'parallel'];

/**
 * Options a chip offers for the `parallel` rule, stored as data in the image
 * (header words REFRACT, SOFT, GROUP). All zero = plain parallel firing.
 */
export interface ChipOptions {
  /** Steps after a spike in which the neuron cannot fire again (a refractory counter), 0-255. */
  refractory: number;
  /**
   * Soft-threshold width w, voltage units: a neuron with 0 < V - T < w fires
   * with probability (V - T)/w, drawn from the executor's own RNG (Rullan
   * Buxo & Pillow 2020); V - T >= w always fires; 0 = the hard threshold.
   */
  softWidth: number;
  /** Neurons per arbitration group (a chip core's arbiter): at most one spike per group per step; 0 = none. */
  arbitration: number;
}
export const NO_CHIP_OPTIONS: ChipOptions = { refractory: 0, softWidth: 0, arbitration: 0 };
export type Nonlinearity = 'tanh' | 'sigmoid';
export const NONLINEARITIES: readonly Nonlinearity[] = ['tanh', 'sigmoid'];

export interface Dendrites {
  /** Number of nonlinear dendrites (rows of M). */
  K: number;
  /** K x J projections, row-major: Phi_k = phi(M_k . xhat + theta_k). */
  M: number[];
  theta: number[];
  phi: Nonlinearity;
  /** Append xhat itself to the basis (the linear terms). */
  linear: boolean;
}

export interface NetworkSpec {
  kind: 'ebnkit-network';
  version: 1;
  /** State dimensions. */
  J: number;
  /** Neurons. */
  N: number;
  /** Decoder, N x J row-major: row i is neuron i's decoding vector D_i. */
  D: number[];
  /** Quadratic and linear rate costs of the loss. */
  mu: number;
  nu: number;
  /** Leak of the filtered trains and of the voltages, 1/s. */
  lam: number;
  lamV: number;
  /** Euler step, s. */
  dt: number;
  dendrites: Dendrites;
  /** Slow weights, N x B row-major, B = K (+ J with linear terms). */
  Os: number[];
  /** Error-feedback gain k (1/s) and learning rate eta, used when turned on. */
  k: number;
  eta: number;
  /** Voltage noise sigma (V units per sqrt(s)); each step adds uniform noise of that variance. */
  noise: number;
  policy: SpikePolicy;
  /** Options of the `parallel` rule (absent = all zero); refused with any other policy. */
  chip?: ChipOptions;
  seed: number;
}

/** A spec's chip options, zeros when absent. */
export const chipOptions = (s: Pick<NetworkSpec, 'chip'>): ChipOptions => ({ ...NO_CHIP_OPTIONS, ...(s.chip ?? {}) });

export class SpecError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'SpecError';
  }
}

export const basisSize = (s: Pick<NetworkSpec, 'J' | 'dendrites'>): number =>
  s.dendrites.K + (s.dendrites.linear ? s.J : 0);

export interface CreateOptions {
  dims?: number;
  neurons?: number;
  dendrites?: number;
  linear?: boolean;
  phi?: Nonlinearity;
  /** Per-dimension [lo, hi] box the dendrites should cover. */
  domain?: [number, number][];
  /** Norm of each decoder column D_i. */
  decoderNorm?: number;
  /** mu and nu as fractions of |D_i|^2 (DESIGN.md: ~0.01 works; large mu biases the dynamics). */
  muRel?: number;
  nuRel?: number;
  lam?: number;
  lamV?: number;
  dt?: number;
  k?: number;
  eta?: number;
  noise?: number;
  policy?: SpikePolicy;
  /**
   * Chip options of the `parallel` rule, soft width relative to the mean
   * |D_i|^2; missing fields (or all, when absent) take PARALLEL_DEFAULTS
   * and the soft width softDefault(N, J).
   * Ignored by the other rules.
   */
  chip?: RelativeChipOptions;
  /** Dendrite gains are drawn uniformly from this range (in units of the domain's half-width). */
  gain?: [number, number];
  seed?: number;
}

/**
 * Build a network with random decoders and dendrites and zero slow weights.
 * Defaults follow the float64 trials of DESIGN.md section 2.
 */
export function createNetwork(o: CreateOptions = {}): NetworkSpec {
  const J = o.dims ?? 2;
  const N = o.neurons ?? 50;
  const K = o.dendrites ?? 100;
  const seed = o.seed ?? 1;
  // checked, not coerced: -5 used to become 4294967291, NaN and 2^40 became 0 (issue 14, F13)
  checkInt('seed', seed, 0, 0xffffffff);
  const rnd = new Random(seed);
  const norm = o.decoderNorm ?? 0.1;
  checkInt('dims', J, 1, 64);
  checkInt('neurons', N, 1, 65535);
  checkInt('dendrites', K, 0, 65535);
  const domain = o.domain ?? Array.from({ length: J }, (): [number, number] => [-1, 1]);
  if (domain.length !== J) throw new SpecError('domain', `has ${domain.length} ranges; expected one [lo, hi] per dimension (${J})`);
  domain.forEach(([lo, hi], j) => {
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) throw new SpecError(`domain[${j}]`, `[${lo}, ${hi}] is not a finite range with hi > lo`);
  });
  const D: number[] = [];
  for (let i = 0; i < N; i++) D.push(...randomDirection(rnd, J).map((v) => v * norm));
  const [gLo, gHi] = o.gain ?? [1, 3];
  const M: number[] = [];
  const theta: number[] = [];
  for (let k = 0; k < K; k++) {
    // a tanh edge in a random direction u, steepness g over the normalised box,
    // placed so that it crosses the box: g*u.z + b with b in [-g, g]
    const u = randomDirection(rnd, J);
    const g = rnd.range(gLo, gHi);
    const b = rnd.range(-g, g);
    let th = b;
    for (let j = 0; j < J; j++) {
      const [lo, hi] = domain[j]!;
      const m = (g * u[j]!) / ((hi - lo) / 2);
      M.push(m);
      th -= m * ((hi + lo) / 2);
    }
    theta.push(th);
  }
  const linear = o.linear ?? true;
  const B = K + (linear ? J : 0);
  const spec: NetworkSpec = {
    kind: 'ebnkit-network',
    version: 1,
    J,
    N,
    D,
    mu: (o.muRel ?? 0.01) * norm * norm,
    nu: (o.nuRel ?? 0.01) * norm * norm,
    lam: o.lam ?? 10,
    lamV: o.lamV ?? o.lam ?? 10,
    dt: o.dt ?? 5e-4,
    dendrites: { K, M, theta, phi: o.phi ?? 'tanh', linear },
    Os: new Array<number>(N * B).fill(0),
    k: o.k ?? 100,
    eta: o.eta ?? 1,
    noise: o.noise ?? 0,
    policy: o.policy ?? 'winner',
    ...(o.policy === 'parallel' ? { chip: chipFromRelative(o.chip ?? {}, meanDecoderSq(D, N, J), N, J) } : {}),
    seed: seed >>> 0,
  };
  return validateSpec(spec);
}

function randomDirection(rnd: Random, J: number): number[] {
  for (;;) {
    const v = Array.from({ length: J }, () => rnd.normal());
    const n = Math.hypot(...v);
    if (n > 1e-9) return v.map((x) => x / n);
  }
}

function checkInt(field: string, v: unknown, lo: number, hi: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi)
    throw new SpecError(field, `${shown(v)} is not an integer in [${lo}, ${hi}]`);
}

function checkNum(field: string, v: unknown, lo: number, hi: number, loOpen = false, hiOpen = false): void {
  const ok =
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (loOpen ? v > lo : v >= lo) &&
    (hiOpen ? v < hi : v <= hi);
  if (!ok) {
    const range = `${loOpen ? '(' : '['}${lo}, ${hi}${hiOpen ? ')' : ']'}`;
    throw new SpecError(field, `${shown(v)} is not a finite number in ${range}`);
  }
}

/**
 * Weights and offsets must fit the kernel's Q7.24, [-128, 128): a value
 * outside would be clipped into another network without a word (issue 14,
 * F13). The lower end is included: -128 is a Q7.24 word (found by fuzzing: a
 * model holding it loaded but could not be saved again).
 */
export const MAX_WEIGHT = 128;

function checkArray(field: string, a: unknown, length: number): void {
  if (!Array.isArray(a)) throw new SpecError(field, `must be an array of ${length} numbers`);
  if (a.length !== length) throw new SpecError(field, `has ${a.length} entries; expected ${length}`);
  const bad = a.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
  if (bad >= 0) throw new SpecError(`${field}[${bad}]`, `${shown(a[bad])} is not a finite number`);
  const big = a.findIndex((x) => (x as number) < -MAX_WEIGHT || (x as number) >= MAX_WEIGHT);
  if (big >= 0) throw new SpecError(`${field}[${big}]`, `${shown(a[big])} is outside [-${MAX_WEIGHT}, ${MAX_WEIGHT}), the range of the kernel's Q7.24 weights`);
}

/** Largest lam*dt (and lamV*dt, k*dt, eta*dt) the Euler step accepts. */
export const MAX_RATE_DT = 0.1;

/**
 * Check every field; returns the spec or throws a SpecError naming the field
 * and the accepted range. Nothing is coerced.
 */
export function validateSpec(s: NetworkSpec): NetworkSpec {
  if (s === null || typeof s !== 'object') throw new SpecError('spec', 'must be an object');
  if (s.kind !== 'ebnkit-network') throw new SpecError('kind', `"${shown(s.kind)}" is not "ebnkit-network"`);
  if (s.version !== 1) throw new SpecError('version', `${shown(s.version)} is not supported (accepted: 1)`);
  checkInt('J', s.J, 1, 64);
  checkInt('N', s.N, 1, 65535);
  checkArray('D', s.D, s.N * s.J);
  for (let i = 0; i < s.N; i++) {
    let n2 = 0;
    for (let j = 0; j < s.J; j++) n2 += s.D[i * s.J + j]! ** 2;
    if (!(n2 > 0)) throw new SpecError(`D[${i}]`, 'decoder column is zero; every neuron needs a nonzero D_i');
    if (Math.sqrt(n2) >= 8) throw new SpecError(`D[${i}]`, `norm ${Math.sqrt(n2)} is not below 8 (fast weights |D|^2 must fit Q7.24)`);
  }
  checkNum('mu', s.mu, 0, 1);
  checkNum('nu', s.nu, 0, 1);
  checkNum('dt', s.dt, 0, 0.01, true);
  checkNum('lam', s.lam, 0, MAX_RATE_DT / s.dt, true, true);
  checkNum('lamV', s.lamV, 0, MAX_RATE_DT / s.dt, false, true);
  const d = s.dendrites;
  if (d === null || typeof d !== 'object') throw new SpecError('dendrites', 'must be an object {K, M, theta, phi, linear}');
  checkInt('dendrites.K', d.K, 0, 65535);
  checkArray('dendrites.M', d.M, d.K * s.J);
  checkArray('dendrites.theta', d.theta, d.K);
  if (!NONLINEARITIES.includes(d.phi)) throw new SpecError('dendrites.phi', `"${shown(d.phi)}" is not one of ${NONLINEARITIES.join(', ')}`);
  if (typeof d.linear !== 'boolean') throw new SpecError('dendrites.linear', 'must be true or false');
  if (basisSize(s) < 1) throw new SpecError('dendrites', 'the basis is empty: set K >= 1 or linear = true');
  checkArray('Os', s.Os, s.N * basisSize(s));
  checkNum('k', s.k, 0, 1 / s.dt, false, true);
  checkNum('eta', s.eta, 0, 1 / s.dt, false, true);
  checkNum('noise', s.noise, 0, 100);
  if (!SPIKE_POLICIES.includes(s.policy)) throw new SpecError('policy', `"${shown(s.policy)}" is not one of ${SPIKE_POLICIES.join(', ')}`);
  if (s.chip !== undefined) validateChip(s);
  checkInt('seed', s.seed, 0, 0xffffffff);
  return s;
}

function validateChip(s: NetworkSpec): void {
  const c = s.chip as unknown;
  if (c === null || typeof c !== 'object' || Array.isArray(c)) throw new SpecError('chip', 'must be an object {refractory, softWidth, arbitration}');
  const extra = Object.keys(c).filter((k) => !(k in NO_CHIP_OPTIONS));
  if (extra.length) throw new SpecError(`chip.${extra[0]}`, `is not a chip option (accepted: ${Object.keys(NO_CHIP_OPTIONS).join(', ')})`);
  const o = chipOptions(s);
  checkInt('chip.refractory', o.refractory, 0, 255);
  checkNum('chip.softWidth', o.softWidth, 0, 100);
  checkInt('chip.arbitration', o.arbitration, 0, s.N);
  if (s.policy !== 'parallel' && (o.refractory !== 0 || o.softWidth !== 0 || o.arbitration !== 0))
    throw new SpecError('chip', `refractory, softWidth and arbitration apply to policy "parallel" only; this spec's policy is "${s.policy}" (set them to 0 or use policy "parallel")`);
}

/** Deep copy (specs are plain data). */
export const cloneSpec = (s: NetworkSpec): NetworkSpec => structuredClone(s);

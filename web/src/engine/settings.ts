// What the user chooses before building a network, with the ranges the page
// accepts. One validator, used by the form (inline errors) and the worker.
import { getSystem, SPIKE_POLICIES, SYSTEMS, TRAIN_DEFAULTS, type DynamicalSystem, type RelativeChipOptions, type SpikePolicy, type SystemKind } from '../../../src/index.js';
import { chipOptionProblem, CHIP_OPTION_LIMITS } from '../../../src/spike-rule.js';

/** The parallel rule's options, as the form and the link name them (the CLI's --soft, --refractory, --arbitration). */
export const CHIP_FIELDS = Object.keys(CHIP_OPTION_LIMITS) as (keyof RelativeChipOptions)[];

/** A vector field typed by the user: dx/dt = f(x) + c, one expression per dimension. */
export interface UserSystemSource {
  name: string;
  dims: number;
  /** Expressions in x1..x3 (see expr.ts). */
  f: string[];
  domain: [number, number][];
  kind: SystemKind;
  /** Characteristic time (a period, a settling time), s. */
  timeScale: number;
}

export type SystemChoice = { builtin: string } | { custom: UserSystemSource };

export interface Settings {
  system: SystemChoice;
  N: number;
  K: number;
  /** Euler step, s. */
  dt: number;
  policy: SpikePolicy;
  /** Options of the `parallel` rule (soft width relative to |D_i|^2); missing ones take PARALLEL_DEFAULTS, as on the CLI. Ignored by the other rules. */
  chip?: RelativeChipOptions;
  format: string;
  seed: number;
  /** Simulated training time, s. */
  seconds: number;
  /** Feedback gain (1/s) and learning rate at the start of training. */
  k: number;
  eta: number;
}

export const FORMAT_NAMES = ['q24', 'w16', 'loihi', 'xylo'] as const;
export const LIMITS = {
  N: [1, 400],
  K: [0, 400],
  dtMs: [0.05, 2],
  seed: [0, 2 ** 31 - 1],
  seconds: [1, 3600],
  k: [0, 1000],
  eta: [0, 1000],
} as const;

/** Field name -> message; empty when the settings are acceptable. */
export type FieldErrors = Record<string, string>;

export function validateSettings(s: Settings): FieldErrors {
  const e: FieldErrors = {};
  const int = (f: keyof typeof LIMITS, v: number) => {
    const [lo, hi] = LIMITS[f];
    if (!Number.isInteger(v) || v < lo || v > hi) e[f] = `must be a whole number from ${lo} to ${hi}`;
  };
  const num = (f: keyof typeof LIMITS, v: number) => {
    const [lo, hi] = LIMITS[f];
    if (!Number.isFinite(v) || v < lo || v > hi) e[f] = `must be a number from ${lo} to ${hi}`;
  };
  int('N', s.N);
  int('K', s.K);
  int('seed', s.seed);
  num('dtMs', s.dt * 1000);
  num('seconds', s.seconds);
  num('k', s.k);
  num('eta', s.eta);
  if (!SPIKE_POLICIES.includes(s.policy)) e.policy = `must be one of ${SPIKE_POLICIES.join(', ')}`;
  // the parallel rule's options: the CLI's ranges (src/spike-rule.ts); the spec then checks arbitration <= N
  if (s.policy === 'parallel')
    for (const f of CHIP_FIELDS) {
      const v = s.chip?.[f];
      const problem = v === undefined ? null : chipOptionProblem(f, v);
      if (problem) e[f] = problem;
    }
  if (!(FORMAT_NAMES as readonly string[]).includes(s.format)) e.format = `must be one of ${FORMAT_NAMES.join(', ')}`;
  if ('builtin' in s.system && !SYSTEMS[s.system.builtin]) e.system = `unknown system "${s.system.builtin}"`;
  // the Euler step's stability limits (validateSpec): rates times dt below 0.1
  if (!e.k && !e.dtMs && s.k * s.dt >= 0.1) e.k = `k × dt must stay below 0.1 (k < ${(0.1 / s.dt).toFixed(0)} at dt ${s.dt * 1000} ms)`;
  if (!e.eta && !e.dtMs && s.eta * s.dt >= 0.1) e.eta = `eta × dt must stay below 0.1 (eta < ${(0.1 / s.dt).toFixed(0)} at dt ${s.dt * 1000} ms)`;
  return e;
}

/**
 * A built-in system for reading its description and defaults. getSystem
 * builds it afresh each call, with its automatic configuration (a field
 * probe and simulations, up to half a second each): the form asks often
 * (descriptions, defaults, the training-length hint), so it keeps one each.
 */
const builtins = new Map<string, DynamicalSystem>();
export function builtinSystem(name: string): DynamicalSystem {
  let s = builtins.get(name);
  if (!s) builtins.set(name, (s = getSystem(name)));
  return s;
}

/**
 * What training will really run: whole trials of the system's trial length
 * (the library's Trainer rounds duration / trialLength to the nearest whole
 * number, at least one), so 5 s of 2-s trials trains 6 s.
 */
export function trialPlan(sys: DynamicalSystem, seconds: number): { trialLength: number; trials: number; seconds: number } {
  const trialLength = sys.training?.trialLength ?? TRAIN_DEFAULTS.trialLength;
  const trials = Math.max(1, Math.round(seconds / trialLength));
  return { trialLength, trials, seconds: +(trials * trialLength).toPrecision(12) };
}

/** A quick demo's training length: about a fifth of the full one, in whole trials, at least 20 s. */
export function quickSeconds(sys: DynamicalSystem): number {
  const full = trialPlan(sys, sys.training?.duration ?? TRAIN_DEFAULTS.duration);
  return trialPlan(sys, Math.max(20, full.seconds / 5)).seconds;
}

/** The defaults a built-in system suggests (network and training options, the CLI's), as form values. */
export function systemDefaults(name: string, quick = false): Omit<Settings, 'system' | 'policy' | 'format' | 'seed'> {
  const sys = builtinSystem(name);
  const net = (sys.network ?? {}) as { dendrites?: number; dt?: number; neurons?: number };
  const tr = { ...TRAIN_DEFAULTS, ...(sys.training ?? {}) };
  return {
    N: net.neurons ?? 50,
    K: net.dendrites ?? 100,
    dt: net.dt ?? 5e-4,
    // what the CLI trains (whole trials), or the quick demo's length
    seconds: quick ? quickSeconds(sys) : trialPlan(sys, tr.duration).seconds,
    k: tr.k,
    eta: tr.eta,
  };
}

export const DEFAULT_SETTINGS: Settings = {
  system: { builtin: 'vanderpol' },
  ...systemDefaults('vanderpol'),
  policy: 'winner',
  format: 'q24',
  seed: 1,
};

/** A 2-D example for the custom-system form: a Hopf oscillator (radius 1, about 1 s period). */
export const EXAMPLE_CUSTOM: UserSystemSource = {
  name: 'hopf',
  dims: 2,
  f: ['(1 - x1^2 - x2^2)*x1*4 - 6*x2', '(1 - x1^2 - x2^2)*x2*4 + 6*x1', 'x3*(1 - x3^2)*5'],
  domain: [[-1.5, 1.5], [-1.5, 1.5], [-1.5, 1.5]],
  kind: 'limit-cycle',
  timeScale: 1.05,
};

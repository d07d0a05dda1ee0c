// The suite's systems: the five built-ins and user-style definitions
// (scripts/suite/systems/*.mjs, loaded through `ebnkit train <file>` exactly
// as a user's module). `tuned`: whether a rule of the automatic path was
// changed, or checked, on the system's development runs (docs/suite.md tells
// which and how); only rossler never shaped a rule (allee-1d's development seeds were among the evidence for the time normalisation of round 6).
export interface SuiteEntry {
  name: string;
  target: string;
  kind: string;
  dims: number;
  tuned: boolean;
  /** Characteristic period or time, s, and state scale (largest |x| of interest), for the coverage table. */
  period: string;
  scale: string;
}

const mod = (n: string) => `scripts/suite/systems/${n}.mjs`;

export const SUITE: SuiteEntry[] = [
  { name: 'vanderpol', target: 'vanderpol', kind: 'limit-cycle', dims: 2, tuned: true, period: '1.0 s', scale: '2' },
  { name: 'linear', target: 'linear', kind: 'linear', dims: 2, tuned: true, period: '0.75 s', scale: '3' },
  { name: 'bistable', target: 'bistable', kind: 'fixed-points', dims: 2, tuned: true, period: '~1 s', scale: '3' },
  { name: 'lorenz', target: 'lorenz', kind: 'chaotic', dims: 3, tuned: true, period: '~0.6 s', scale: '50' },
  { name: 'pendulum', target: 'pendulum', kind: 'driven', dims: 2, tuned: true, period: '0.63 s', scale: '2' },
  { name: 'hopf-fast', target: mod('hopf-fast'), kind: 'limit-cycle', dims: 2, tuned: true, period: '0.1 s', scale: '0.01' },
  { name: 'fhn-slow', target: mod('fhn-slow'), kind: 'limit-cycle', dims: 2, tuned: true, period: '5 s', scale: '2' },
  { name: 'allee-1d', target: mod('allee-1d'), kind: 'fixed-points', dims: 1, tuned: true, period: '~1 s', scale: '100' },
  { name: 'lotka-volterra', target: mod('lotka-volterra'), kind: 'conservative', dims: 2, tuned: true, period: '~3 s', scale: '50' },
  { name: 'pendulum-free', target: mod('pendulum-free'), kind: 'conservative', dims: 2, tuned: true, period: '~1 s', scale: '10' },
  { name: 'rossler', target: mod('rossler'), kind: 'chaotic', dims: 3, tuned: false, period: '~1.2 s', scale: '20' },
  { name: 'springs-4d', target: mod('springs-4d'), kind: 'linear', dims: 4, tuned: true, period: '~0.7 s', scale: '0.05' },
  { name: 'tanks-3d', target: mod('tanks-3d'), kind: 'driven', dims: 3, tuned: true, period: '~4 s', scale: '9' },
];

/** Seeds the suite reports; development and tests use 1-10 only. */
export const SUITE_SEEDS = [101, 102, 103, 104, 105];

/**
 * Variants of the suite: the same systems and seeds with extra `train`
 * options (`flags`: the same as the CLI spells them, for the reports). Each
 * has its own sweep file and store (sweeps/<stem>.yaml, .results.jsonl),
 * report (docs/<stem>.md, .json) and README block (marker <stem>).
 */
export interface SuiteVariant {
  name: string;
  stem: string;
  options: Record<string, string>;
  /** The train flags of every job as the CLI spells them (`--no-search` unless the variant searches). */
  flags: string[];
  /** Whether the self-check's search runs (it does at `ebnkit train`'s defaults; the suite's other variants turn it off for cost). */
  search: boolean;
  title: string;
}
const variant = (name: string, stem: string, options: Record<string, string>, title: string, search = false): SuiteVariant => ({
  name,
  stem,
  options,
  flags: [...(search ? [] : ['--no-search']), ...Object.entries(options).flatMap(([k, v]) => [`--${k}`, v])],
  search,
  title,
});
export const VARIANTS: SuiteVariant[] = [
  variant('winner', 'suite', {}, 'the MCU rule (`winner`, one spike per step, no delay)'),
  variant('parallel', 'suite-parallel', { policy: 'parallel' }, 'the chip rule (`parallel`: every neuron may spike, one-step delay, soft threshold at its default)'),
  variant('search', 'suite-search', {}, 'the MCU rule with the self-check and its search on (`ebnkit train` exactly at its defaults)', true),
];
export function suiteVariant(name: string): SuiteVariant {
  const v = VARIANTS.find((x) => x.name === name);
  if (!v) throw new RangeError(`--variant: "${name}" is not one of ${VARIANTS.map((x) => x.name).join(', ')}`);
  return v;
}

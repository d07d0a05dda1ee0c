// A user-typed vector field becomes a DynamicalSystem through the library's
// defineSystem (the same validation as a system module on the command line),
// and prints as such a module, so that `ebnkit eval model.ebn --system
// <name>.system.mjs` can assess a network trained on it.
import { defineSystem, type DynamicalSystem, type SystemKind } from '../../../src/index.js';
import { ExprError, parse, compile, toJS } from './expr.js';
import type { UserSystemSource } from './settings.js';

/** A problem with one form field (f1, domain2, name, ...). */
export class FieldError extends Error {
  override name = 'FieldError';
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export const SYSTEM_KINDS: readonly SystemKind[] = ['limit-cycle', 'fixed-points', 'chaotic', 'linear'];

function check(src: UserSystemSource) {
  if (!/^[a-z][a-z0-9_-]{0,31}$/i.test(src.name ?? '')) throw new FieldError('name', 'must be 1–32 letters, digits, - or _, starting with a letter');
  if (![1, 2, 3].includes(src.dims)) throw new FieldError('dims', 'must be 1, 2 or 3');
  if (!SYSTEM_KINDS.includes(src.kind)) throw new FieldError('kind', `must be one of ${SYSTEM_KINDS.join(', ')}`);
  if (!(Number.isFinite(src.timeScale) && src.timeScale >= 0.01 && src.timeScale <= 100)) throw new FieldError('timeScale', 'must be a number of seconds from 0.01 to 100');
  for (let j = 0; j < src.dims; j++) {
    const [lo, hi] = src.domain[j] ?? [NaN, NaN];
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) throw new FieldError(`domain${j + 1}`, 'needs finite bounds with lo < hi');
    if (Math.max(Math.abs(lo), Math.abs(hi)) > 100) throw new FieldError(`domain${j + 1}`, 'must stay within ±100 (the kernel holds states in Q7.24, below 128)');
  }
  const trees = Array.from({ length: src.dims }, (_, j) => {
    try {
      return parse(src.f[j] ?? '', src.dims);
    } catch (e) {
      if (e instanceof ExprError) throw new FieldError(`f${j + 1}`, e.message);
      throw e;
    }
  });
  return trees;
}

/**
 * Parse, compile and check the field over its domain, without the automatic
 * configuration (which takes up to a second): cheap enough for the form to
 * run on every keystroke. Throws FieldError naming the form field.
 */
export function checkUserSystem(src: UserSystemSource): { f: (x: number[]) => number[]; domain: [number, number][] } {
  const fns = check(src).map(compile);
  const domain = src.domain.slice(0, src.dims) as [number, number][];
  const f = (x: number[]) => fns.map((g) => g(x));
  // the field must be finite over the box, not only at its centre (defineSystem's probe)
  const probes = corners(domain);
  for (const p of probes) {
    const y = f(p);
    const j = y.findIndex((v) => !Number.isFinite(v));
    if (j >= 0) throw new FieldError(`f${j + 1}`, `is not finite at x = (${p.map((v) => +v.toFixed(3)).join(', ')}): keep it defined over the whole domain`);
  }
  // a field that is zero at every probe has no flow to learn (and no time scale for the automatic configuration)
  if (probes.every((p) => f(p).every((v) => v === 0))) throw new FieldError('f1', 'is zero everywhere: the network would have nothing to learn; type a field that moves the state');
  return { f, domain };
}

/** Check, then define and configure the system (src/auto/configure.ts); throws FieldError naming the form field. */
export function buildUserSystem(src: UserSystemSource): DynamicalSystem {
  const { f, domain } = checkUserSystem(src);
  try {
    return defineSystem({
      name: src.name,
      dims: src.dims,
      f,
      domain,
      kind: src.kind,
      timeScale: src.timeScale,
      description: `user-defined: ${src.f.slice(0, src.dims).map((e, j) => `dx${j + 1}/dt = ${e}`).join('; ')}`,
    });
  } catch (e) {
    // the library's own checks name the system ("system x: ..."); anything else is the automatic configuration failing on this field
    const msg = (e as Error).message;
    throw new FieldError('name', /^system /.test(msg) ? msg : `the automatic configuration could not handle this field (${msg}); check that the flow stays finite and moves within the domain`);
  }
}

function corners(domain: [number, number][]): number[][] {
  let pts: number[][] = [[]];
  for (const [lo, hi] of domain) pts = pts.flatMap((p) => [[...p, lo], [...p, (lo + hi) / 2], [...p, hi]]);
  return pts;
}

/** A module the CLI can load with --system (default export: a defineSystem definition). */
export function userSystemModule(src: UserSystemSource): string {
  const trees = check(src);
  const domain = src.domain.slice(0, src.dims);
  return [
    `// ${src.name}: a vector field typed into the ebnkit playground.`,
    `// Use it with the model: ebnkit eval model.ebn --system ${src.name}.system.mjs`,
    ...src.f.slice(0, src.dims).map((e, j) => `//   dx${j + 1}/dt = ${e.replace(/[\r\n]/g, ' ')}`),
    'export default {',
    `  name: ${JSON.stringify(src.name)},`,
    `  dims: ${src.dims},`,
    `  kind: ${JSON.stringify(src.kind)},`,
    `  timeScale: ${src.timeScale},`,
    `  domain: ${JSON.stringify(domain)},`,
    `  f: (x) => [${trees.map(toJS).join(', ')}],`,
    '};',
    '',
  ].join('\n');
}

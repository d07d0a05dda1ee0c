// Per-dimension normalisation (DESIGN.md "automatic configuration"): the
// network never sees the user's units. With m the centre of the domain box and
// S = diag(half-width / Z), it learns the transformed system
//   z = S^-1 (x - m),   dz/dt = S^-1 F(m + S z) + S^-1 c,
// whose domain is the box [-Z, Z]^J whatever the units. Z = 2.5 puts the
// state a few tens of decoder lengths (|D_i| = 0.1) from the origin: fine
// enough readout, far from the kernel's Q7.24 range of +-128.
import type { DynamicalSystem } from '../systems/system.js';

/** Half-width of the normalised domain box. */
export const Z = 2.5;

export interface Transform {
  /** m: centre of the domain, user units. */
  offset: number[];
  /** S: user units per normalised unit, per dimension. */
  scale: number[];
}

export function transformFor(domain: [number, number][]): Transform {
  return {
    offset: domain.map(([lo, hi]) => (lo + hi) / 2),
    scale: domain.map(([lo, hi]) => (hi - lo) / 2 / Z),
  };
}

export const toUser = (t: Transform, z: ArrayLike<number>): number[] => Array.from(z, (v, j) => t.offset[j]! + t.scale[j]! * v);
export const toNormal = (t: Transform, x: ArrayLike<number>): number[] => Array.from(x, (v, j) => (v - t.offset[j]!) / t.scale[j]!);
const box = (t: Transform, b: [number, number][]): [number, number][] => b.map(([lo, hi], j) => [(lo - t.offset[j]!) / t.scale[j]!, (hi - t.offset[j]!) / t.scale[j]!]);

/** A trajectory (steps x J) from normalised to user units, in place. */
export function trajectoryToUser(t: Transform, a: Float64Array): Float64Array {
  const J = t.scale.length;
  for (let i = 0; i < a.length; i++) a[i] = t.offset[i % J]! + t.scale[i % J]! * a[i]!;
  return a;
}

/**
 * The system in normalised coordinates: field, boxes, commands and the
 * invariant all go through the transform; everything else is kept.
 */
export function normalise<S extends DynamicalSystem>(sys: S, t = transformFor(sys.domain)): S & { transform: Transform } {
  const J = sys.dims;
  const x = new Float64Array(J);
  const F = new Float64Array(J);
  const { offset: m, scale: s } = t;
  const out: S & { transform: Transform } = {
    ...sys,
    transform: t,
    field(z, o) {
      for (let j = 0; j < J; j++) x[j] = m[j]! + s[j]! * z[j]!;
      sys.field(x, F);
      for (let j = 0; j < J; j++) o[j] = F[j]! / s[j]!;
    },
    domain: box(t, sys.domain),
    starts: box(t, sys.starts),
    ...(sys.evalStarts ? { evalStarts: box(t, sys.evalStarts) } : {}),
  };
  if (sys.command) {
    const cmd = sys.command;
    out.command = (rnd, steps, dt) => {
      const c = cmd(rnd, steps, dt);
      for (let i = 0; i < c.length; i++) c[i] = c[i]! / s[i % J]!;
      return c;
    };
  }
  if (sys.invariant) {
    const H = sys.invariant;
    const xx = new Array<number>(J).fill(0);
    out.invariant = (z) => {
      for (let j = 0; j < J; j++) xx[j] = m[j]! + s[j]! * z[j]!;
      return H(xx);
    };
  }
  return out;
}

/** F(x) in user units for a normalised system: S G(S^-1 (x - m)) (the identity without a transform). */
export function userField(sys: Pick<DynamicalSystem, 'dims' | 'field' | 'transform'>, x: ArrayLike<number>): number[] {
  const out = new Float64Array(sys.dims);
  const t = sys.transform;
  sys.field(t ? toNormal(t, x) : x, out);
  return Array.from(out, (v, j) => (t ? t.scale[j]! * v : v));
}

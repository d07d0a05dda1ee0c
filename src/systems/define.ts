// User-defined systems: the same shape as the built-ins, validated, so a
// system from the API or from a module on the command line is treated exactly
// like a built-in one.
import type { DynamicalSystem, SystemKind } from './system.js';

export interface SystemDefinition {
  name: string;
  dims: number;
  /** dx/dt = f(x) + c: return f(x) (an array of `dims` numbers). */
  f: (x: number[]) => ArrayLike<number>;
  /** [lo, hi] per dimension: the box the dendrites cover. */
  domain: [number, number][];
  starts?: [number, number][];
  kind?: SystemKind;
  description?: string;
  timeScale?: number;
  inputStd?: number;
  inputTau?: number;
  network?: Record<string, unknown>;
  training?: Record<string, number>;
}

const KINDS: readonly SystemKind[] = ['linear', 'limit-cycle', 'fixed-points', 'chaotic', 'driven'];

export function defineSystem(d: SystemDefinition): DynamicalSystem {
  const bad = (field: string, msg: string): never => {
    throw new RangeError(`system ${JSON.stringify(d?.name ?? '?')}: ${field}: ${msg}`);
  };
  if (!d || typeof d !== 'object') bad('definition', 'must be an object {name, dims, f, domain}');
  if (typeof d.name !== 'string' || !/^[a-z][a-z0-9_-]{0,31}$/i.test(d.name)) bad('name', 'must be 1-32 letters, digits, - or _, starting with a letter');
  if (!Number.isInteger(d.dims) || d.dims < 1 || d.dims > 64) bad('dims', `${String(d.dims)} is not an integer in [1, 64]`);
  if (typeof d.f !== 'function') bad('f', 'must be a function x => dx/dt');
  const box = (field: string, b: unknown) => {
    if (!Array.isArray(b) || b.length !== d.dims) bad(field, `must have one [lo, hi] per dimension (${d.dims})`);
    (b as unknown[]).forEach((r, j) => {
      const ok = Array.isArray(r) && r.length === 2 && Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[1] > r[0];
      if (!ok) bad(`${field}[${j}]`, `${JSON.stringify(r)} is not a finite [lo, hi] with hi > lo`);
    });
  };
  box('domain', d.domain);
  if (d.starts) box('starts', d.starts);
  if (d.kind !== undefined && !KINDS.includes(d.kind)) bad('kind', `"${d.kind}" is not one of ${KINDS.join(', ')}`);
  const probe = d.domain.map(([lo, hi]) => (lo + hi) / 2);
  const y = d.f(probe);
  if (!y || y.length !== d.dims || !Array.from(y).every(Number.isFinite))
    bad('f', `f(${JSON.stringify(probe)}) must return ${d.dims} finite numbers; got ${JSON.stringify(Array.from(y ?? []))}`);
  const f = d.f;
  const buf: number[] = new Array<number>(d.dims).fill(0);
  return {
    name: d.name,
    description: d.description ?? `user-defined ${d.dims}-D system ${d.name}`,
    kind: d.kind ?? 'limit-cycle',
    dims: d.dims,
    field(x, out) {
      for (let j = 0; j < d.dims; j++) buf[j] = x[j]!;
      const v = f(buf);
      for (let j = 0; j < d.dims; j++) out[j] = v[j]!;
    },
    domain: d.domain,
    starts: d.starts ?? d.domain.map(([lo, hi]) => [lo + 0.1 * (hi - lo), hi - 0.1 * (hi - lo)] as [number, number]),
    inputStd: d.inputStd ?? 2,
    inputTau: d.inputTau ?? 0.1,
    timeScale: d.timeScale ?? 1,
    ...(d.network ? { network: d.network } : {}),
    ...(d.training ? { training: d.training } : {}),
  };
}

// User-defined systems: the same shape as the built-ins, validated, then put
// through the one automatic configuration path (src/auto/configure.ts), so a
// system from the API or from a module on the command line is treated exactly
// like a built-in one. Only the definition is needed; anything the
// definition sets explicitly (network, training, mode, inputStd, inputTau,
// timeScale) wins over what is derived.
import { autoConfigure } from '../auto/configure.js';
import type { Random } from '../random.js';
import { SYSTEM_KINDS, type DynamicalSystem, type SystemKind } from './system.js';

export interface SystemDefinition {
  name: string;
  dims: number;
  /** dx/dt = f(x) + c: return f(x) (an array of `dims` numbers). */
  f: (x: number[]) => ArrayLike<number>;
  /** [lo, hi] per dimension: the box the state lives in (the network is normalised to it). */
  domain: [number, number][];
  starts?: [number, number][];
  kind?: SystemKind;
  description?: string;
  /** A characteristic time, s (a period, a settling time); derived from the field when absent. */
  timeScale?: number;
  inputStd?: number;
  inputTau?: number;
  /** Kernel execution mode (dense: what a chip runs; lowrank: faster); derived from the work when absent. */
  mode?: 'dense' | 'lowrank';
  /** Conservative systems: the quantity the flow keeps (e.g. energy). */
  invariant?: (x: number[]) => number;
  /** Driven/linear systems: commands for the unseen-input test, steps x dims, user units. */
  command?: (rnd: Random, steps: number, dt: number) => Float64Array;
  network?: Record<string, unknown>;
  training?: Record<string, number>;
}

/** The definition validated, in user units, before any configuration. */
export function rawSystem(d: SystemDefinition): DynamicalSystem {
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
  if (d.kind !== undefined && !SYSTEM_KINDS.includes(d.kind)) bad('kind', `"${d.kind}" is not one of ${SYSTEM_KINDS.join(', ')}`);
  if (d.mode !== undefined && d.mode !== 'dense' && d.mode !== 'lowrank') bad('mode', `"${String(d.mode)}" is not one of dense, lowrank`);
  if (d.timeScale !== undefined && !(Number.isFinite(d.timeScale) && d.timeScale > 0)) bad('timeScale', `${String(d.timeScale)} is not a positive number of seconds`);
  for (const k of ['invariant', 'command'] as const) if (d[k] !== undefined && typeof d[k] !== 'function') bad(k, 'must be a function');
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
    inputStd: 0,
    inputTau: 0.1,
    timeScale: d.timeScale ?? 1,
    ...(d.invariant ? { invariant: d.invariant } : {}),
    ...(d.command ? { command: d.command } : {}),
  };
}

/** A definition, validated and automatically configured (normalised units; see src/auto/). */
export function defineSystem(d: SystemDefinition): DynamicalSystem {
  const raw = rawSystem(d);
  return autoConfigure(raw, {
    ...(d.timeScale !== undefined ? { timeScale: d.timeScale } : {}),
    ...(d.network ? { network: d.network } : {}),
    ...(d.training ? { training: d.training } : {}),
    ...(d.mode ? { mode: d.mode } : {}),
    ...(d.inputStd !== undefined ? { inputStd: d.inputStd } : {}),
    ...(d.inputTau !== undefined ? { inputTau: d.inputTau } : {}),
  });
}

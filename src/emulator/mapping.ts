// Placement: units onto cores under the profile's limits. Cores are filled in
// order (neurons first, then basis units, then slow sums); a unit goes to the
// current core if every per-core limit still holds, else a new core is opened.
// When the network cannot fit, a FitError names the limit, by how much it is
// exceeded, and the smallest change to the network that fits.
import type { NetworkSpec } from '../spec.js';
import { GROUPS, kernelMemoryBytes, networkShape, shapeOf, unitBase, unitCount, unitFanIn, type DendriteForm, type Group, type NetworkShape, type SlowPath } from './network.js';
import { qv, qreq, type Profile } from './profile.js';

export type LimitName = 'unitsPerCore' | 'fanIn' | 'fanOut' | 'unitFanOut' | 'memory' | 'cores';

export interface MapOptions {
  slowPath?: SlowPath;
  /** Basis units as graded units (default) or as spiking compartments (capability.ts). */
  dendrites?: DendriteForm;
  /** Put at most this many units on a core (spread a network to see routing). */
  maxUnitsPerCore?: number;
  /** Weight bits stored per synapse (default: the profile's weight bits). */
  weightBits?: number;
}

export interface CoreAlloc {
  core: number;
  /** Mesh node (router) coordinates. */
  x: number;
  y: number;
  /** Units per group on this core. */
  units: Record<Group, number>;
  fanIn: number;
  fanOut: number;
  memoryBits: number;
  /** Fraction of each limit used (null where the profile sets no limit). */
  utilisation: Record<'units' | 'fanIn' | 'fanOut' | 'memory', number | null>;
}

export interface Mapping {
  profile: string;
  shape: NetworkShape;
  cores: CoreAlloc[];
  /** Core of each unit (ids as network.ts). */
  unitCore: Int32Array;
  /** Distinct destination cores of each unit. */
  unitDest: Int32Array[];
  nodesUsed: number;
  coresAvailable: number;
  /** kernel-image model: bytes the kernel needs. */
  kernelBytes?: number;
  warnings: string[];
}

export interface Suggestion {
  /** What to change: neurons N, dendrites K, the slow path, or the per-core cap. */
  field: 'N' | 'K' | 'slowPath' | 'maxUnitsPerCore';
  from: number | string;
  to: number | string;
  /** Relative size of the change (0..1), used to pick the smallest. */
  size: number;
  text: string;
}

export class FitError extends Error {
  override name = 'FitError';
  constructor(
    readonly limit: LimitName,
    readonly need: number,
    readonly have: number,
    readonly unit: string,
    readonly what: string,
    readonly profile: string,
    readonly suggestions: Suggestion[] = [],
  ) {
    super(FitError.text(limit, need, have, unit, what, profile, suggestions));
  }

  static text(limit: LimitName, need: number, have: number, unit: string, what: string, profile: string, s: Suggestion[]): string {
    const over = need - have;
    const pct = have > 0 ? ` (${((100 * over) / have).toFixed(0)}%)` : '';
    const best = s[0];
    const others = s.slice(1).map((x) => x.text);
    return (
      `does not fit ${profile}: ${limit} — ${what} needs ${need} ${unit}, the limit is ${have}: over by ${over} ${unit}${pct}` +
      (best ? `; smallest change that fits: ${best.text}${others.length ? ` (or ${others.join('; or ')})` : ''}` : '; no smaller network of this shape fits')
    );
  }

  /** Same error with suggestions attached. */
  withSuggestions(s: Suggestion[]): FitError {
    return new FitError(this.limit, this.need, this.have, this.unit, this.what, this.profile, s);
  }
}

const lim = (v: number | null): number => (v === null ? Infinity : v);

/** Synapse-memory bits for `sources` input axons with `targets` synapses each on one core (rows model). */
export function rowBits(p: Profile, sources: number, targets: number, weightBits: number): number {
  const sm = p.synapseMemory;
  if (sm.model !== 'rows' || sources === 0 || targets === 0) return 0;
  const chunk = qreq(sm.chunkSynapses, 'count', 'synapseMemory.chunkSynapses');
  const over = qreq(sm.chunkOverheadBits, 'memory', 'synapseMemory.chunkOverheadBits');
  const word = qreq(sm.wordBits, 'memory', 'synapseMemory.wordBits');
  const per = weightBits + qreq(sm.synapseBits, 'memory', 'synapseMemory.synapseBits');
  let bits = 0;
  for (let i = 0; i < targets; i += chunk) {
    const n = Math.min(chunk, targets - i);
    bits += Math.ceil((n * per + over) / word) * word;
  }
  return sources * bits;
}

interface CoreLoad {
  units: Record<Group, number>;
}

function coreFanIn(shape: NetworkShape, u: Record<Group, number>): number {
  const need = new Set<Group>();
  for (const g of GROUPS) if (u[g] > 0) for (const h of shape.inputs[g]) need.add(h);
  let n = 0;
  for (const h of need) n += shape.size[h];
  return n;
}

function coreMemory(p: Profile, shape: NetworkShape, u: Record<Group, number>, wb: number): number {
  let bits = 0;
  for (const h of GROUPS) {
    let targets = 0;
    for (const g of GROUPS) if (u[g] > 0 && shape.inputs[g].includes(h)) targets += u[g];
    bits += rowBits(p, shape.size[h], targets, wb);
  }
  return bits;
}

function nodeOf(p: Profile, core: number): { x: number; y: number; node: number } {
  const per = qreq(p.mesh.coresPerNode, 'count', 'mesh.coresPerNode');
  const w = qreq(p.mesh.width, 'count', 'mesh.width');
  const node = Math.floor(core / per);
  return { node, x: node % w, y: Math.floor(node / w) };
}

/** Place a network shape; throws a FitError (without suggestions) when a limit is broken. */
export function placeShape(shape: NetworkShape, p: Profile, o: MapOptions = {}): Mapping {
  const wb = o.weightBits ?? qreq(p.limits.weightBits, 'memory', 'limits.weightBits');
  const L = {
    units: Math.min(lim(qv(p.limits.unitsPerCore, 'count')), o.maxUnitsPerCore ?? Infinity),
    fanIn: lim(qv(p.limits.fanIn, 'count')),
    fanOut: lim(qv(p.limits.fanOut, 'count')),
    unitFanOut: lim(qv(p.limits.unitFanOut, 'count')),
    memory: lim(qv(p.limits.memory, 'memory')),
    cores: qreq(p.mesh.cores, 'count', 'mesh.cores'),
  };
  const total = unitCount(shape);
  const unitCore = new Int32Array(total);
  const warnings: string[] = [];
  const err = (limit: LimitName, need: number, have: number, unit: string, what: string) => new FitError(limit, need, have, unit, what, p.name);

  if (p.synapseMemory.model === 'kernel-image') {
    const bytes = kernelMemoryBytes(shape.N, shape.J, shape.K, shape.linear);
    if (bytes * 8 > L.memory) throw err('memory', bytes, L.memory / 8, 'bytes', `the kernel (image, state and one step of I/O)`);
    const units = { neuron: shape.size.neuron, basis: shape.size.basis, slowsum: shape.size.slowsum };
    const dest = Array.from({ length: total }, () => Int32Array.of(0));
    return {
      profile: p.name,
      shape,
      cores: [{ core: 0, x: 0, y: 0, units, fanIn: 0, fanOut: 0, memoryBits: bytes * 8, utilisation: { units: null, fanIn: null, fanOut: null, memory: (bytes * 8) / L.memory } }],
      unitCore,
      unitDest: dest,
      nodesUsed: 1,
      coresAvailable: L.cores,
      kernelBytes: bytes,
      warnings,
    };
  }

  // single-unit checks first: these no placement can fix
  for (const g of GROUPS) {
    if (shape.size[g] === 0) continue;
    const fi = unitFanIn(shape, g);
    if (fi > L.fanIn) throw err('fanIn', fi, L.fanIn, 'input axons', `one ${g} unit (inputs from ${shape.inputs[g].map((h) => `${shape.size[h]} ${h}`).join(' + ')})`);
    const one = { neuron: 0, basis: 0, slowsum: 0, [g]: 1 } as Record<Group, number>;
    const m = coreMemory(p, shape, one, wb);
    if (m > L.memory) throw err('memory', m, L.memory, 'bits', `one ${g} unit's synapses`);
  }

  const loads: CoreLoad[] = [];
  let cur: CoreLoad | null = null;
  let count = 0;
  for (const g of GROUPS) {
    for (let k = 0; k < shape.size[g]; k++) {
      const fits = (c: CoreLoad) => {
        const u = { ...c.units, [g]: c.units[g] + 1 };
        const n = u.neuron + u.basis + u.slowsum;
        return n <= L.units && coreFanIn(shape, u) <= L.fanIn && coreMemory(p, shape, u, wb) <= L.memory;
      };
      if (!cur || !fits(cur)) {
        cur = { units: { neuron: 0, basis: 0, slowsum: 0 } };
        loads.push(cur);
      }
      cur.units[g]++;
      unitCore[unitBase(shape, g) + k] = loads.length - 1;
      count++;
    }
  }
  if (loads.length > L.cores) throw err('cores', loads.length, L.cores, 'cores', `placing ${count} units (${shape.size.neuron} neurons, ${shape.size.basis} basis units${shape.size.slowsum ? `, ${shape.size.slowsum} slow sums` : ''})`);

  // destinations: the cores holding units that take this unit's group as input
  const coresWith = (g: Group) => {
    const s = new Set<number>();
    for (let k = 0; k < shape.size[g]; k++) s.add(unitCore[unitBase(shape, g) + k]!);
    return s;
  };
  const destOfGroup: Record<Group, Int32Array> = { neuron: new Int32Array(0), basis: new Int32Array(0), slowsum: new Int32Array(0) };
  for (const h of GROUPS) {
    const d = new Set<number>();
    for (const g of GROUPS) if (shape.size[g] > 0 && shape.inputs[g].includes(h)) for (const c of coresWith(g)) d.add(c);
    destOfGroup[h] = Int32Array.from([...d].sort((a, b) => a - b));
  }
  const unitDest: Int32Array[] = [];
  for (const g of GROUPS) for (let k = 0; k < shape.size[g]; k++) unitDest.push(destOfGroup[g]);
  for (const g of GROUPS) {
    if (shape.size[g] === 0) continue;
    const n = destOfGroup[g].length;
    if (n > L.unitFanOut) throw err('unitFanOut', n, L.unitFanOut, 'destination cores', `one ${g} unit (its targets sit on ${n} cores)`);
  }
  const cores: CoreAlloc[] = loads.map((c, i) => {
    const { x, y } = nodeOf(p, i);
    let fanOut = 0;
    for (const g of GROUPS) fanOut += c.units[g] * destOfGroup[g].length;
    const fanIn = coreFanIn(shape, c.units);
    const memoryBits = coreMemory(p, shape, c.units, wb);
    const n = c.units.neuron + c.units.basis + c.units.slowsum;
    const frac = (v: number, l: number) => (Number.isFinite(l) ? v / l : null);
    return {
      core: i, x, y, units: c.units, fanIn, fanOut, memoryBits,
      utilisation: { units: frac(n, lim(qv(p.limits.unitsPerCore, 'count'))), fanIn: frac(fanIn, L.fanIn), fanOut: frac(fanOut, L.fanOut), memory: frac(memoryBits, L.memory) },
    };
  });
  for (const c of cores) if (c.fanOut > L.fanOut) throw err('fanOut', c.fanOut, L.fanOut, 'output axons', `core ${c.core}`);
  const nodes = new Set(cores.map((c) => `${c.x},${c.y}`));
  return { profile: p.name, shape, cores, unitCore, unitDest, nodesUsed: nodes.size, coresAvailable: L.cores, warnings };
}

function fits(shape: NetworkShape, p: Profile, o: MapOptions): boolean {
  try {
    placeShape(shape, p, o);
    return true;
  } catch (e) {
    if (e instanceof FitError) return false;
    throw e;
  }
}

/** Largest v in [lo, hi] with ok(v), assuming ok is monotone (true up to some point); null if none. */
function largest(lo: number, hi: number, ok: (v: number) => boolean): number | null {
  if (hi < lo || !ok(lo)) return null;
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The smallest changes that make a shape fit, smallest first. */
export function fitSuggestions(shape: NetworkShape, p: Profile, o: MapOptions): Suggestion[] {
  const out: Suggestion[] = [];
  const base = { N: shape.N, J: shape.J, K: shape.K, linear: shape.linear };
  const n = largest(1, shape.N - 1, (v) => fits(networkShape({ ...base, N: v }, shape.slowPath, shape.dendrites), p, o));
  if (n !== null) out.push({ field: 'N', from: shape.N, to: n, size: (shape.N - n) / shape.N, text: `N = ${n} neurons (${n - shape.N})` });
  if (shape.K > 0) {
    const k = largest(shape.linear ? 0 : 1, shape.K - 1, (v) => fits(networkShape({ ...base, K: v }, shape.slowPath, shape.dendrites), p, o));
    if (k !== null) out.push({ field: 'K', from: shape.K, to: k, size: (shape.K - k) / shape.K, text: `K = ${k} dendrites (${k - shape.K})` });
  }
  const other: SlowPath = shape.slowPath === 'dense' ? 'factored' : 'dense';
  if (shape.dendrites === 'graded' && fits(networkShape(base, other), p, o))
    out.push({ field: 'slowPath', from: shape.slowPath, to: other, size: 0.01, text: `slow path "${other}"${other === 'factored' ? ' (Os = D W through J slow-sum units)' : ''}` });
  if (o.maxUnitsPerCore !== undefined && fits(shape, p, { ...o, maxUnitsPerCore: undefined }))
    out.push({ field: 'maxUnitsPerCore', from: o.maxUnitsPerCore, to: 'profile limit', size: 0, text: 'drop the per-core cap' });
  return out.sort((a, b) => a.size - b.size);
}

/**
 * Map a network onto a profile's cores. Throws a FitError naming the limit,
 * the excess, and the smallest change that fits.
 */
export function mapNetwork(spec: NetworkSpec, p: Profile, o: MapOptions = {}): Mapping {
  const shape = shapeOf(spec, o.slowPath ?? 'dense', o.dendrites ?? 'graded');
  try {
    return placeShape(shape, p, o);
  } catch (e) {
    if (e instanceof FitError) throw e.withSuggestions(fitSuggestions(shape, p, o));
    throw e;
  }
}

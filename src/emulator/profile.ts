// Hardware profiles: plain data (JSON files in profiles/) describing a chip's
// limits and per-event costs. Every number is a Quantity that names its source
// (a key of `sources`), where in the source it stands, the conditions, and
// whether it is published, derived, an assumption or an estimate. A value may
// be null (not published) only with a note saying why; the ledger then counts
// that cost as missing instead of inventing it.
import { BASE_UNIT, UNITS, unitFactor, type Dimension } from './units.js';

export type QuantityStatus = 'published' | 'derived' | 'assumption' | 'estimate';
export const QUANTITY_STATUSES: readonly QuantityStatus[] = ['published', 'derived', 'assumption', 'estimate'];

export interface Quantity {
  value: number | null;
  unit: string;
  /** Key into the profile's `sources`. */
  source: string;
  /** Where in the source: table, section, page, file and line. */
  where: string;
  conditions?: string;
  status: QuantityStatus;
  note?: string;
}

export interface Source {
  citation: string;
  url?: string;
}

export type SynapseMemoryModel =
  | {
      /** Per presynaptic axon, its targets on a core are stored in chunks of `chunkSynapses`
       * entries of (weight bits + `synapseBits`) each plus `chunkOverheadBits`, rounded up to `wordBits`. */
      model: 'rows';
      chunkSynapses: Quantity;
      chunkOverheadBits: Quantity;
      wordBits: Quantity;
      synapseBits: Quantity;
    }
  | { /** Binary crossbar: inputs are rows, units are columns; limited by fanIn and unitsPerCore only. */ model: 'crossbar' }
  | { /** The chip runs the ebnkit kernel itself: memory = image + state + one step of I/O. */ model: 'kernel-image' };

/** The events every event-cost chip prices, in energy and in time. */
export type PerEvent = Record<
  'neuronActive' | 'neuronInactive' | 'dendriteUpdate' | 'synapticOp' | 'synapticUpdate' | 'delivery' | 'hopEW' | 'hopNS',
  Quantity
>;

export interface Profile {
  kind: 'ebnkit-profile';
  version: 1;
  /** Short name: lower case letters, digits and dashes. */
  name: string;
  title: string;
  description: string;
  sources: Record<string, Source>;
  /** How the chip fires: 'all' = every unit above threshold (neuromorphic chips); 'any' = runs whatever policy the network has. */
  spikePolicy: 'all' | 'any';
  mesh: { width: Quantity; height: Quantity; coresPerNode: Quantity; cores: Quantity };
  limits: {
    unitsPerCore: Quantity;
    /** Distinct input axons (presynaptic sources) per core. */
    fanIn: Quantity;
    /** Output axon slots per core: one per (unit, destination core). */
    fanOut: Quantity;
    /** Destination cores one unit can reach (TrueNorth: 1). */
    unitFanOut: Quantity;
    /** Synapse memory per core (rows model) or all memory (kernel-image model). */
    memory: Quantity;
    weightBits: Quantity;
    stateBits: Quantity;
  };
  synapseMemory: SynapseMemoryModel;
  /** Event-cost chips: energy per event. Omitted on processor profiles (see cycles). */
  energy?: PerEvent & { staticPower: Quantity };
  time?: PerEvent & {
    linkPacket: Quantity;
    barrierBase: Quantity;
    barrierPerNode: Quantity;
    /** Fixed time step of the chip (TrueNorth's 1 kHz tick), or null. */
    minStep: Quantity;
  };
  /** Processor profiles run the ebnkit kernel: cycles per kernel operation and the power figures. */
  cycles?: {
    clock: Quantity;
    activeCurrent: Quantity;
    supplyVoltage: Quantity;
    sleepCurrent: Quantity;
    stepOverhead: Quantity;
    neuronUpdate: Quantity;
    fastEvent: Quantity;
    slowEvent: Quantity;
    dendriteEval: Quantity;
    weightUpdate: Quantity;
  };
  notes?: string[];
}

export class ProfileError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly origin?: string,
  ) {
    super(`${origin ? `${origin}: ` : ''}${field}: ${reason}`);
    this.name = 'ProfileError';
  }
}

interface FieldRule {
  dim: Dimension;
  integer?: boolean;
  /** null allowed (with a note). */
  nullable?: boolean;
  min?: number;
}

const count = (o: Partial<FieldRule> = {}): FieldRule => ({ dim: 'count', integer: true, min: 1, ...o });
const E = (o: Partial<FieldRule> = {}): FieldRule => ({ dim: 'energy', nullable: true, min: 0, ...o });
const T = (o: Partial<FieldRule> = {}): FieldRule => ({ dim: 'time', nullable: true, min: 0, ...o });
const C = (o: Partial<FieldRule> = {}): FieldRule => ({ dim: 'cycles', min: 0, ...o });

const MESH: Record<string, FieldRule> = { width: count(), height: count(), coresPerNode: count(), cores: count() };
const LIMITS: Record<string, FieldRule> = {
  unitsPerCore: count({ nullable: true }),
  fanIn: count({ nullable: true }),
  fanOut: count({ nullable: true }),
  unitFanOut: count({ nullable: true }),
  memory: { dim: 'memory', nullable: true, min: 1 },
  weightBits: { dim: 'memory', integer: true, min: 2 },
  stateBits: { dim: 'memory', integer: true, min: 8 },
};
const ROWS: Record<string, FieldRule> = {
  chunkSynapses: count(),
  chunkOverheadBits: { dim: 'memory', integer: true, min: 0 },
  wordBits: { dim: 'memory', integer: true, min: 1 },
  synapseBits: { dim: 'memory', integer: true, min: 0 },
};
const ENERGY: Record<string, FieldRule> = {
  neuronActive: E(), neuronInactive: E(), dendriteUpdate: E(), synapticOp: E(), synapticUpdate: E(),
  delivery: E(), hopEW: E(), hopNS: E(), staticPower: { dim: 'power', nullable: true, min: 0 },
};
const TIME: Record<string, FieldRule> = {
  neuronActive: T(), neuronInactive: T(), dendriteUpdate: T(), synapticOp: T(), synapticUpdate: T(), delivery: T(),
  hopEW: T(), hopNS: T(), linkPacket: T(), barrierBase: T(), barrierPerNode: T(), minStep: T(),
};
const CYCLES: Record<string, FieldRule> = {
  clock: { dim: 'frequency', min: 1 },
  activeCurrent: { dim: 'current', min: 0 },
  supplyVoltage: { dim: 'voltage', min: 0 },
  sleepCurrent: { dim: 'current', nullable: true, min: 0 },
  stepOverhead: C(), neuronUpdate: C(), fastEvent: C(), slowEvent: C(), dendriteEval: C(), weightUpdate: C(),
};

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function checkQuantity(field: string, v: unknown, rule: FieldRule, sources: Record<string, Source>, origin?: string): void {
  const fail = (f: string, r: string) => {
    throw new ProfileError(f, r, origin);
  };
  if (!isObj(v)) fail(field, 'must be a quantity {value, unit, source, where, status}');
  const q = v as Record<string, unknown>;
  if (typeof q.unit !== 'string') fail(`${field}.unit`, 'is missing');
  const f = unitFactor(rule.dim, q.unit as string);
  if (f === undefined)
    fail(`${field}.unit`, `"${String(q.unit)}" is not a ${rule.dim} unit (accepted: ${Object.keys(UNITS[rule.dim]).join(', ')})`);
  if (typeof q.source !== 'string' || !q.source) fail(`${field}.source`, 'is missing: every number must name its source');
  if (!(q.source as string in sources)) fail(`${field}.source`, `"${String(q.source)}" is not a key of "sources" (${Object.keys(sources).join(', ') || 'none defined'})`);
  if (typeof q.where !== 'string' || !q.where.trim()) fail(`${field}.where`, 'is missing: say where in the source the number stands');
  if (!QUANTITY_STATUSES.includes(q.status as QuantityStatus))
    fail(`${field}.status`, `"${String(q.status)}" is not one of ${QUANTITY_STATUSES.join(', ')}`);
  if (q.conditions !== undefined && typeof q.conditions !== 'string') fail(`${field}.conditions`, 'must be a string');
  if (q.note !== undefined && typeof q.note !== 'string') fail(`${field}.note`, 'must be a string');
  if (q.value === null) {
    if (!rule.nullable) fail(`${field}.value`, 'is null but this number is required');
    if (typeof q.note !== 'string' || !q.note.trim()) fail(`${field}.note`, 'a null value needs a note saying why the number is not given');
    return;
  }
  if (typeof q.value !== 'number' || !Number.isFinite(q.value)) fail(`${field}.value`, `${JSON.stringify(q.value)} is not a finite number`);
  const val = q.value as number;
  if (rule.min !== undefined && val < rule.min) fail(`${field}.value`, `${val} is below the minimum ${rule.min}`);
  if (rule.integer && !Number.isInteger(val * (f as number))) fail(`${field}.value`, `${val} ${String(q.unit)} is not a whole number of ${BASE_UNIT[rule.dim]}s`);
}

function checkGroup(name: string, v: unknown, rules: Record<string, FieldRule>, sources: Record<string, Source>, origin?: string): void {
  if (!isObj(v)) throw new ProfileError(name, 'must be an object', origin);
  for (const [k, rule] of Object.entries(rules)) {
    if (!(k in v)) throw new ProfileError(`${name}.${k}`, 'is missing', origin);
    checkQuantity(`${name}.${k}`, v[k], rule, sources, origin);
  }
  for (const k of Object.keys(v)) if (!(k in rules)) throw new ProfileError(`${name}.${k}`, `is not a known field (known: ${Object.keys(rules).join(', ')})`, origin);
}

/**
 * Check a parsed profile; returns it typed or throws a ProfileError naming
 * the field and the reason. `origin` (a file name) prefixes the message.
 */
export function validateProfile(p: unknown, origin?: string): Profile {
  const fail = (f: string, r: string): never => {
    throw new ProfileError(f, r, origin);
  };
  if (!isObj(p)) return fail('profile', 'must be a JSON object');
  if (p.kind !== 'ebnkit-profile') fail('kind', `${JSON.stringify(p.kind)} is not "ebnkit-profile"`);
  if (p.version !== 1) fail('version', `${JSON.stringify(p.version)} is not supported (accepted: 1)`);
  if (typeof p.name !== 'string' || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(p.name)) fail('name', `${JSON.stringify(p.name)} is not a short name (a-z, 0-9, dashes, up to 40)`);
  for (const f of ['title', 'description'] as const) if (typeof p[f] !== 'string' || !(p[f] as string).trim()) fail(f, 'must be a non-empty string');
  if (!isObj(p.sources) || Object.keys(p.sources).length === 0) fail('sources', 'must be an object of {key: {citation, url?}} with at least one entry');
  const sources = p.sources as Record<string, Source>;
  for (const [k, s] of Object.entries(sources)) {
    if (!isObj(s) || typeof s.citation !== 'string' || !s.citation.trim()) fail(`sources.${k}.citation`, 'must be a non-empty string');
    if (s.url !== undefined && typeof s.url !== 'string') fail(`sources.${k}.url`, 'must be a string');
  }
  if (p.spikePolicy !== 'all' && p.spikePolicy !== 'any') fail('spikePolicy', `${JSON.stringify(p.spikePolicy)} is not "all" or "any"`);
  checkGroup('mesh', p.mesh, MESH, sources, origin);
  checkGroup('limits', p.limits, LIMITS, sources, origin);
  const sm = p.synapseMemory;
  if (!isObj(sm)) fail('synapseMemory', 'must be an object with a "model"');
  const model = (sm as Record<string, unknown>).model;
  if (model === 'rows') {
    const { model: _m, ...rest } = sm as Record<string, unknown>;
    checkGroup('synapseMemory', rest, ROWS, sources, origin);
  } else if (model === 'crossbar' || model === 'kernel-image') {
    const extra = Object.keys(sm as object).filter((k) => k !== 'model');
    if (extra.length) fail(`synapseMemory.${extra[0]}`, `is not a field of the "${model}" model`);
  } else fail('synapseMemory.model', `${JSON.stringify(model)} is not one of rows, crossbar, kernel-image`);
  const hasCycles = p.cycles !== undefined;
  if (hasCycles) {
    checkGroup('cycles', p.cycles, CYCLES, sources, origin);
    if (p.energy !== undefined) fail('energy', 'a processor profile (with cycles) derives its energies from cycles; remove "energy"');
    if (p.time !== undefined) fail('time', 'a processor profile (with cycles) derives its times from cycles; remove "time"');
    if (model !== 'kernel-image') fail('synapseMemory.model', 'a processor profile runs the kernel: use "kernel-image"');
  } else {
    if (p.energy === undefined) fail('energy', 'is missing (or give "cycles" for a processor that runs the kernel)');
    checkGroup('energy', p.energy, ENERGY, sources, origin);
    if (p.time === undefined) fail('time', 'is missing');
    checkGroup('time', p.time, TIME, sources, origin);
  }
  const mesh = p.mesh as Profile['mesh'];
  const slots = (mesh.width.value as number) * (mesh.height.value as number) * (mesh.coresPerNode.value as number);
  if ((mesh.cores.value as number) > slots) fail('mesh.cores.value', `${mesh.cores.value} cores do not fit a ${mesh.width.value}x${mesh.height.value} mesh of ${mesh.coresPerNode.value} cores per node (${slots})`);
  if (p.notes !== undefined && (!Array.isArray(p.notes) || p.notes.some((n) => typeof n !== 'string'))) fail('notes', 'must be an array of strings');
  const known = new Set(['kind', 'version', 'name', 'title', 'description', 'sources', 'spikePolicy', 'mesh', 'limits', 'synapseMemory', 'energy', 'time', 'cycles', 'notes']);
  for (const k of Object.keys(p)) if (!known.has(k)) fail(k, `is not a known field (known: ${[...known].join(', ')})`);
  return p as unknown as Profile;
}

/** Parse JSON text and validate it. */
export function parseProfile(text: string, origin?: string): Profile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ProfileError('profile', `not valid JSON (${(e as Error).message})`, origin);
  }
  return validateProfile(parsed, origin);
}

/** A quantity's value in base units (J, W, s, Hz, A, V, bit, count, cycle), or null. */
export function qv(q: Quantity, dim: Dimension): number | null {
  if (q.value === null) return null;
  const f = unitFactor(dim, q.unit);
  if (f === undefined) throw new ProfileError('unit', `"${q.unit}" is not a ${dim} unit`);
  return q.value * f;
}

/** Like qv but a missing value is an error naming the field. */
export function qreq(q: Quantity, dim: Dimension, field: string): number {
  const v = qv(q, dim);
  if (v === null) throw new ProfileError(field, `is not given (${q.note ?? 'no value'})`);
  return v;
}

// Hardware profiles: plain data (JSON files in profiles/) describing a chip's
// limits and per-event costs. Every number is a Quantity that names its source
// (a key of `sources`), where in the source it stands, the conditions, and
// whether it is published, derived, an assumption or an estimate. A value may
// be null (not published) only with a note saying why; the ledger then counts
// that cost as missing instead of inventing it.
import { BASE_UNIT, UNITS, unitFactor, type Dimension } from './units.js';
import { shown } from '../shown.js';


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
  /** Where sources disagree: the smallest and largest credible values (same unit); value is the typical one. */
  min?: number;
  max?: number;
}

/** A non-numeric fact about a chip (what it can compute), sourced like a quantity. */
export interface Fact<T> {
  value: T;
  source: string;
  where: string;
  status: QuantityStatus;
  note?: string;
}

/**
 * How a chip fires (the spec policies of issue 11): 'parallel' = every unit above
 * threshold fires and its effect lands `spikeDelay` steps later; 'all' = every
 * unit above threshold fires, effects in the same step; 'winner' = one spike per
 * step chosen by a global arbiter; 'any' = a processor that runs whatever rule
 * the network has (it is its own arbiter).
 */
export type SpikeRule = 'parallel' | 'all' | 'winner' | 'any';
export const SPIKE_RULES: readonly SpikeRule[] = ['parallel', 'all', 'winner', 'any'];
export type Arbiter = 'none' | 'core' | 'global';
export const ARBITERS: readonly Arbiter[] = ['none', 'core', 'global'];

/** What a chip can compute: the mapper prices only mappings that respect these. */
export interface Capabilities {
  /** Units with a graded nonlinear output (tanh dendrites); false: binary spiking compartments only. */
  gradedUnits: Fact<boolean>;
  /** Messages that carry a value (graded spikes); false: binary spikes only. */
  gradedMessages: Fact<boolean>;
  /** Weight updates on chip. */
  learning: Fact<boolean>;
  spikeRule: Fact<SpikeRule>;
  /** Steps until a spike reaches its targets. */
  spikeDelay: Fact<number>;
  /** One-spike arbitration the chip provides: none, per core, or global. */
  arbiter: Fact<Arbiter>;
}

/**
 * How the energy figures combine. 'per-event': every event's cost is marginal
 * and the ledger adds them (plus static power). 'whole-chip-average': each
 * listed figure is a total (idle and routing included) divided by one kind of
 * event, so the listed figures are alternative estimates of the same total and
 * must never be added to each other, to hops or to static power.
 */
export interface CostModel {
  kind: 'per-event' | 'whole-chip-average';
  /** whole-chip-average: groups of energy fields; each group prices the whole chip on its own (alternatives, never added). */
  alternatives?: string[][];
  source: string;
  where: string;
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
  version: 2;
  /** Short name: lower case letters, digits and dashes. */
  name: string;
  title: string;
  description: string;
  sources: Record<string, Source>;
  capabilities: Capabilities;
  /** Default per-event. */
  costModel?: CostModel;
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
  energy?: PerEvent & {
    /** Whole-chip static (leakage and clock) power while the chip runs. */
    staticPower: Quantity;
    /** Static power of each core in use, on top of staticPower. */
    staticPerCore: Quantity;
    /** Energy per value (word) moved between host and chip. */
    hostIO: Quantity;
  };
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
    /** Measured instructions per step of the kernel at the reference shape (dense and factored slow paths). */
    instructionsDense: Quantity;
    instructionsFactored: Quantity;
    /** The shape those were measured at. */
    reference: { N: number; J: number; K: number; linear: boolean; source: string; where: string };
    /** Cycles per instruction (range from the core's reference manual). */
    cpi: Quantity;
    /** Energy per value moved between host and chip (e.g. a UART or SPI word); null if not given. */
    hostIO: Quantity;
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
const P = (o: Partial<FieldRule> = {}): FieldRule => ({ dim: 'power', nullable: true, min: 0, ...o });

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
  delivery: E(), hopEW: E(), hopNS: E(), staticPower: P(), staticPerCore: P(), hostIO: E(),
};
const TIME: Record<string, FieldRule> = {
  neuronActive: T(), neuronInactive: T(), dendriteUpdate: T(), synapticOp: T(), synapticUpdate: T(), delivery: T(),
  hopEW: T(), hopNS: T(), linkPacket: T(), barrierBase: T(), barrierPerNode: T(), minStep: T(),
};
const CYCLES: Record<string, FieldRule> = {
  clock: { dim: 'frequency', nullable: true, min: 1 },
  activeCurrent: { dim: 'current', nullable: true, min: 0 },
  supplyVoltage: { dim: 'voltage', nullable: true, min: 0 },
  sleepCurrent: { dim: 'current', nullable: true, min: 0 },
  instructionsDense: C({ nullable: true }), instructionsFactored: C({ nullable: true }), cpi: { dim: 'count', min: 0 }, hostIO: E(),
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
    fail(`${field}.unit`, `"${shown(q.unit)}" is not a ${rule.dim} unit (accepted: ${Object.keys(UNITS[rule.dim]).join(', ')})`);
  if (typeof q.source !== 'string' || !q.source) fail(`${field}.source`, 'is missing: every number must name its source');
  if (!(Object.hasOwn(sources, q.source as string))) fail(`${field}.source`, `"${shown(q.source)}" is not a key of "sources" (${Object.keys(sources).join(', ') || 'none defined'})`);
  if (typeof q.where !== 'string' || !q.where.trim()) fail(`${field}.where`, 'is missing: say where in the source the number stands');
  if (!QUANTITY_STATUSES.includes(q.status as QuantityStatus))
    fail(`${field}.status`, `"${shown(q.status)}" is not one of ${QUANTITY_STATUSES.join(', ')}`);
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
  if (rule.integer && !Number.isInteger(val * (f as number))) fail(`${field}.value`, `${val} ${shown(q.unit)} is not a whole number of ${BASE_UNIT[rule.dim]}s`);
  for (const b of ['min', 'max'] as const) {
    if (q[b] === undefined) continue;
    if (typeof q[b] !== 'number' || !Number.isFinite(q[b])) fail(`${field}.${b}`, `${JSON.stringify(q[b])} is not a finite number`);
    if (rule.min !== undefined && (q[b] as number) < rule.min) fail(`${field}.${b}`, `${shown(q[b])} is below the minimum ${rule.min}`);
  }
  if (q.min !== undefined && (q.min as number) > val) fail(`${field}.min`, `${shown(q.min)} is above the typical value ${val}`);
  if (q.max !== undefined && (q.max as number) < val) fail(`${field}.max`, `${shown(q.max)} is below the typical value ${val}`);
}

const FACTS: Record<keyof Capabilities, (v: unknown) => string | null> = {
  gradedUnits: (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
  gradedMessages: (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
  learning: (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
  spikeRule: (v) => (SPIKE_RULES.includes(v as SpikeRule) ? null : `must be one of ${SPIKE_RULES.join(', ')}`),
  spikeDelay: (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'must be a whole number of steps >= 0'),
  arbiter: (v) => (ARBITERS.includes(v as Arbiter) ? null : `must be one of ${ARBITERS.join(', ')}`),
};

function checkCapabilities(v: unknown, sources: Record<string, Source>, origin?: string): void {
  const fail = (f: string, r: string) => {
    throw new ProfileError(f, r, origin);
  };
  if (!isObj(v)) return fail('capabilities', 'is missing: declare gradedUnits, gradedMessages, learning, spikeRule, spikeDelay and arbiter');
  for (const [k, check] of Object.entries(FACTS)) {
    const f = v[k];
    if (!isObj(f)) fail(`capabilities.${k}`, 'must be a fact {value, source, where, status}');
    const fact = f as Record<string, unknown>;
    const bad = check(fact.value);
    if (bad) fail(`capabilities.${k}.value`, `${JSON.stringify(fact.value)}: ${bad}`);
    if (typeof fact.source !== 'string' || !Object.hasOwn(sources, fact.source as string)) fail(`capabilities.${k}.source`, `"${shown(fact.source)}" is not a key of "sources"`);
    if (typeof fact.where !== 'string' || !fact.where.trim()) fail(`capabilities.${k}.where`, 'is missing: say where in the source the fact stands');
    if (!QUANTITY_STATUSES.includes(fact.status as QuantityStatus)) fail(`capabilities.${k}.status`, `"${shown(fact.status)}" is not one of ${QUANTITY_STATUSES.join(', ')}`);
  }
  for (const k of Object.keys(v)) if (!Object.hasOwn(FACTS, k)) fail(`capabilities.${k}`, `is not a known field (known: ${Object.keys(FACTS).join(', ')})`);
}

function checkGroup(name: string, v: unknown, rules: Record<string, FieldRule>, sources: Record<string, Source>, origin?: string): void {
  if (!isObj(v)) throw new ProfileError(name, 'must be an object', origin);
  for (const [k, rule] of Object.entries(rules)) {
    if (!(k in v)) throw new ProfileError(`${name}.${k}`, 'is missing', origin);
    checkQuantity(`${name}.${k}`, v[k], rule, sources, origin);
  }
  for (const k of Object.keys(v)) if (!Object.hasOwn(rules, k)) throw new ProfileError(`${name}.${k}`, `is not a known field (known: ${Object.keys(rules).join(', ')})`, origin);
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
  if (p.version !== 2)
    fail('version', `${JSON.stringify(p.version)} is not supported (accepted: 2; version 1 lacked capabilities, static power per core and host I/O: see docs/emulator.md)`);
  if (typeof p.name !== 'string' || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(p.name)) fail('name', `${JSON.stringify(p.name)} is not a short name (a-z, 0-9, dashes, up to 40)`);
  for (const f of ['title', 'description'] as const) if (typeof p[f] !== 'string' || !(p[f] as string).trim()) fail(f, 'must be a non-empty string');
  if (!isObj(p.sources) || Object.keys(p.sources).length === 0) fail('sources', 'must be an object of {key: {citation, url?}} with at least one entry');
  const sources = p.sources as Record<string, Source>;
  for (const [k, s] of Object.entries(sources)) {
    if (!isObj(s) || typeof s.citation !== 'string' || !s.citation.trim()) fail(`sources.${k}.citation`, 'must be a non-empty string');
    if (s.url !== undefined && typeof s.url !== 'string') fail(`sources.${k}.url`, 'must be a string');
  }
  checkCapabilities(p.capabilities, sources, origin);
  if (p.costModel !== undefined) {
    const cm = p.costModel as Record<string, unknown>;
    if (!isObj(cm) || (cm.kind !== 'per-event' && cm.kind !== 'whole-chip-average')) fail('costModel.kind', 'must be "per-event" or "whole-chip-average"');
    if (typeof cm.source !== 'string' || !Object.hasOwn(sources, cm.source as string)) fail('costModel.source', `"${shown(cm.source)}" is not a key of "sources"`);
    if (typeof cm.where !== 'string' || !cm.where.trim()) fail('costModel.where', 'is missing');
    if (cm.kind === 'whole-chip-average') {
      const alts = cm.alternatives;
      if (!Array.isArray(alts) || alts.length === 0 || alts.some((g) => !Array.isArray(g) || g.length === 0 || g.some((a) => !(typeof a === 'string' && Object.hasOwn(ENERGY, a)))))
        fail('costModel.alternatives', `must list groups of energy fields, e.g. [["synapticOp"]] (fields: ${Object.keys(ENERGY).join(', ')})`);
    }
  }
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
    if (!isObj(p.cycles)) fail('cycles', 'must be an object of instruction counts plus "reference" (or leave it out for a profile with "energy" and "time")');
    const { reference, ...rest } = p.cycles as Record<string, unknown>;
    checkGroup('cycles', rest, CYCLES, sources, origin);
    if (!isObj(reference) || !['N', 'J', 'K'].every((k) => Number.isInteger(reference[k]) && (reference[k] as number) >= 0) || typeof reference.linear !== 'boolean')
      fail('cycles.reference', 'must be {N, J, K, linear, source, where}: the shape the instruction counts were measured at');
    const ref = reference as Record<string, unknown>;
    if (typeof ref.source !== 'string' || !Object.hasOwn(sources, ref.source as string)) fail('cycles.reference.source', `"${shown(ref.source)}" is not a key of "sources"`);
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
  const known = new Set(['kind', 'version', 'name', 'title', 'description', 'sources', 'capabilities', 'costModel', 'mesh', 'limits', 'synapseMemory', 'energy', 'time', 'cycles', 'notes']);
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

/** A quantity's [min, typical, max] in base units (min = max = value where the sources agree), or null. */
export function qrange(q: Quantity, dim: Dimension): [number, number, number] | null {
  const v = qv(q, dim);
  if (v === null) return null;
  const f = unitFactor(dim, q.unit)!;
  return [q.min !== undefined ? q.min * f : v, v, q.max !== undefined ? q.max * f : v];
}

/** Like qv but a missing value is an error naming the field. */
export function qreq(q: Quantity, dim: Dimension, field: string): number {
  const v = qv(q, dim);
  if (v === null) throw new ProfileError(field, `is not given (${q.note ?? 'no value'})`);
  return v;
}

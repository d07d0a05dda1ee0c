// The sweep file (YAML or JSON) and its expansion into jobs.
//
//   train:  { system: vanderpol, seconds: 2 }        # options of `ebnkit train`
//   eval:   { seeds: 1 }                             # optional: options of `ebnkit eval`
//   energy: { profiles: [loihi, xylo], seconds: 2 }  # optional: options of `ebnkit energy`
//   grid:   { train.neurons: [20, 40], train.seed: [1, 2, 3] }
//   random: { count: 50, seed: 7, axes: { train.neurons: { min: 10, max: 80, int: true } } }
//   timeout: 600                                     # seconds per job
//
// A job is a plain options object per command. Options pass through to the
// command's public function (camelCase names, or the CLI's kebab-case flags);
// a name the command does not take is refused with the accepted ones
// (src/sweep/options.ts), so a typo cannot silently run every job at a default.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../commands/common.js';
import { Random } from '../random.js';
import { SYSTEMS } from '../systems/index.js';
import { sha256 } from './key.js';
import { closest, trainConflict, unknownOption } from './options.js';

export const SECTIONS = ['train', 'eval', 'energy'] as const;
export type Section = (typeof SECTIONS)[number];
type Scalar = string | number | boolean | null;
type Value = Scalar | Scalar[];
export type Options = Record<string, Value>;

export interface Job {
  train: Options & { system: string };
  eval?: Options;
  energy?: Options;
  /** SHA-256 of the system module's file, when the system is a module. */
  moduleSha256?: string;
  /** SHA-256 of each profile file (by absolute path) in energy.profiles. */
  profileSha256?: Record<string, string>;
}

export interface RangeAxis {
  min: number;
  max: number;
  int?: boolean;
  log?: boolean;
}

export interface SweepFile {
  path: string;
  jobs: Job[];
  /** Per-job time limit in seconds. */
  timeout: number;
  /** Default store: <sweep file without extension>.results.jsonl beside it. */
  store: string;
}

/** A bad sweep file: a usage error (exit code 2). */
export class SweepError extends UsageError {}

const camel = (k: string) => k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** CLI spellings to the functions' option names (the CLI's --profile list is `profiles`). */
function normalise(section: Section, o: Record<string, unknown>, where: string): Options {
  const out: Options = {};
  for (const [k0, v] of Object.entries(o)) {
    let k = camel(k0);
    const bad = unknownOption(section, k, k0);
    if (bad) throw new SweepError(`${where}: ${bad}`);
    let val = v as Value;
    if (section === 'energy' && k === 'profile') {
      k = 'profiles';
      if (typeof val === 'string') val = val.split(',');
    }
    if (section === 'energy' && k === 'profiles' && typeof val === 'string') val = [val];
    checkValue(val, `${where}.${k0}`);
    out[k] = val;
  }
  return out;
}

function checkValue(v: unknown, where: string): void {
  const scalar = (x: unknown) => x === null || ['string', 'number', 'boolean'].includes(typeof x);
  if (typeof v === 'number' && !Number.isFinite(v)) throw new SweepError(`${where}: ${v} is not a finite number`);
  if (scalar(v)) return;
  if (Array.isArray(v) && v.every(scalar)) return;
  throw new SweepError(`${where}: ${JSON.stringify(v)} is not a value (accepted: a string, number, boolean or a list of them)`);
}

function obj(v: unknown, where: string, keys?: readonly string[]): Record<string, unknown> {
  if (v === undefined) return {};
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new SweepError(`${where} must be a mapping of option: value`);
  for (const k of keys ? Object.keys(v) : []) {
    if (keys!.includes(k)) continue;
    const near = closest(k, keys!);
    throw new SweepError(`${where}: unknown key "${k}"${near ? ` (did you mean "${near}"?)` : ''} (accepted: ${keys!.join(', ')})`);
  }
  return v as Record<string, unknown>;
}

/** "train.neurons" -> ['train', 'neurons'], refusing anything but the three sections. */
function axisPath(name: string, where: string): [Section, string] {
  const i = name.indexOf('.');
  const section = name.slice(0, i) as Section;
  if (i < 0 || !SECTIONS.includes(section)) throw new SweepError(`${where}: axis "${name}" must be <section>.<option> with section ${SECTIONS.join(', ')} (e.g. train.neurons)`);
  const k = camel(name.slice(i + 1));
  const bad = unknownOption(section, k, name.slice(i + 1));
  if (bad) throw new SweepError(`${where}: axis "${name}": ${bad}`);
  return [section, k];
}

function grid(axes: [Section, string, Value[]][]): Record<string, Value>[] {
  let combos: Record<string, Value>[] = [{}];
  for (const [s, k, values] of axes) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [`${s}.${k}`]: v })));
  return combos;
}

function sample(r: Random, a: Value[] | RangeAxis): Value {
  if (Array.isArray(a)) return a[r.int(a.length)]!;
  const u = r.uniform();
  if (a.log) {
    const v = Math.exp(Math.log(a.min) + u * (Math.log(a.max) - Math.log(a.min)));
    return a.int ? Math.min(a.max, Math.max(a.min, Math.round(v))) : v;
  }
  // integers: every value in min..max equally likely
  return a.int ? Math.min(a.max, Math.floor(a.min + u * (a.max - a.min + 1))) : a.min + u * (a.max - a.min);
}

function rangeAxis(v: unknown, where: string): Value[] | RangeAxis {
  if (Array.isArray(v)) {
    if (!v.length) throw new SweepError(`${where}: an axis needs at least one value`);
    v.forEach((x, i) => checkValue(x, `${where}[${i}]`));
    return v as Value[];
  }
  const o = obj(v, where, ['min', 'max', 'int', 'log']);
  const { min, max } = o;
  if (typeof min !== 'number' || typeof max !== 'number' || !(min <= max)) throw new SweepError(`${where}: a range needs numbers min <= max, e.g. { min: 10, max: 80, int: true, log: false }`);
  if (o.log && !(min > 0)) throw new SweepError(`${where}: a log range needs min > 0`);
  return { min, max, int: !!o.int, log: !!o.log };
}

/** Parse a sweep file's text (YAML is a superset of JSON) into its jobs. */
export function parseSweep(text: string, path: string): SweepFile {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new SweepError(`${path}: not valid YAML or JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const top = obj(doc, path, [...SECTIONS, 'grid', 'random', 'timeout', 'store', 'name']);
  if (top.grid !== undefined && top.random !== undefined) throw new SweepError(`${path}: give either grid or random, not both`);
  const base = Object.fromEntries(SECTIONS.filter((s) => top[s] !== undefined).map((s) => [s, normalise(s, obj(top[s], `${path}: ${s}`), `${path}: ${s}`)])) as Partial<Record<Section, Options>>;
  const timeout = top.timeout ?? 600;
  if (typeof timeout !== 'number' || !(timeout > 0)) throw new SweepError(`${path}: timeout must be a positive number of seconds per job; got ${JSON.stringify(top.timeout)}`);
  let points: Record<string, Value>[];
  if (top.random !== undefined) {
    const r = obj(top.random, `${path}: random`, ['count', 'seed', 'axes']);
    const count = r.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new SweepError(`${path}: random.count must be a positive integer`);
    const axes = Object.entries(obj(r.axes, `${path}: random.axes`)).map(([n, v]) => [n, axisPath(n, `${path}: random.axes`), rangeAxis(v, `${path}: random.axes.${n}`)] as const);
    const rng = new Random(typeof r.seed === 'number' ? r.seed : 1);
    points = Array.from({ length: count }, () => Object.fromEntries(axes.map(([n, , a]) => [n.replace(/^([a-z]+)\.(.*)$/, (_, s: string, k: string) => `${s}.${camel(k)}`), sample(rng, a)])));
  } else {
    const g = Object.entries(obj(top.grid, `${path}: grid`)).map(([n, v]) => {
      const [s, k] = axisPath(n, `${path}: grid`);
      const a = rangeAxis(v, `${path}: grid.${n}`);
      if (!Array.isArray(a)) throw new SweepError(`${path}: grid.${n} must list its values (ranges belong to random)`);
      return [s, k, a] as [Section, string, Value[]];
    });
    points = grid(g);
  }
  const dir = dirname(resolve(path));
  const jobs = points.map((p) => buildJob(base, p, dir, path));
  // a random sample can draw the same point twice: one job each
  const seen = new Set<string>();
  const unique = jobs.filter((j) => {
    const k = JSON.stringify(j);
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const store = typeof top.store === 'string' ? resolve(dir, top.store) : resolve(path).replace(/(\.(ya?ml|json))?$/i, '.results.jsonl');
  return { path, jobs: unique, timeout, store };
}

function buildJob(base: Partial<Record<Section, Options>>, point: Record<string, Value>, dir: string, path: string): Job {
  const sec: Partial<Record<Section, Options>> = {};
  for (const s of SECTIONS) if (base[s]) sec[s] = { ...base[s] };
  for (const [name, v] of Object.entries(point)) {
    const [s, k] = name.split('.', 2) as [Section, string];
    sec[s] = { ...(sec[s] ?? {}), [k]: s === 'energy' && k === 'profiles' && typeof v === 'string' ? [v] : v };
  }
  const train = sec.train ?? {};
  const system = train.system ?? 'vanderpol';
  if (typeof system !== 'string') throw new SweepError(`${path}: train.system must be a built-in name or a module path; got ${JSON.stringify(system)}`);
  const conflict = trainConflict(train);
  if (conflict) throw new SweepError(`${path}: train: ${conflict}${Object.keys(point).length ? ` (at ${JSON.stringify(point)})` : ''}`);
  const job: Job = { train: { ...train, system } };
  if (sec.eval) job.eval = sec.eval;
  if (sec.energy) job.energy = sec.energy;
  if (!SYSTEMS[system]) {
    // a module: its absolute path runs everywhere the same filesystem is mounted; its hash keys the job
    const abs = resolve(dir, system);
    if (!existsSync(abs)) throw new SweepError(`${path}: train.system "${system}" is neither a built-in system (${Object.keys(SYSTEMS).join(', ')}) nor a module file (${abs} does not exist)`);
    job.train.system = abs;
    job.moduleSha256 = sha256(readFileSync(abs));
  }
  const profiles = job.energy?.profiles;
  if (Array.isArray(profiles)) {
    // profile files: absolute paths (workers run elsewhere), keyed by content like modules
    job.energy!.profiles = profiles.map((p) => (typeof p === 'string' && /[\\/]|\.json$/i.test(p) ? resolve(dir, p) : p));
    const files = (job.energy!.profiles as Scalar[]).filter((p): p is string => typeof p === 'string' && p.startsWith('/'));
    for (const f of files) if (!existsSync(f)) throw new SweepError(`${path}: energy profile file ${f} does not exist`);
    if (files.length) job.profileSha256 = Object.fromEntries(files.map((f) => [f, sha256(readFileSync(f))]));
  }
  return job;
}

export function loadSweep(path: string): SweepFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SweepError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseSweep(text, path);
}

// The suite as a sweep (issue 13, item 5): each variant is one sweep file,
// sweeps/<stem>.yaml, written from SUITE and the report seeds, and run by
// `ebnkit sweep` (the local thread pool, or Redis workers) into
// sweeps/<stem>.results.jsonl. The report reads, for every job of that file,
// the stored result under the job's key (configuration, kernel sha256 and
// package version): a result of another version or configuration is never
// read as this one.
import { basename, relative, resolve } from 'node:path';
import type { SweepFile } from '../../src/sweep/config.js';
import { jobKey } from '../../src/sweep/key.js';
import type { ResultRecord, Store } from '../../src/sweep/store.js';
import { SUITE, type SuiteEntry, type SuiteVariant } from './list.js';
import type { SuiteResult } from './report.js';

type Scalar = string | number | boolean;

/** Per-job time limit, s: the slowest suite job (rossler) took ~540 s of wall time on a loaded 2-core machine. */
export const SUITE_TIMEOUT = 7200;

export interface SuiteSweepOptions {
  seeds: number[];
  systems: string[];
  /** Folder the file is written to: module paths are written relative to it. */
  dir: string;
  /** Store file name, relative to dir (default <stem>.results.jsonl). */
  store?: string;
  /** Further train options (development runs only: the report does not name them). */
  extra?: Record<string, Scalar>;
}

const yamlScalar = (v: Scalar) => (typeof v === 'string' ? JSON.stringify(v) : String(v));
const target = (e: SuiteEntry, dir: string) => (e.target.includes('/') ? relative(resolve(dir), resolve(e.target)) : e.target);

/** The sweep file of a suite variant: every (system, seed) trained at defaults (no search unless the variant searches). */
export function suiteSweepText(variant: SuiteVariant, o: SuiteSweepOptions): string {
  const entries = o.systems.map((n) => SUITE.find((e) => e.name === n)!);
  const train: Record<string, Scalar> = { ...(variant.search ? {} : { noSearch: true }), ...variant.options, ...(o.extra ?? {}) };
  return [
    `# The suite under ${variant.title}:`,
    '# every system trained at defaults on the report seeds, nothing tuned per system.',
    '# Written by scripts/suite.ts from scripts/suite/list.ts (do not edit); run it with',
    `#   npm run suite${variant.name !== 'winner' ? ` -- --variant ${variant.name}` : ''}   (or: ebnkit sweep <this file> [--redis redis://host:6379])`,
    `train: {${Object.keys(train).length ? ` ${Object.entries(train).map(([k, v]) => `${k}: ${yamlScalar(v)}`).join(', ')} ` : ''}}`,
    'grid:',
    `  train.system: [${entries.map((e) => target(e, o.dir)).join(', ')}]`,
    `  train.seed: [${o.seeds.join(', ')}]`,
    `timeout: ${SUITE_TIMEOUT}`,
    `store: ${o.store ?? `${variant.stem}.results.jsonl`}`,
    '',
  ].join('\n');
}

/** The suite entry a job trains (built-in by name, module by file name). */
function entryOf(system: string): SuiteEntry | undefined {
  return SUITE.find((e) => (e.target.includes('/') ? basename(e.target) === basename(system) : e.target === system));
}

export interface StoredSuite {
  results: SuiteResult[];
  /** Jobs of this file re-run by the sweep's verification, and how many matched bit for bit. */
  verified: number;
  verifiedMatch: number;
}

/** A stored suite job as the report's result (undefined: not a suite system). */
export function suiteResultOf(rec: ResultRecord): SuiteResult | undefined {
  const e = entryOf(rec.job.train.system);
  if (!e) return undefined;
  const seed = Number(rec.job.train.seed);
  const timing = { wallSeconds: rec.timing.wallSeconds, ...(rec.timing.cpuSeconds !== undefined ? { cpuSeconds: rec.timing.cpuSeconds } : {}) };
  if (rec.status === 'ok' && rec.result) {
    const t = rec.result.train as { kind: string; metrics: Record<string, number>; killedHalf: Record<string, number>; configuration: string[]; search?: unknown };
    return { system: e.name, seed, kind: t.kind, metrics: t.metrics, killedHalf: t.killedHalf, configuration: t.configuration, search: t.search, ...timing, ok: true, key: rec.key };
  }
  return { system: e.name, seed, kind: e.kind, metrics: {}, killedHalf: {}, configuration: [], ...timing, ok: false, error: rec.error ?? 'failed', key: rec.key };
}

/** This sweep file's results in the store (jobs not stored yet are left out: the report carries or marks them). */
export function suiteResults(sw: SweepFile, store: Store): StoredSuite {
  const keys = sw.jobs.map(jobKey);
  const results = keys.map((k) => store.get(k)).flatMap((rec) => (rec ? [suiteResultOf(rec)].filter((r): r is SuiteResult => !!r) : []));
  const ks = new Set(keys);
  const v = store.verifies.filter((r) => ks.has(r.key));
  return { results, verified: v.length, verifiedMatch: v.filter((r) => r.match).length };
}

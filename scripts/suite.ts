// `npm run suite`: every suite system trained at defaults on the report seeds,
// as a sweep (scripts/suite/sweep.ts): writes sweeps/<stem>.yaml from the
// suite list, runs it with the built CLI (`ebnkit sweep`: the local thread
// pool, or Redis workers with --redis) into sweeps/<stem>.results.jsonl, then
// writes docs/<stem>.md and docs/<stem>.json from the stored results
// (scripts/suite/report.ts). Stored jobs are reused, so a rerun after a kill
// finishes the rest, and a rerun at the same version only rewrites the report.
//   scripts/run-ts.sh scripts/suite.ts [--workers 2] [--redis redis://127.0.0.1:6379]
//        [--variant parallel] [--seeds 101,102] [--systems a,b] [--report-only] [--dry-run]
//   --dry-run: the job count, how many are stored, and an estimated time (no run, no report);
//   --systems: run only these systems' jobs (the other rows keep their stored
//     results, or are carried over from the previous report when not stored);
//   development runs: --dir out/dev (sweep file, store and nothing else there;
//     docs/ untouched), and only there --with key=value,... for further train options;
//   SUITE_CLI=<path to cli.js> runs another build (default dist/cli.js).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSweep } from '../src/sweep/config.js';
import { Store } from '../src/sweep/store.js';
import { SUITE, SUITE_SEEDS, suiteVariant } from './suite/list.js';
import { writeReport } from './suite/report.js';
import { suiteResults, suiteSweepText } from './suite/sweep.js';

const { values: v } = parseArgs({
  options: {
    workers: { type: 'string' },
    redis: { type: 'string' },
    seeds: { type: 'string' },
    systems: { type: 'string' },
    'report-only': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    dir: { type: 'string' },
    variant: { type: 'string' },
    with: { type: 'string' },
  },
});
const variant = suiteVariant(v.variant ?? 'winner');
const workers = Number(v.workers ?? 2);
if (!(Number.isInteger(workers) && workers >= 1)) throw new RangeError(`--workers: ${v.workers} is not a positive integer`);
const seeds = v.seeds ? v.seeds.split(',').map(Number) : SUITE_SEEDS;
const names = v.systems ? v.systems.split(',') : SUITE.map((s) => s.name);
for (const n of names) if (!SUITE.some((s) => s.name === n)) throw new RangeError(`--systems: "${n}" is not a suite system (${SUITE.map((s) => s.name).join(', ')})`);
if (v.with && v.dir === undefined) throw new RangeError('--with is for development runs only (give --dir): the reports name no extra options');
const extra = Object.fromEntries(
  (v.with ?? '').split(',').filter(Boolean).map((kv) => {
    const [k, val = ''] = kv.split('=');
    return [k!, val === 'true' ? true : val === 'false' ? false : Number.isFinite(Number(val)) && val !== '' ? Number(val) : val];
  }),
);

const dir = v.dir ?? 'sweeps';
mkdirSync(dir, { recursive: true });
const store = `${variant.stem}.results.jsonl`;
// the whole suite's file: what the report reads; a --systems run writes a part of it, sharing the store
const full = join(dir, `${variant.stem}.yaml`);
const fullText = suiteSweepText(variant, { seeds, systems: SUITE.map((s) => s.name), dir, store, extra });
writeFileSync(full, fullText);
let runFile = full;
if (v.systems) {
  runFile = join(dir, `${variant.stem}.part.yaml`);
  writeFileSync(runFile, suiteSweepText(variant, { seeds, systems: names, dir, store, extra }));
}

if (!v['report-only']) {
  const args = [process.env.SUITE_CLI ?? 'dist/cli.js', 'sweep', runFile, ...(v.redis ? ['--redis', v.redis] : ['--workers', String(workers)]), ...(v['dry-run'] ? ['--dry-run'] : [])];
  console.log(`node ${args.join(' ')}`);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0 || v['dry-run']) process.exit(r.status ?? 1);
}

const sweep = parseSweep(fullText, full);
const stored = suiteResults(sweep, Store.read(sweep.store));
console.log(`${stored.results.length} of ${seeds.length * SUITE.length} jobs stored; verified by re-running: ${stored.verifiedMatch}/${stored.verified} bit-identical`);
if (v.dir === undefined) {
  const flags = [...(variant.name !== 'winner' ? ['--variant', variant.name] : []), ...(v.seeds ? ['--seeds', v.seeds] : [])];
  writeReport(stored, { seeds, command: `npm run suite${flags.length ? ` -- ${flags.join(' ')}` : ''}`, variant, sweep: full });
  console.log(`wrote docs/${variant.stem}.md and docs/${variant.stem}.json`);
}

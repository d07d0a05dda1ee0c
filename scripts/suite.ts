// `npm run suite`: every suite system trained at defaults (the CLI exactly as
// a user runs it: `ebnkit train <system> --seed s`) on the report seeds, at
// most `--workers` (<= 2) at a time, each result appended to
// out/suite/results.jsonl (a rerun resumes), then docs/suite.md and
// docs/suite.json written from the results by scripts/suite/report.ts.
//   scripts/run-ts.sh scripts/suite.ts [--workers 2] [--seeds 101,102,103,104,105] [--systems a,b] [--report-only]
//   development runs: --dir out/dev (results and models there, docs/ untouched);
//   --variant parallel: the suite under the chip rule (VARIANTS in scripts/suite/list.ts: out/suite-parallel, docs/suite-parallel.*)
//   SUITE_ARGS="..." appends further train flags to every job (development only: the report does not name them)
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SUITE, SUITE_SEEDS, suiteVariant } from './suite/list.js';
import { writeReport, type SuiteResult } from './suite/report.js';

const { values: v } = parseArgs({ options: { workers: { type: 'string' }, seeds: { type: 'string' }, systems: { type: 'string' }, 'report-only': { type: 'boolean' }, dir: { type: 'string' }, variant: { type: 'string' } } });
const variant = suiteVariant(v.variant ?? 'winner');
const workers = Number(v.workers ?? 2);
if (!(Number.isInteger(workers) && workers >= 1 && workers <= 2)) throw new RangeError(`--workers: ${v.workers} is not 1 or 2 (the suite is kept to two processes)`);
const seeds = v.seeds ? v.seeds.split(',').map(Number) : SUITE_SEEDS;
const names = v.systems ? v.systems.split(',') : SUITE.map((s) => s.name);
for (const n of names) if (!SUITE.some((s) => s.name === n)) throw new RangeError(`--systems: "${n}" is not a suite system (${SUITE.map((s) => s.name).join(', ')})`);

const dir = v.dir ?? `out/${variant.stem}`;
mkdirSync(dir, { recursive: true });
const file = `${dir}/results.jsonl`;
const load = (): SuiteResult[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SuiteResult) : []);
const done = new Set(load().map((r) => `${r.system}@${r.seed}`));
// seed-major: every system gets its first seed before any gets a second
const jobs = v['report-only'] ? [] : seeds.flatMap((seed) => names.map((n) => ({ n, seed }))).filter((j) => !done.has(`${j.n}@${j.seed}`));

function run(job: { n: string; seed: number }): Promise<void> {
  const entry = SUITE.find((s) => s.name === job.n)!;
  const args = [process.env.SUITE_CLI ?? 'dist/cli.js', 'train', entry.target, '--seed', String(job.seed), '--json', '--quiet', ...(process.env.SUITE_SEARCH ? [] : ['--no-search']), '--out', `${dir}/${job.n}-${job.seed}.ebn`, ...variant.flags, ...(process.env.SUITE_ARGS ? process.env.SUITE_ARGS.split(' ') : [])];
  const t0 = Date.now();
  return new Promise((res) => {
    const p = spawn('node', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => {
      const wall = (Date.now() - t0) / 1000;
      let r: SuiteResult;
      try {
        const s = JSON.parse(out);
        r = { system: job.n, seed: job.seed, kind: s.kind, metrics: s.metrics, killedHalf: s.killedHalf, configuration: s.configuration, search: s.search, wallSeconds: wall, ok: true };
      } catch {
        r = { system: job.n, seed: job.seed, kind: entry.kind, metrics: {}, killedHalf: {}, configuration: [], wallSeconds: wall, ok: false, error: `exit ${code}: ${(err || out).trim().split('\n').slice(-3).join(' / ')}` };
      }
      appendFileSync(file, JSON.stringify(r) + '\n');
      console.log(`${job.n} seed ${job.seed}: ${r.ok ? 'trained' : r.error} (${wall.toFixed(0)} s wall)`);
      res();
    });
  });
}

const queue = [...jobs];
await Promise.all(Array.from({ length: workers }, async () => {
  for (let j = queue.shift(); j; j = queue.shift()) await run(j);
}));
if (v.dir === undefined) {
  const extra = [...(variant.flags.length ? ['--variant', variant.name] : []), ...(v.seeds ? ['--seeds', v.seeds] : [])];
  writeReport(load(), { seeds, command: `npm run suite${extra.length ? ` -- ${extra.join(' ')}` : ''}`, variant });
  console.log(`wrote docs/${variant.stem}.md and docs/${variant.stem}.json`);
}

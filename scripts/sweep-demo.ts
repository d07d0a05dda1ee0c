// Runs the README's demo sweep (docs/sweep/demo.yaml) with the built CLI, then
// writes its HTML report, one Pareto figure per profile (docs/sweep/*.svg) and
// the README's "Sweeps" table between its markers. Stored jobs are reused, so
// a rerun only redraws; delete docs/sweep/demo.results.jsonl to recompute.
//   npm run build && scripts/run-ts.sh scripts/sweep-demo.ts
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { replaceBetween } from '../bench/lib/sweep-report.js';
import { DEMO_BEGIN, DEMO_END, markdownTable } from '../src/sweep/markdown.js';
import { sweepReport } from '../src/sweep/report.js';
import { Store } from '../src/sweep/store.js';

const SWEEP = 'docs/sweep/demo.yaml';
const STORE = 'docs/sweep/demo.results.jsonl';

const run = spawnSync(process.execPath, ['dist/cli.js', 'sweep', SWEEP], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
// (through the CLI: the bundled script cannot load the YAML parser, which is CommonJS)
const rep = spawnSync(process.execPath, ['dist/cli.js', 'sweep', 'report', SWEEP, '--out', 'docs/sweep/demo.html'], { stdio: 'inherit' });
if (rep.status !== 0) process.exit(rep.status ?? 1);
const records = Store.read(STORE).results();
const { figures } = sweepReport({ title: 'demo', records, verifies: [] });
for (const [profile, svg] of Object.entries(figures)) writeFileSync(`docs/sweep/${profile}.svg`, svg);
replaceBetween('README.md', DEMO_BEGIN, DEMO_END, markdownTable(records));
console.log(`${Object.keys(figures).map((p) => `docs/sweep/${p}.svg`).join(', ')}; README table: ${records.length} jobs`);

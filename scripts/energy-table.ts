// One command for the energy tables in README.md and docs/emulator.md:
//   npm run build && scripts/run-ts.sh scripts/energy-table.ts [--workers 2] [--redis url]
//        [--docs docs/emulator.md,README.md] [--splice]
// Runs the sweep sweeps/energy.yaml with the built CLI (`ebnkit sweep`: Van der
// Pol at N 25, 50, 100, trained under winner and under parallel, each job
// pricing its network on every built-in profile with one slow path: maps the
// runnable form, quantizes to the chip's bits, runs free with the network's
// own rule and with the chip's, prices every event (ranges, static power, host
// I/O), latency, throughput and energy x delay, labels rows that need an
// arbiter the chip lacks). Stored jobs are reused: a rerun at the same version
// only redraws. Then writes docs/energy.json (which stored jobs the documents
// use) and the documents themselves (scripts/energy/docs.ts).
// --splice: no sweep; redraw the documents from the jobs docs/energy.json names
// (after a change to the table layout, the profiles or bench/results/mcu.json).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { profilesTable } from '../src/emulator/profile-table.js';
import { KERNEL_SHA256 } from '../src/kernel/module.js';
import { loadSweep } from '../src/sweep/config.js';
import { jobKey, PACKAGE_VERSION } from '../src/sweep/key.js';
import { Store } from '../src/sweep/store.js';
import { energyDocsInput, ENERGY_SOURCES, type EnergySources } from './energy/sources.js';
import { energyParts, PARTS, type Parts } from './energy/docs.js';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '2' },
    redis: { type: 'string' },
    docs: { type: 'string', default: 'docs/emulator.md,README.md' },
    splice: { type: 'boolean', default: false },
  },
});

function splice(doc: string, name: string, body: string): string {
  const a = `<!-- ${name}:start -->`;
  const b = `<!-- ${name}:end -->`;
  const i = doc.indexOf(a);
  const j = doc.indexOf(b);
  return i >= 0 && j > i ? `${doc.slice(0, i + a.length)}\n${body}\n${doc.slice(j)}` : doc;
}

function writeDocs(parts: Parts): void {
  for (const path of (values.docs ?? '').split(',').filter((p) => p && existsSync(p))) {
    let doc = readFileSync(path, 'utf8');
    for (const k of PARTS) doc = splice(doc, k, parts[k]);
    doc = splice(doc, 'profiles-table', profilesTable());
    writeFileSync(path, doc);
  }
}

let sources: EnergySources;
if (values.splice) sources = JSON.parse(readFileSync(ENERGY_SOURCES, 'utf8')) as EnergySources;
else {
  const SWEEP = 'sweeps/energy.yaml';
  const args = ['dist/cli.js', 'sweep', SWEEP, ...(values.redis ? ['--redis', values.redis] : ['--workers', values.workers!])];
  console.error(`node ${args.join(' ')}`);
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
  const sweep = loadSweep(SWEEP);
  sources = { sweep: SWEEP, store: 'sweeps/energy.results.jsonl', version: PACKAGE_VERSION, kernel: KERNEL_SHA256, keys: sweep.jobs.map(jobKey) };
  writeFileSync(ENERGY_SOURCES, `${JSON.stringify(sources, null, 1)}\n`);
}
const { parts, svg } = energyParts(energyDocsInput(sources, Store.read(sources.store)));
writeFileSync('docs/energy-pareto.svg', svg);
writeDocs(parts);
console.log(`${parts['energy-table']}\n\n${parts['validation-table']}\n\n${parts.pareto}`);

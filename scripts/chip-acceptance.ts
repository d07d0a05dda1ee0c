// Acceptance of issue 11 at the defaults of the `parallel` rule: each network
// is built and trained under the rule in the kernel at the target format,
// then assessed as deployed, whole and with half its neurons killed.
//
//   scripts/run-ts.sh scripts/chip-acceptance.ts [--case vdp-q24|vdp-loihi|lorenz]... [--seeds 101,...]
//   scripts/run-ts.sh scripts/chip-acceptance.ts --readme   (only regenerate the README block from the JSON)
//
// Seeds 101-105 are used by no test and no tuning (the study used 7 and 8).
// Results merge into docs/chip-acceptance.json (one entry per case), and
// the README section "Chip spike rule" is regenerated from that file
// (scripts/lib/chip-readme.ts); test/chip-readme.test.ts checks they agree.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { lorenz } from '../src/systems/lorenz.js';
import { vanDerPol } from '../src/systems/vanderpol.js';
import type { DynamicalSystem } from '../src/systems/system.js';
import { ACCEPTANCE_JSON, chipReadme, type CaseResult, type SeedResult } from './lib/chip-readme.js';
import { writeBetweenMarkers } from './lib/markers.js';
import { runRuleTrial } from './lib/rule-trial.js';

interface Case {
  system: () => DynamicalSystem;
  format: string;
  /** Headline errors that must stay within `tolerance`. */
  errors: string[];
  tolerance: number;
  maxRate: number;
  label: string;
}

export const CASES: Record<string, Case> = {
  'vdp-q24': { system: vanDerPol, format: 'q24', errors: ['amplitudeError', 'periodError'], tolerance: 0.05, maxRate: 15, label: 'Van der Pol, parallel + one-step delay, q24' },
  'vdp-loihi': { system: vanDerPol, format: 'loihi', errors: ['amplitudeError', 'periodError'], tolerance: 0.1, maxRate: 20, label: 'Van der Pol, parallel + one-step delay, Loihi precision (8-bit weights, 24-bit state)' },
  lorenz: { system: lorenz, format: 'q24', errors: ['meanError', 'stdError'], tolerance: 0.2, maxRate: Infinity, label: 'Lorenz, parallel + one-step delay, q24 (low-rank)' },
};

function runCase(name: string, seeds: number[]): CaseResult {
  const c = CASES[name]!;
  const rows: SeedResult[] = [];
  for (const seed of seeds) {
    const t0 = performance.now();
    const o = runRuleTrial({ system: c.system(), network: { policy: 'parallel' }, format: c.format, seed, killHalf: true });
    const err = (m: Record<string, number>) => Math.max(...c.errors.map((k) => m[k] ?? Infinity));
    const r: SeedResult = {
      seed,
      errors: Object.fromEntries(c.errors.map((k) => [k, o.metrics[k]!])),
      rate: o.metrics.meanRate!,
      maxSimultaneous: o.maxSimultaneous,
      error: err(o.metrics),
      killedError: err(o.killed!),
      killedRate: o.killed!.meanRate!,
    };
    rows.push(r);
    console.log(`${name} seed ${seed}: ${c.errors.map((k) => `${k} ${(100 * o.metrics[k]!).toFixed(1)}%`).join(', ')}, ${r.rate.toFixed(1)} Hz, max ${r.maxSimultaneous}/step; half killed ${(100 * r.killedError).toFixed(1)}% (${r.killedRate.toFixed(1)} Hz)  [${((performance.now() - t0) / 1000).toFixed(0)} s]`);
  }
  return { name, label: c.label, format: c.format, tolerance: c.tolerance, maxRate: Number.isFinite(c.maxRate) ? c.maxRate : null, errorKeys: c.errors, seeds: rows };
}

function main(): void {
  const { values } = parseArgs({ options: { case: { type: 'string', multiple: true }, seeds: { type: 'string' }, readme: { type: 'boolean' } } });
  const names = values.readme ? [] : (values.case ?? Object.keys(CASES));
  for (const n of names) if (!CASES[n]) throw new Error(`--case ${n}: not one of ${Object.keys(CASES).join(', ')}`);
  const seeds = (values.seeds ?? '101,102,103,104,105').split(',').map(Number);
  const load = (): Record<string, CaseResult> => (existsSync(ACCEPTANCE_JSON) ? JSON.parse(readFileSync(ACCEPTANCE_JSON, 'utf8')) : {});
  let all = load();
  for (const n of names) {
    const r = runCase(n, seeds);
    all = { ...load(), [n]: r }; // re-read: cases may run in parallel processes
    writeFileSync(ACCEPTANCE_JSON + '.tmp', JSON.stringify(all, null, 2) + '\n');
    renameSync(ACCEPTANCE_JSON + '.tmp', ACCEPTANCE_JSON);
  }
  writeBetweenMarkers('README.md', 'chip-spike-rule', chipReadme(all));
  console.log(chipReadme(all));
}

main();

// Development view of a suite results file: one line per (system, seed) with
// the verdict, headline metrics and rate (scripts/run-ts.sh scripts/suite/dev.ts out/dev/results.jsonl).
import { readFileSync } from 'node:fs';
import { verdict } from '../../src/metrics/verdict.js';

const file = process.argv[2] ?? 'out/suite/results.jsonl';
const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
let pass = 0;
for (const r of rows) {
  if (!r.ok) { console.log(`${r.system.padEnd(15)} ${String(r.seed).padStart(4)} ERROR ${r.error}`); continue; }
  const v = verdict(r.kind, r.metrics, r.killedHalf);
  if (v.pass) pass++;
  const m = r.metrics;
  const keys = ['amplitudeError', 'periodError', 'basinAccuracy', 'fixedPointError', 'meanError', 'stdError', 'switchRateError', 'unseenInputError', 'invariantDrift'].filter((k) => m[k] !== undefined);
  console.log(`${r.system.padEnd(15)} ${String(r.seed).padStart(4)} ${v.pass ? 'PASS' : 'fail'} ${keys.map((k) => `${k.replace('Error', '')} ${(100 * m[k]).toFixed(1)}%`).join(', ')}; ${m.meanRate?.toFixed(1)} Hz CV ${m.medianCV?.toFixed(2)}; ${r.wallSeconds.toFixed(0)} s${v.pass ? '' : ' | ' + v.failures.join('; ')}`);
}
console.log(`${pass}/${rows.length} pass`);

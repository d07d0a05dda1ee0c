// Development view of a suite sweep: one line per stored (system, seed) with
// the verdict, headline metrics and rate
//   scripts/run-ts.sh scripts/suite/dev.ts out/dev/suite.yaml
import { readFileSync } from 'node:fs';
import { verdict } from '../../src/metrics/verdict.js';
import { parseSweep } from '../../src/sweep/config.js';
import { Store } from '../../src/sweep/store.js';
import { suiteResults } from './sweep.js';

const file = process.argv[2] ?? 'sweeps/suite.yaml';
const sw = parseSweep(readFileSync(file, 'utf8'), file);
const { results: rows } = suiteResults(sw, Store.read(sw.store));
let pass = 0;
for (const r of rows) {
  if (!r.ok) { console.log(`${r.system.padEnd(15)} ${String(r.seed).padStart(4)} ERROR ${r.error}`); continue; }
  const v = verdict(r.kind, r.metrics, r.killedHalf);
  if (v.pass) pass++;
  const m = r.metrics;
  const keys = ['amplitudeError', 'periodError', 'basinAccuracy', 'fixedPointError', 'meanError', 'stdError', 'switchRateError', 'unseenInputError', 'invariantDrift'].filter((k) => m[k] !== undefined);
  console.log(`${r.system.padEnd(15)} ${String(r.seed).padStart(4)} ${v.pass ? 'PASS' : 'fail'} ${keys.map((k) => `${k.replace('Error', '')} ${(100 * m[k]!).toFixed(1)}%`).join(', ')}; ${m.meanRate?.toFixed(1)} Hz CV ${m.medianCV?.toFixed(2)}; ${(r.cpuSeconds ?? r.wallSeconds).toFixed(0)} s${v.pass ? '' : ' | ' + v.failures.join('; ')}`);
}
console.log(`${pass}/${rows.length} pass`);

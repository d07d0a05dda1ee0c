// Which stored sweep jobs the energy documents are drawn from
// (docs/energy.json, written by scripts/energy-table.ts after its sweep ran),
// and the documents' input assembled from them and the store.
import { readFileSync } from 'node:fs';
import type { Store } from '../../src/sweep/store.js';
import type { EnergyDocsInput, McuResults } from './docs.js';

export const ENERGY_SOURCES = 'docs/energy.json';

export interface EnergySources {
  sweep: string;
  store: string;
  /** ebnkit version and kernel sha256 the jobs ran with (their keys include both). */
  version: string;
  kernel: string;
  /** The jobs' keys, in the sweep file's order. */
  keys: string[];
}

export function energyDocsInput(src: EnergySources, store: Store): EnergyDocsInput {
  const records = src.keys.map((k) => {
    const r = store.get(k);
    if (!r) throw new Error(`${src.store}: job ${k.slice(0, 12)} of ${src.sweep} is not stored (run scripts/energy-table.ts without --splice)`);
    return r;
  });
  const keys = new Set(src.keys);
  return {
    sweep: src.sweep,
    records,
    verifies: store.verifies.filter((v) => keys.has(v.key)),
    version: src.version,
    kernel: src.kernel,
    mcu: JSON.parse(readFileSync('bench/results/mcu.json', 'utf8')) as McuResults,
  };
}

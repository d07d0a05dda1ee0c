// README figures come from the suite, and the suite from sweep results: each
// README block must equal what scripts/suite/readme.ts renders from
// docs/<stem>.json, every row of that report must be what the committed store
// sweeps/<stem>.results.jsonl holds for the jobs it names, and the committed
// sweep files must be what scripts/suite.ts writes from the suite list.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Store } from '../src/sweep/store.js';
import { SUITE, SUITE_SEEDS, VARIANTS } from '../scripts/suite/list.js';
import { currentBlock, renderBlock, suiteReports } from '../scripts/suite/readme.js';
import { summarise } from '../scripts/suite/report.js';
import { suiteResultOf, suiteSweepText } from '../scripts/suite/sweep.js';

interface Row {
  name: string;
  carried?: boolean;
  keys?: string[];
  [k: string]: unknown;
}

describe('README suite figures', () => {
  it('every suite report exists (winner: docs/suite.json, parallel: docs/suite-parallel.json, search: docs/suite-search.json)', () => {
    expect(suiteReports()).toEqual(['suite', 'suite-parallel', 'suite-search']);
  });
  for (const stem of suiteReports()) {
    const variant = VARIANTS.find((v) => v.stem === stem)!;
    const report = JSON.parse(readFileSync(`docs/${stem}.json`, 'utf8')) as { seeds: number[]; sweep: string; systems: Row[] };
    it(`the README block ${stem} is exactly the render of docs/${stem}.json (no hand-typed figures)`, () => {
      const block = currentBlock(readFileSync('README.md', 'utf8'), stem);
      expect(block).not.toBeNull();
      expect(block).toBe(renderBlock(report as never, stem));
    });
    it(`sweeps/${stem}.yaml is what scripts/suite.ts writes from the suite list (13 systems x the report seeds)`, () => {
      expect(readFileSync(`sweeps/${stem}.yaml`, 'utf8')).toBe(suiteSweepText(variant, { seeds: SUITE_SEEDS, systems: SUITE.map((s) => s.name), dir: 'sweeps', store: `${stem}.results.jsonl` }));
    });
    it(`every row of docs/${stem}.json not carried over is recomputed exactly from the stored sweep jobs it names`, () => {
      const store = Store.read(`sweeps/${stem}.results.jsonl`);
      const fresh = report.systems.filter((r) => !r.carried);
      expect(fresh.length).toBeGreaterThan(0);
      const results = fresh.flatMap((r) =>
        r.keys!.map((k) => {
          const rec = store.get(k);
          expect(rec, `${r.name}: job ${k.slice(0, 12)} is not in the committed store`).toBeDefined();
          return suiteResultOf(rec!)!;
        }),
      );
      const again = summarise(results, report.seeds).systems.filter((y) => fresh.some((r) => r.name === y.name));
      // through JSON, as the report was written (NaN -> null)
      expect(JSON.parse(JSON.stringify(again))).toEqual(fresh);
    });
  }
});

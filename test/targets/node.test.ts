// Node (V8): every golden scenario through the real host, recorded as an ABI
// tape, compared with the golden records and their per-step detail.
import { describe, expect, it } from 'vitest';
import { compareGolden } from './lib/compare.js';
import { loadGolden } from './lib/golden.js';
import { GOLDEN_NAMES, recordGoldens } from './lib/scenarios.js';
import { bundleTapes, encodeTape } from './lib/tape.js';

describe('node: golden scenarios with first-difference reporting', () => {
  const golden = loadGolden();
  const recs = recordGoldens();

  it('the per-step detail covers every golden scenario', () => {
    expect(Object.keys(golden.detail).sort()).toEqual([...GOLDEN_NAMES].sort());
  });

  for (const [i, name] of GOLDEN_NAMES.entries()) {
    it(`${name}: bit exact, raster included`, () => {
      expect(compareGolden('node', name, golden.scenarios[name]!, golden.detail[name]!, recs[i]!.result)).toEqual([]);
    });
  }

  it('tapes are compact and deterministic', () => {
    const again = recordGoldens();
    const a = bundleTapes(recs.map((r) => r.tape)), b = bundleTapes(again.map((r) => r.tape));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    for (const r of recs) expect(encodeTape(r.tape).length).toBeLessThan(160 * 1024);
  });
});

// Bit-exact: the kernel replays every golden scenario to the same spike-raster
// hash, state hash and counters. Regenerate with `npm run golden` only when a
// change of the kernel's arithmetic is intended, and say so in the commit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIOS, type GoldenRecord } from './golden/scenarios.js';
import { KERNEL_SHA256 } from '../src/kernel/module.js';

const golden = JSON.parse(readFileSync(new URL('./golden/kernel.json', import.meta.url), 'utf8')) as {
  kernelSha256: string;
  scenarios: Record<string, GoldenRecord>;
};

describe('kernel golden vectors (bit-exact)', () => {
  it('covers every scenario', () => {
    expect(Object.keys(golden.scenarios).sort()).toEqual(Object.keys(SCENARIOS).sort());
  });
  for (const [name, run] of Object.entries(SCENARIOS)) {
    it(`${name}: spike hash, state hash and counters match`, () => {
      const got = run();
      const want = golden.scenarios[name]!;
      const note = got.spikeHash === want.spikeHash ? '' : ` (golden recorded with kernel ${golden.kernelSha256.slice(0, 12)}, running ${KERNEL_SHA256.slice(0, 12)})`;
      expect(got.spikeHash, `spike raster hash${note}`).toBe(want.spikeHash);
      expect(got.stateHash, 'state hash (V, r, Os)').toBe(want.stateHash);
      expect(got.counters).toEqual(want.counters);
    });
  }
});

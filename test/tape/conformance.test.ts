// The conformance scenarios: every spike policy x execution mode is there
// (generated from SPIKE_POLICIES and EXECUTION_MODES), every number format,
// and every recorded tape replays bit exact through the portable JS player
// (the same player the JS engines run). Fixed seeds; bit-exact oracle.
import { describe, expect, it } from 'vitest';
import { kernelBytes } from '../../src/kernel/module.js';
import { EXECUTION_MODES } from '../../src/kernel/lowrank.js';
import { FORMATS } from '../../src/presets.js';
import { SPIKE_POLICIES } from '../../src/spec.js';
import { compareResults } from '../../src/tape/compare.js';
import { conformanceScenarios } from '../../src/tape/conformance.js';
import { encodeTape } from '../../src/tape/encode.js';
import { RUNTIMES } from '../../src/tape/runtimes.js';

const scenarios = conformanceScenarios();

describe('conformance scenarios', () => {
  it('cross every spike policy with every execution mode, and cover every number format', () => {
    const names = scenarios.map((s) => s.name);
    for (const p of SPIKE_POLICIES)
      for (const m of EXECUTION_MODES)
        for (const kind of ['free-input', 'learn-noise', 'kill-revive']) expect(names).toContain(`${kind}-${p}-${m}`);
    for (const f of Object.keys(FORMATS).filter((x) => x !== 'q24')) expect(names.some((n) => n.startsWith(`format-${f}-`))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it('every tape replays bit exact through the portable player, and the ABI refusals are in the tape', async () => {
    for (const s of scenarios) {
      const rec = s.record();
      const ops = encodeTape(rec.tape);
      const got = await RUNTIMES.node!.run({ kernel: kernelBytes(), ops, tape: rec.tape, expectSpikes: rec.result.raster.length / 2, dir: '/nonexistent', timeoutMs: 60_000 });
      expect(compareResults('node-player', rec.result, got, 'host'), s.name).toEqual([]);
      if (s.name === 'abi-edges') {
        const opens = rec.tape.ops.filter((o) => o.op === 'open').map((o) => (o as { ret: number }).ret);
        expect(new Set(opens)).toEqual(new Set([-7, -1, -2, -5, -3, -4, -6, 0])); // every E_ code of open(), and success
      }
    }
  }, 120_000);
});

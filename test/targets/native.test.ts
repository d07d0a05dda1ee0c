// wasm2c + gcc, native: the golden tapes replayed through the C translation
// of build/release.wasm by targets/replay (the same player as the firmware).
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compareGolden } from './lib/compare.js';
import { make, runNative, tapeTimes, describeFailure, type DriverRun } from './lib/c-runners.js';
import { writeGoldenTapes } from './lib/artifacts.js';
import { loadGolden } from './lib/golden.js';
import { GOLDEN_NAMES } from './lib/scenarios.js';
import { describeTarget } from './lib/suite.js';
import { tempDir, removeTempDirs } from './lib/tools.js';

describeTarget('wasm2c + gcc (native)', ['wasm2c', 'gcc', 'make'], () => {
  const golden = loadGolden();
  let d: DriverRun;
  afterAll(removeTempDirs);
  beforeAll(async () => {
    const dir = tempDir('native');
    writeGoldenTapes(dir);
    const t0 = performance.now();
    await make(['native'], { OUT: dir });
    const built = performance.now() - t0;
    d = await runNative(dir, join(dir, 'goldens.tapes'));
    const kernelMs = tapeTimes(d.ran.stdout).reduce((s, t) => s + t.run / 1e6, 0);
    console.log(`wasm2c+gcc native: build ${(built / 1000).toFixed(1)} s, replay ${d.ran.ms.toFixed(0)} ms (kernel ${kernelMs.toFixed(1)} ms for ${GOLDEN_NAMES.length} x 4000 steps)`);
  });

  it('runs every tape to the end; ebnkit.h agrees with the kernel\'s constant table', () => {
    expect(describeFailure(d)).toBe('');
    expect(d.abiOk).toBe(true);
    expect(d.results.map((r) => r.name)).toEqual(GOLDEN_NAMES);
  });
  for (const name of GOLDEN_NAMES) {
    it(`${name}: bit exact`, () => {
      const got = d.results.find((r) => r.name === name);
      expect(compareGolden('wasm2c-native', name, golden.scenarios[name]!, golden.detail[name]!, got)).toEqual([]);
    });
  }
});

// WABT spectest-interp: build/release.wasm, unchanged, as `(module binary ...)`
// in a .wast script, with a generated driver module that replays each golden
// tape through the kernel's exports (lib/wast.ts). One script per tape, two
// interpreters at a time.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compareGolden } from './lib/compare.js';
import { loadGolden } from './lib/golden.js';
import { GOLDEN_NAMES, recordGoldens } from './lib/scenarios.js';
import type { TapeResult } from './lib/tape.js';
import { fromRoot } from './lib/paths.js';
import { describeTarget } from './lib/suite.js';
import { run, runOk, tempDir, removeTempDirs } from './lib/tools.js';
import { parseInterpOutput, tapesToWast } from './lib/wast.js';

const TIMEOUT_MS = 120_000;

describeTarget('WABT spectest-interp', ['wast2json', 'spectest-interp'], () => {
  const golden = loadGolden();
  const results: Record<string, TapeResult> = {};
  const ms: Record<string, number> = {};

  afterAll(removeTempDirs);
  beforeAll(async () => {
    const dir = tempDir('interp');
    const kernel = readFileSync(fromRoot('build/release.wasm'));
    const recs = recordGoldens();
    const queue = recs.map((r) => async () => {
      const name = r.tape.name;
      const w = tapesToWast(kernel, [r.tape], [golden.detail[name]!.raster.length / 2], { state: true });
      const wast = join(dir, `${name}.wast`), json = join(dir, `${name}.json`);
      writeFileSync(wast, w.text);
      await runOk('wast2json', [wast, '-o', json], { timeoutMs: TIMEOUT_MS });
      const ran = await run('spectest-interp', [json], { timeoutMs: TIMEOUT_MS });
      ms[name] = ran.ms;
      const got = parseInterpOutput(w, ran.stdout)[0];
      if (got && ran.timedOut) got.errors.push(`spectest-interp timed out after ${TIMEOUT_MS / 1000} s`);
      if (got) results[name] = got;
    });
    const worker = async () => { for (let job = queue.shift(); job; job = queue.shift()) await job(); };
    const t0 = performance.now();
    await Promise.all([worker(), worker()]);
    console.log(`spectest-interp: ${GOLDEN_NAMES.length} tapes in ${((performance.now() - t0) / 1000).toFixed(1)} s (` +
      GOLDEN_NAMES.map((n) => `${n} ${((ms[n] ?? 0) / 1000).toFixed(1)} s`).join(', ') + ')');
  }, 300_000);

  for (const name of GOLDEN_NAMES) {
    it(`${name}: bit exact`, () => {
      expect(compareGolden('spectest-interp', name, golden.scenarios[name]!, golden.detail[name]!, results[name])).toEqual([]);
    });
  }
});

// SpiderMonkey (Debian's gjs 1.74 embeds SpiderMonkey 102) and JavaScriptCore
// (the npm `bun` 1.4.4 embeds it) in the golden matrix (issue 14, deliverable
// 6). Neither runs the TypeScript host as-is (gjs has no Node APIs and only the
// synchronous WebAssembly.Module/Instance), so each runs the golden ABI tapes
// through a plain-JS tape player (lib/replay-js.ts, the port of the C driver)
// bundled into one script with the release kernel; the results must match the
// goldens bit for bit, like every other runtime.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeGoldenTapes } from './lib/artifacts.js';
import { compareGolden } from './lib/compare.js';
import { loadGolden } from './lib/golden.js';
import { fromRoot } from './lib/paths.js';
import { GOLDEN_NAMES } from './lib/scenarios.js';
import { describeTarget } from './lib/suite.js';
import { parseDriverOutput, type TapeResult } from './lib/tape.js';
import { removeTempDirs, run, tempDir, type Ran } from './lib/tools.js';

const BUN = fromRoot('node_modules/.bin/bun');
const ENGINES = [
  { name: 'SpiderMonkey (gjs)', tool: 'gjs', cmd: (f: string) => ['gjs', [f]] as const },
  { name: 'JavaScriptCore (bun)', tool: BUN, cmd: (f: string) => [BUN, [f]] as const },
];

/** Both kernel builds: the scalar release build, and the SIMD build the host picks where the runtime has SIMD128. */
const BUILDS = ['release', 'simd'] as const;

async function engineScript(dir: string, wasmFile: string): Promise<string> {
  writeGoldenTapes(dir);
  const b = await build({ entryPoints: [fromRoot('test/targets/lib/engine-entry.ts')], bundle: true, format: 'iife', platform: 'neutral', target: 'es2020', write: false, logLevel: 'warning' });
  const wasm = readFileSync(fromRoot(wasmFile)).toString('base64');
  const tapes = readFileSync(join(dir, 'goldens.tapes')).toString('base64');
  const file = join(dir, 'engine.js');
  writeFileSync(file, `var EBNK_WASM = "${wasm}";\nvar EBNK_TAPES = "${tapes}";\n${b.outputFiles[0]!.text}`);
  return file;
}

for (const e of ENGINES)
  for (const kernel of BUILDS)
    describeTarget(`${e.name}, build/${kernel}.wasm`, [e.tool], () => {
      const golden = loadGolden();
      let ran: Ran;
      let results: TapeResult[];
      afterAll(removeTempDirs);
      beforeAll(async () => {
        const file = await engineScript(tempDir('engine'), `build/${kernel}.wasm`);
        const [cmd, args] = e.cmd(file);
        ran = await run(cmd, [...args], { timeoutMs: 240_000 });
        results = parseDriverOutput(ran.stdout);
        console.log(`${e.name}: replayed ${results.length} golden tapes on build/${kernel}.wasm in ${(ran.ms / 1000).toFixed(1)} s`);
      }, 300_000);
      it('runs every golden tape to the end, every call returning what Node saw', () => {
        expect(ran.stderr.trim()).toBe('');
        expect(ran.code).toBe(0);
        expect(ran.stdout).toMatch(/^engine exit 0$/m);
        expect(results.map((r) => r.name)).toEqual(GOLDEN_NAMES);
        expect(results.flatMap((r) => r.errors)).toEqual([]);
      });
      for (const name of GOLDEN_NAMES) {
        it(`${name}: bit exact`, () => {
          expect(compareGolden(e.name, name, golden.scenarios[name]!, golden.detail[name]!, results.find((r) => r.name === name))).toEqual([]);
        });
      }
    });

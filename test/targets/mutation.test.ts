// A deliberate one-bit change in the kernel's arithmetic must fail the golden
// comparison and name the first differing step. The kernel source is copied
// to a temporary directory, one rounding constant is changed there (the half
// LSB that rshr() adds before every rounding shift becomes a quarter LSB: one
// bit), and the copy is compiled with asc and wasm-opt under asconfig.json's
// release options (scripts/asbuild.mjs). The mutant then runs every golden scenario in Node (through the
// real host) and, when wasm2c and gcc are present, through the native C
// player; both must report the same first differing step and neuron.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optArgs } from '../../scripts/asbuild.mjs';
import { compareGolden } from './lib/compare.js';
import { make, runNative } from './lib/c-runners.js';
import { loadGolden } from './lib/golden.js';
import { fromRoot } from './lib/paths.js';
import { GOLDEN_NAMES, recordGoldens } from './lib/scenarios.js';
import { SCENARIOS } from '../golden/scenarios.js';
import { bundleTapes, recordTape, type Recording } from './lib/tape.js';
import { isCI, missingTools, runOk, tempDir, removeTempDirs } from './lib/tools.js';

/** The mutation: in fixed.ts rshr(), (v + 2^(s-1)) >> s becomes (v + 2^(s-2)) >> s. */
const FILE = 'fixed.ts';
const FROM = '(<i64>1 << <i64>(s - 1))';
const TO = '(<i64>1 << <i64>(s - 2))';

async function compileKernel(dir: string, mutate: boolean): Promise<Uint8Array> {
  mkdirSync(dir, { recursive: true });
  cpSync(fromRoot('assembly'), join(dir, 'assembly'), { recursive: true, filter: (p) => !p.includes('__tests__') });
  if (mutate) {
    const f = join(dir, 'assembly', FILE);
    const src = readFileSync(f, 'utf8');
    if (src.split(FROM).length !== 2) throw new Error(`assembly/${FILE} no longer contains exactly one "${FROM}": update the mutation in test/targets/mutation.test.ts`);
    writeFileSync(f, src.replace(FROM, TO));
  }
  // the project's asconfig.json, release target, writing inside the temp dir only
  const conf = JSON.parse(readFileSync(fromRoot('asconfig.json'), 'utf8'));
  conf.targets.release.outFile = 'kernel.wasm';
  delete conf.targets.release.textFile;
  writeFileSync(join(dir, 'asconfig.json'), JSON.stringify(conf, null, 2));
  await runOk(fromRoot('node_modules/.bin/asc'), ['assembly/index.ts', '--target', 'release'], { cwd: dir, timeoutMs: 120_000 });
  await runOk(fromRoot('node_modules/.bin/wasm-opt'), optArgs(conf.targets.release)!, { cwd: dir, timeoutMs: 120_000 }); // as npm run build does
  return readFileSync(join(dir, 'kernel.wasm'));
}

const STEP = /first differing step (\d+), neuron (\d+)/;

describe('a one-bit change in the kernel arithmetic is caught', () => {
  const golden = loadGolden();
  let mutant: Uint8Array;
  let nodeRecs: Recording[];
  let dir: string;

  afterAll(removeTempDirs);
  beforeAll(async () => {
    dir = tempDir('mutant');
    const [copy, m] = await Promise.all([compileKernel(join(dir, 'copy'), false), compileKernel(join(dir, 'mutant'), true)]);
    mutant = m;
    expect(Buffer.from(copy).equals(readFileSync(fromRoot('build/release.wasm'))), 'the unmutated copy must build bit-identical to build/release.wasm').toBe(true);
    const module = new WebAssembly.Module(mutant as BufferSource);
    nodeRecs = GOLDEN_NAMES.map((name) => recordTape(name, () => SCENARIOS[name]!(), { module }));
  }, 180_000);

  it('the mutant differs from the release kernel', () => {
    expect(Buffer.from(mutant).equals(readFileSync(fromRoot('build/release.wasm')))).toBe(false);
  });

  it('node: every golden scenario fails, naming the first differing step and neuron', () => {
    for (const r of nodeRecs) {
      const name = r.tape.name;
      const bad = compareGolden('node-mutant', name, golden.scenarios[name]!, golden.detail[name]!, r.result);
      expect(bad.length, `${name} must fail`).toBeGreaterThan(0);
      expect(bad[0]).toMatch(STEP);
      console.log(bad[0]);
    }
  });

  const missing = missingTools(['wasm2c', 'gcc', 'make']);
  it.skipIf(missing.length > 0 && !isCI())(`wasm2c + gcc: the mutant fails the same way${missing.length ? ` (skipped: ${missing[0]} not found)` : ''}`, async () => {
    if (missing.length) throw new Error(`${missing.join(', ')} not found (CI=true requires every target)`);
    const out = join(dir, 'native');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'mutant.wasm'), mutant);
    // tapes recorded from the real host with the release kernel: the inputs do not depend on the kernel
    writeFileSync(join(out, 'goldens.tapes'), bundleTapes(recordGoldens().map((r) => r.tape)));
    await make(['native'], { OUT: out, WASM: join(out, 'mutant.wasm') });
    const d = await runNative(out, join(out, 'goldens.tapes'));
    for (const name of GOLDEN_NAMES) {
      const got = d.results.find((r) => r.name === name);
      const bad = compareGolden('wasm2c-mutant', name, golden.scenarios[name]!, golden.detail[name]!, got);
      const node = compareGolden('node-mutant', name, golden.scenarios[name]!, golden.detail[name]!, nodeRecs.find((r) => r.tape.name === name)!.result);
      expect(bad[0]).toMatch(STEP);
      expect(STEP.exec(bad[0]!)!.slice(1)).toEqual(STEP.exec(node[0]!)!.slice(1));
    }
  }, 180_000);
});

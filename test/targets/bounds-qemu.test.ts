// Deliverable 3 of issue 14 on the device: the kernel-bounds property's call
// sequences (test/targets/lib/bounds.ts, fast-check, fixed seed) replayed in
// the UNCHECKED wasm2c build (CHECKS=0: no bounds check on any access) on a
// Cortex-M3 under QEMU, with 4 KiB of 0xA5 canary right after the wasm arena.
// Each sequence first ran in Node with every byte of memory checked after
// every call; on the device, every call must return what Node saw (the tape
// player checks), nothing may trap, and the canary must be intact.
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, afterAll, expect, it } from 'vitest';
import { instantiate, kernelModuleSync } from '../../src/kernel/module.js';
import { callsArb, imageFor, netArb, runChecked } from './lib/bounds.js';
import { describeFailure, make, runQemu, type DriverRun } from './lib/c-runners.js';
import { describeTarget } from './lib/suite.js';
import { bundleTapes, type Tape } from './lib/tape.js';
import { fromRoot } from './lib/paths.js';
import { removeTempDirs, run, tempDir } from './lib/tools.js';

const SEED = 1406;
const SEQUENCES = 60;
const PAGES = 2; // the device backs two whole wasm pages; sequences whose Node memory grew past that are left out

describeTarget('kernel bounds in the unchecked wasm2c build on QEMU (Cortex-M3, canary after the arena)',
  ['wasm2c', 'make', 'arm-none-eabi-gcc', 'picolibc', 'qemu-system-arm'], () => {
  let d: DriverRun;
  let tapes: Tape[] = [];
  let opened = 0;
  afterAll(removeTempDirs);
  beforeAll(async () => {
    const samples = fc.sample(netArb.chain((n) => fc.tuple(fc.constant(n), callsArb(n.N, false))), { seed: SEED, numRuns: SEQUENCES });
    samples.forEach(([net, calls], i) => {
      const k = instantiate(kernelModuleSync());
      const r = runChecked(k, imageFor(net), calls, `bounds-${i}`);
      if (r.violations.length) throw new Error(`Node already fails sequence ${i}: ${r.violations[0]}`);
      if (k.memory.buffer.byteLength <= PAGES * 65536) {
        tapes.push(r.tape);
        opened += r.opened;
      }
    });
    const dir = tempDir('bounds-qemu');
    writeFileSync(join(dir, 'bounds.tapes'), bundleTapes(tapes));
    await make([join(dir, 'm3', 'golden.elf')], { OUT: dir, TAPES: join(dir, 'bounds.tapes'), CHECKS: 0, CANARY: 4096, PAGES });
    d = await runQemu(join(dir, 'm3', 'golden.elf'), 'm3', 180_000);
  }, 400_000);

  it(`${SEQUENCES} random call sequences (most of them kept) replay with every return value equal to Node's, no trap, canary intact`, () => {
    expect(tapes.length).toBeGreaterThan(SEQUENCES / 2);
    expect(opened).toBeGreaterThan(20);
    expect(describeFailure(d)).toBe('');
    expect(d.ran.stdout).toMatch(/^canary intact \(4096 bytes after the arena\)$/m);
    expect(d.results.map((r) => r.errors).flat()).toEqual([]);
    console.log(`unchecked cortex-m3: ${tapes.length} sequences, ${opened} accepted layouts, canary intact`);
  });
  it('a partly backed wasm page without bounds checks does not compile (the kernel would see memory that is not there)', async () => {
    const args = ['-mcpu=cortex-m3', '-mthumb', '--specs=picolibc.specs', '-I/usr/src/wasm2c', '-c', fromRoot('targets/rt/wasm-rt-baremetal.c'), '-o', '/dev/null', '-DEBNK_WASM_MEM_BYTES=40000'];
    const unchecked = await run('arm-none-eabi-gcc', [...args, '-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=1', '-DWASM_RT_SKIP_SIGNAL_RECOVERY=1']);
    expect(unchecked.code).not.toBe(0);
    expect(unchecked.stderr).toMatch(/EBNK_WASM_MEM_BYTES \(a partly backed page\) needs bounds checks/);
    expect((await run('arm-none-eabi-gcc', args)).code).toBe(0); // with checks it builds
  });
});

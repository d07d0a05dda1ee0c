// targets/Makefile rewrites two lines of wasm2c's output (the memory base of
// every load and store, and the load barrier: rt/ebnk-mem-base.h). A sed that
// matches nothing would build plain, slower code without a word, so the
// Makefile fails instead; this test checks both: the rewrite applied to this
// WABT's output, and a differently worded output stops the build.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeTarget } from './lib/suite.js';
import { ROOT, removeTempDirs, run, runOk, tempDir } from './lib/tools.js';

describeTarget('targets/Makefile: the wasm2c rewrites apply or the build fails', ['wasm2c', 'make'], () => {
  afterAll(removeTempDirs);
  const makeKernel = (out: string, extra: string[] = []) =>
    run('make', ['-s', '-C', join(ROOT, 'targets'), `OUT=${out}`, ...extra, join(out, 'kernel.c')], { timeoutMs: 60_000 });

  it('rewrites every load/store base and load barrier of this WABT\'s output', async () => {
    const out = tempDir('w2c-rewrite');
    const r = await makeKernel(out);
    expect(r.code, r.stderr).toBe(0);
    const c = readFileSync(join(out, 'kernel.c'), 'utf8');
    expect(c).not.toMatch(/wasm_asm\("" ::"r"\(result\)\)/);
    expect(c).not.toMatch(/&mem->data\[addr\]/);
    expect(c.match(/&EBNK_MEM_BASE\(mem\)\[addr\]/g)?.length).toBeGreaterThanOrEqual(2); // DEFINE_LOAD, DEFINE_STORE
    expect(c.match(/EBNK_LOAD_BARRIER\(result\);/g)?.length).toBeGreaterThanOrEqual(1);
    // without rt/ebnk-mem-base.h both macros keep wasm2c's own behaviour
    expect(c).toMatch(/#define EBNK_MEM_BASE\(m\) \(\(m\)->data\)/);
    expect(c).toMatch(/#define EBNK_LOAD_BARRIER\(r\) wasm_asm\("" ::"r"\(r\)\)/);
    // and with it (the unchecked bare-metal build) the arena base and no barrier
    const h = readFileSync(join(ROOT, 'targets', 'rt', 'ebnk-mem-base.h'), 'utf8');
    expect(h).toMatch(/#define EBNK_MEM_BASE\(m\) \(ebnk_wasm_arena\)/);
    expect(h).toMatch(/#define EBNK_LOAD_BARRIER\(r\) \(\(void\)0\)/);
  });

  it('fails loudly when wasm2c words the load barrier differently', async () => {
    const out = tempDir('w2c-reworded');
    const fake = join(out, 'wasm2c-reworded.sh');
    // a "newer WABT": the same translation with the barrier spelled another way
    writeFileSync(fake, `#!/bin/sh\nset -e\nwasm2c "$@"\nfor a in "$@"; do o=$a; done\nsed -i 's/wasm_asm("" ::"r"(result));/wasm_asm("" : : "r"(result));/' "$o"\n`);
    chmodSync(fake, 0o755);
    const r = await makeKernel(out, [`WASM2C=${fake}`]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/rewrite did not apply/);
    await expect(runOk('test', ['!', '-e', join(out, 'kernel.c')])).resolves.toBeDefined();
  });
});

// `tape export`: the .wast script checks itself under WABT's spectest-interp
// (every recorded value is an assert_return), and the exported C directory
// builds with gcc and prints PASS; with one recorded spike changed, both
// fail, and the C player names the first differing step and neuron.
// (Fixed seeds; bit-exact oracle.)
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { KernelExecutor } from '../../src/kernel/executor.js';
import { kernelBytes, KERNEL_SHA256 } from '../../src/kernel/module.js';
import { networkFor, vanDerPol } from '../../src/systems/index.js';
import { ABI } from '../../src/tape/abi.js';
import { exportC, exportWast } from '../../src/tape/export.js';
import { expectedMeta, readTapeFile, writeTapeFile, type TapeFile } from '../../src/tape/file.js';
import { run, runOk } from '../../src/tape/proc.js';
import { recordScenario } from '../../src/tape/scenario.js';
import { describeTarget } from '../targets/lib/suite.js';
import { removeTempDirs, tempDir } from '../targets/lib/tools.js';

const sys = vanDerPol();
const spec = networkFor(sys, { seed: 5, neurons: 20 });
const image = new KernelExecutor(spec).image();
const rec = recordScenario('exp', image, spec, sys, { seconds: 0.2, feedback: true, learning: true, noise: 0.02, checkpoints: 3, seed: 9 });
const f = readTapeFile(writeTapeFile({
  name: 'exp', abiVersion: ABI.VERSION, kernelSha256: KERNEL_SHA256, image: { bytes: image.length, checksum: '0x0', sha256: '' },
  recordedWith: { ebnkit: 'test' }, expected: expectedMeta(rec.result),
}, kernelBytes(), rec.tape));
/** The same tape with the recorded neuron of spike #k changed. */
function tampered(k: number): TapeFile {
  const raster = f.expected.raster.slice();
  raster[2 * k + 1] = (raster[2 * k + 1]! + 1) % spec.N;
  return { ...f, expected: { ...f.expected, raster } };
}
const K = 7;
afterAll(removeTempDirs);

describeTarget('tape export --format wast (spectest-interp)', ['wast2json', 'spectest-interp'], () => {
  it('every assertion passes; a changed recorded spike fails exactly that assertion', async () => {
    expect(f.expected.raster.length / 2).toBeGreaterThan(K);
    for (const [tape, fails] of [[f, 0], [tampered(K), 1]] as const) {
      const dir = tempDir('wast');
      const { files, assertions } = exportWast(tape, dir);
      await runOk('wast2json', [files[0]!, '-o', join(dir, 't.json')]);
      const ran = await run('spectest-interp', [join(dir, 't.json')], { timeoutMs: 120_000 });
      // spectest-interp also counts the segment invokes and the module commands
      const m = /(\d+)\/(\d+) tests passed\./.exec(ran.stdout)!;
      expect(Number(m[2])).toBeGreaterThanOrEqual(assertions + f.expected.marks.length);
      expect(Number(m[2]) - Number(m[1])).toBe(fails);
    }
  }, 300_000);
});

describeTarget('tape export --format c (gcc)', ['wasm2c', 'gcc', 'make'], () => {
  it('builds and passes; a changed recorded spike fails naming its step and neuron', async () => {
    const good = tempDir('c-good');
    await exportC(f, good);
    const ok = await run('make', ['-s', '-C', good, 'check'], { timeoutMs: 180_000 });
    expect(ok.stdout.trim().split('\n').at(-1)).toBe('PASS');
    expect(ok.code).toBe(0);
    const bad = tempDir('c-bad');
    await exportC(tampered(K), bad);
    const no = await run('make', ['-s', '-C', bad, 'check'], { timeoutMs: 180_000 });
    expect(no.code).not.toBe(0);
    const step = f.expected.raster[2 * K]!, neuron = f.expected.raster[2 * K + 1]!;
    expect(no.stdout).toMatch(new RegExp(`err first differing step ${step}, neuron ${neuron} \\(spike #${K}`));
    expect(no.stdout).toMatch(/^FAIL$/m);
  }, 300_000);
});

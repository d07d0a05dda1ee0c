// The .tape file and `verify` on Node: a recorded run replays bit exact; any
// damage refuses the file whole; a kernel with another ABI is refused with a
// clear message; a tape whose calls differ from its expectation names the
// first differing step and neuron. (Fixed seeds; bit-exact oracle.)
import { describe, expect, it } from 'vitest';
import { ABI_VERSION } from '../../src/formats.js';
import { KernelExecutor } from '../../src/kernel/executor.js';
import { kernelBytes, KERNEL_SHA256 } from '../../src/kernel/module.js';
import { networkFor, vanDerPol } from '../../src/systems/index.js';
import { ABI } from '../../src/tape/abi.js';
import { compareResults } from '../../src/tape/compare.js';
import { decodeTape, encodeTape } from '../../src/tape/encode.js';
import { checkAbi, expectedMeta, readTapeFile, writeTapeFile, type TapeMeta } from '../../src/tape/file.js';
import { RUNTIMES } from '../../src/tape/runtimes.js';
import { recordScenario } from '../../src/tape/scenario.js';

const sys = vanDerPol();
const spec = networkFor(sys, { seed: 3, neurons: 24 });
const image = new KernelExecutor(spec).image();
const rec = recordScenario('t', image, spec, sys, { seconds: 0.4, learning: true, kill: 0.25, revive: true, noise: 0.01, input: 'noise', block: 97, checkpoints: 5, seed: 7 });
const meta: TapeMeta = {
  name: 't', abiVersion: ABI.VERSION, kernelSha256: KERNEL_SHA256,
  image: { bytes: image.length, checksum: '0x0', sha256: '' }, recordedWith: { ebnkit: 'test' }, expected: expectedMeta(rec.result),
};
const file = writeTapeFile(meta, kernelBytes(), rec.tape);

const verifyNode = async (f: ReturnType<typeof readTapeFile>, ops = f.ops, tape = f.tape) =>
  compareResults('node', f.expected, await RUNTIMES.node!.run({ kernel: f.kernel, ops, tape, expectSpikes: f.expected.raster.length / 2, dir: '/nonexistent', timeoutMs: 60_000 }), 'recorded');

describe('tape file', () => {
  it('records checkpoints, kill and revive, and round-trips the op stream exactly', () => {
    expect(rec.result.marks.map((m) => m.label)).toEqual(['step320', 'step640', 'step960', 'step1280', 'step1600']);
    const sa = rec.tape.ops.filter((o) => o.op === 'setAlive');
    expect(sa.length).toBe(12); // 6 killed, 6 revived
    const again = encodeTape(decodeTape(encodeTape(rec.tape)));
    expect(Buffer.from(again).equals(Buffer.from(encodeTape(rec.tape)))).toBe(true);
    expect(rec.result.marks.at(-1)!.rng).toMatch(/^0x[0-9a-f]{8}$/);
  });

  it('verifies bit exact on node', async () => {
    expect(await verifyNode(readTapeFile(file))).toEqual([]);
  });

  it('refuses any damaged byte, and truncation, whole (checksum)', () => {
    for (const at of [0, 9, 20, 400, file.length >> 1, file.length - 40, file.length - 1]) {
      const bad = file.slice();
      bad[at]! ^= 0x10;
      expect(() => readTapeFile(bad, 'x.tape')).toThrow(/x\.tape: .*refused whole/);
    }
    expect(() => readTapeFile(file.subarray(0, file.length - 100))).toThrow(/checksum mismatch/);
    expect(() => readTapeFile(new Uint8Array(10))).toThrow(/not an ebnkit tape/);
  });

  it('refuses a kernel that speaks another ABI version, naming both', () => {
    const f = readTapeFile(file);
    const other = ABI_VERSION + 1;
    expect(() => checkAbi({ ...f, meta: { ...f.meta, abiVersion: other } }, f.kernel, 'k.wasm')).toThrow(new RegExp(`recorded with kernel ABI v${other}, but k\\.wasm speaks ABI v${ABI_VERSION}`));
    expect(() => checkAbi(f, f.kernel, 'k.wasm')).not.toThrow();
  });

  it('a run that differs names the first differing step and neuron', async () => {
    const f = readTapeFile(file);
    // the same calls with another kernel seed: the noise differs from the first step it is drawn
    const ops = f.tape.ops.map((o) => (o.op === 'reset' ? { ...o, seed: o.seed + 1 } : o));
    const tape = { ...f.tape, ops };
    const bad = await verifyNode(f, encodeTape(tape), tape);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad[0]).toMatch(/first differing step \d+, neuron \d+/);
    expect(bad.join('\n')).toMatch(/RNG state/);
  });
});

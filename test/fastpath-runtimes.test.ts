// Bit-exact across runtimes, low-rank mode: tapes of low-rank runs (learning,
// feedback, input, noise, a kill; both policies) recorded from the Node host
// replay to the same rasters, fingerprints and counters through the wasm2c +
// gcc translation of build/release.wasm (targets/replay). The Cortex-M3 run of
// a trained low-rank network is checked the same way by `npm run bench:mcu`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KernelExecutor } from '../src/kernel/executor.js';
import { simulate } from '../src/integrate.js';
import { Random } from '../src/random.js';
import { smoothNoise } from '../src/signals.js';
import { createNetwork, type SpikePolicy } from '../src/spec.js';
import { vanDerPol } from '../src/systems/vanderpol.js';
import { make, runNative, describeFailure, type DriverRun } from './targets/lib/c-runners.js';
import { compareResults } from './targets/lib/compare.js';
import { describeTarget } from './targets/lib/suite.js';
import { bundleTapes, recordTape, type Recording } from './targets/lib/tape.js';
import { tempDir, removeTempDirs } from './targets/lib/tools.js';

const sys = vanDerPol();

function lowRankRun(policy: SpikePolicy) {
  const spec = createNetwork({
    neurons: 30, dendrites: 20, domain: sys.domain, dt: 5e-4, seed: 11, policy, muRel: policy === 'all' ? 0.1 : 0.01, noise: 0.001,
  });
  const rnd = new Random(12);
  spec.Os = spec.Os.map(() => rnd.range(-0.01, 0.01)); // projected onto D by the low-rank quantizer
  const ex = new KernelExecutor(spec, { blockSteps: 512, mode: 'lowrank' });
  ex.setTunables({ k: 100, eta: 20 });
  const c = smoothNoise(new Random(14), 4000, 2, spec.dt, 0.1, 4);
  const { x } = simulate(sys, [1.5, 0.5], 4000, spec.dt, c);
  ex.run({ steps: 3000, c, x, feedback: true, learn: true });
  for (let i = 0; i < 10; i++) ex.setAlive(3 * i, false);
  ex.run({ steps: 1000, c: c.subarray(6000), x: x.subarray(6000), feedback: true, learn: true });
}

describeTarget('low-rank mode through wasm2c + gcc (native)', ['wasm2c', 'gcc', 'make'], () => {
  let recs: Recording[];
  let d: DriverRun;
  afterAll(removeTempDirs);
  beforeAll(async () => {
    recs = (['winner', 'all'] as const).map((p) => recordTape(`lowrank-${p}`, () => lowRankRun(p)));
    const dir = tempDir('lowrank-native');
    const tapes = join(dir, 'lowrank.tapes');
    writeFileSync(tapes, bundleTapes(recs.map((r) => r.tape)));
    await make(['native'], { OUT: dir });
    d = await runNative(dir, tapes);
  });
  it('replays every low-rank tape to the end', () => {
    expect(describeFailure(d)).toBe('');
    expect(d.results.map((r) => r.name)).toEqual(['lowrank-winner', 'lowrank-all']);
    expect(recs.every((r) => r.result.raster.length > 400)).toBe(true);
  });
  for (const p of ['winner', 'all'])
    it(`bit-exact: lowrank-${p} has Node's raster, fingerprints (V, r, W) and counters`, () => {
      const want = recs.find((r) => r.tape.name === `lowrank-${p}`)!.result;
      expect(compareResults('wasm2c-native', want, d.results.find((r) => r.name === `lowrank-${p}`))).toEqual([]);
    });
});

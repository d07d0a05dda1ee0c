// Low-rank learning under the winner and all rules runs phase 5 inside phase 2
// (assembly/lowrank.ts driveLearn: one pass over each row of W for the slow
// drive and the update), which the golden scenarios (low-rank only under the
// parallel rule) do not reach. These fingerprints were recorded with the
// kernel before that rewrite (build/release.wasm sha256 4e18f3644c9f…, commit
// 46733af): the kernel must keep giving them, bit for bit, on both builds.
// Never regenerate them from a newer kernel.
import { describe, expect, it } from 'vitest';
import { KernelExecutor } from '../src/kernel/executor.js';
import { kernelBytes, kernelModuleSync } from '../src/kernel/module.js';
import { simulate } from '../src/integrate.js';
import { Random } from '../src/random.js';
import { smoothNoise } from '../src/signals.js';
import { createNetwork } from '../src/spec.js';
import { vanDerPol } from '../src/systems/vanderpol.js';

const PINNED: Record<string, string> = {
  'winner J=2 noise=0': '40d4e19d 5f05fe79 459 1958000',
  'winner J=2 noise=0.001': '5439063c dbe8ee9e 497 1958000',
  'winner J=3 noise=0': '698f36ed 17d66782 482 2047000',
  'winner J=3 noise=0.001': 'c87e0afa 12ac3a51 539 2047000',
  'all J=2 noise=0': 'd4bb35d0 58e55419 5622 1958000',
  'all J=2 noise=0.001': 'fc9e995f f470c5c7 5596 1958000',
  'all J=3 noise=0': '91086e80 b28bc82b 2696 2047000',
  'all J=3 noise=0.001': 'a36574f4 9b8e4b71 2648 2047000',
};

function fingerprint(module: WebAssembly.Module, policy: 'winner' | 'all', J: number, noise: number): string {
  const sys = vanDerPol();
  const spec = createNetwork({
    neurons: 30, dendrites: 20, dims: J, dt: 5e-4, seed: 11, policy, muRel: policy === 'all' ? 0.1 : 0.01, noise,
    ...(J === 2 ? { domain: sys.domain } : {}),
  });
  const ex = new KernelExecutor(spec, { module, mode: 'lowrank', blockSteps: 512 });
  ex.setTunables({ k: 100, eta: 20 });
  const c = smoothNoise(new Random(14), 3000, J, spec.dt, 0.1, 4);
  const x = J === 2 ? simulate(sys, [1.5, 0.5], 3000, spec.dt, c).x : new Float64Array(3000 * J).map((_, i) => 0.8 * Math.sin(i * 0.002 + (i % J)));
  ex.run({ steps: 2000, c, x, feedback: true, learn: true });
  ex.setAlive(4, false);
  ex.run({ steps: 1000, c: c.subarray(2000 * J), x: x.subarray(2000 * J), feedback: true, learn: true });
  const f = ex.fingerprint();
  return `${(f.spikeHash >>> 0).toString(16)} ${(f.stateHash >>> 0).toString(16)} ${ex.counters().spikes} ${ex.counters().weightUpdates}`;
}

const simdOk = WebAssembly.validate(kernelBytes('simd') as BufferSource);
const builds: [string, () => WebAssembly.Module][] = [
  ['scalar release', () => kernelModuleSync(undefined, 'scalar')],
  ...(simdOk ? [['SIMD128', () => kernelModuleSync(undefined, 'simd')] as [string, () => WebAssembly.Module]] : []),
];
for (const [name, load] of builds)
  describe(`low-rank learning, winner and all rules (${name} build): fingerprints of the kernel before the fused phase 2/5`, () => {
    for (const [key, want] of Object.entries(PINNED)) {
      const [policy, j, n] = key.split(' ');
      it(key, () => {
        expect(fingerprint(load(), policy as 'winner' | 'all', Number(j!.slice(2)), Number(n!.slice(6)))).toBe(want);
      });
    }
  });

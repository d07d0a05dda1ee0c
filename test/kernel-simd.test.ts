// The SIMD128 build (asconfig target "simd", assembly/simd.ts): the host
// picks it where the runtime validates it, it stays within 10 KiB with zero
// imports, and it gives the scalar build's bits. The goldens
// (test/golden.test.ts, test/targets/node.test.ts) run on the host's choice,
// i.e. on the SIMD build in Node; the scalar build replays them in
// test/targets (wasm-interp, wasm2c, QEMU, gjs, bun) and gjs and bun replay
// the SIMD build too (engines.test.ts). Here both builds run one network side
// by side, with sizes that exercise every SIMD loop tail.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KernelExecutor } from '../src/kernel/executor.js';
import { kernelModuleSync, kernelVariant, KERNEL_SIMD_BYTES } from '../src/kernel/module.js';
import { createNetwork } from '../src/spec.js';
import { vanDerPol } from '../src/systems/vanderpol.js';
import { Random } from '../src/random.js';

describe('SIMD build', () => {
  it('Node (V8) has SIMD128, so the host runs the SIMD build unless EBNKIT_KERNEL=scalar', () => {
    expect(kernelVariant()).toBe(process.env.EBNKIT_KERNEL === 'scalar' ? 'scalar' : 'simd');
  });

  it('build/simd.wasm is within 10 KiB and has zero imports', () => {
    const bytes = readFileSync(new URL('../build/simd.wasm', import.meta.url));
    expect(bytes.length).toBe(KERNEL_SIMD_BYTES);
    expect(bytes.length).toBeLessThanOrEqual(10 * 1024);
    expect(WebAssembly.Module.imports(new WebAssembly.Module(bytes))).toEqual([]);
  });

  it('dense and low-rank, N = 203 (odd, so every SIMD tail runs), J = 2 and J = 3, learning: SIMD and scalar states agree bit for bit', () => {
    for (const J of [2, 3])
      for (const mode of ['dense', 'lowrank'] as const) {
        const sys = vanDerPol();
        const domain = J === 2 ? sys.domain : [...sys.domain, [-1, 1] as [number, number]];
        const spec = createNetwork({ neurons: 203, dendrites: 37, dims: J, domain, dt: 5e-4, seed: 5, policy: 'winner' });
        const rnd = new Random(9);
        spec.Os = spec.Os.map(() => rnd.range(-0.05, 0.05));
        const x = Float64Array.from({ length: 600 * J }, (_, i) => Math.sin(i * 0.01 + (i % J)));
        const run = (variant: 'simd' | 'scalar') => {
          const ex = new KernelExecutor(spec, { mode, module: kernelModuleSync(undefined, variant) });
          const a = ex.run({ steps: 300, x: x.subarray(0, 300 * J), feedback: true, learn: true, record: true });
          const b = ex.run({ steps: 300, record: true });
          return { spikes: [...a.spikeNeurons, ...b.spikeNeurons], xhat: [...a.xhat!, ...b.xhat!], state: ex.state() };
        };
        const simd = run('simd');
        expect(simd.spikes.length, `J = ${J}, ${mode}: the network spikes`).toBeGreaterThan(20);
        expect(simd, `J = ${J}, ${mode}`).toEqual(run('scalar'));
      }
  });
});

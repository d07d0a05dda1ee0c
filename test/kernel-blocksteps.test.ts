// F4 (rest): KernelExecutor's blockSteps reaches the kernel as an i32 and sizes
// its I/O blocks; it used to be passed unchecked (NaN became 0, 1.5 became 1,
// 2^32 + 8 became 8). It must be a whole number of steps in [1, 2^24].
import { describe, expect, it } from 'vitest';
import { KernelExecutor, MAX_BLOCK_STEPS } from '../src/kernel/executor.js';
import { createNetwork } from '../src/spec.js';

const spec = createNetwork({ neurons: 10, dendrites: 5, seed: 1 });

describe('KernelExecutor blockSteps', () => {
  for (const bad of [0, -1, 1.5, Number.NaN, Infinity, 2 ** 32 + 8, MAX_BLOCK_STEPS + 1, '64' as unknown as number]) {
    it(`refuses blockSteps ${String(bad)} naming what is accepted`, () => {
      expect(() => new KernelExecutor(spec, { blockSteps: bad })).toThrow(/blockSteps .* is not a whole number of steps in \[1, 16777216\]/);
    });
  }
  it('accepts 1 and runs in one-step blocks with the same spikes as 4096-step blocks', () => {
    const a = new KernelExecutor(spec, { blockSteps: 1 });
    const b = new KernelExecutor(spec);
    const c = new Float64Array(200 * 2).map((_, i) => Math.sin(i / 9));
    expect(Array.from(a.run({ steps: 200, c }).spikeNeurons)).toEqual(Array.from(b.run({ steps: 200, c }).spikeNeurons));
  });
});

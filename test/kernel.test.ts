// Kernel executor behaviour that the conformance suite does not cover:
// block independence, the spike raster and its hash, save and reload.
import { describe, expect, it } from 'vitest';
import { spikeHash } from '../src/checksum.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { simulate } from '../src/integrate.js';
import { Random } from '../src/random.js';
import { smoothNoise } from '../src/signals.js';
import { createNetwork } from '../src/spec.js';
import { vanDerPol } from '../src/systems/vanderpol.js';

const sys = vanDerPol();
const spec = createNetwork({ neurons: 30, dendrites: 20, domain: sys.domain, dt: 5e-4, seed: 21, noise: 0.001 });
const c = smoothNoise(new Random(3), 3000, 2, spec.dt, 0.1, 4);
const { x } = simulate(sys, [1, 1], 3000, spec.dt, c);

describe('kernel executor', () => {
  it('bit-exact: the result does not depend on the block size', () => {
    const a = new KernelExecutor(spec, { blockSteps: 97 });
    const b = new KernelExecutor(spec, { blockSteps: 4096 });
    a.run({ steps: 3000, c, x, feedback: true, learn: true });
    b.run({ steps: 3000, c, x, feedback: true, learn: true });
    expect(a.fingerprint()).toEqual(b.fingerprint());
  });
  it('bit-exact: the kernel hash equals the FNV-1a hash of the raster it returned', () => {
    const ex = new KernelExecutor(spec);
    const r = ex.run({ steps: 3000, c, x, feedback: true });
    expect(r.spikeSteps.length).toBeGreaterThan(100);
    expect(ex.fingerprint().spikeHash).toBe(spikeHash(r.spikeSteps, r.spikeNeurons));
  });
  it('learning changes the slow weights; the saved image reloads to the same weights and the same future', () => {
    const ex = new KernelExecutor(spec);
    ex.setTunables({ k: 100, eta: 20 });
    ex.run({ steps: 3000, c, x, feedback: true, learn: true });
    const learned = ex.toSpec();
    expect(learned.Os.some((w) => w !== 0)).toBe(true);
    expect(learned.eta).toBe(20);
    const image = ex.image();
    const a = KernelExecutor.fromImage(image, learned);
    const b = new KernelExecutor(learned); // re-quantized from the spec's reals
    for (const e of [a, b]) e.run({ steps: 2000, c });
    expect(a.fingerprint()).toEqual(b.fingerprint());
    expect(Array.from(a.slowWeightsQ())).toEqual(Array.from(ex.slowWeightsQ()));
  });
  it('rejects a run without a target when feedback is on, naming the argument', () => {
    const ex = new KernelExecutor(spec);
    expect(() => ex.run({ steps: 10, feedback: true })).toThrow(/x: a target is required/);
    expect(() => ex.run({ steps: 10, c: new Float64Array(5) })).toThrow(/c: has 5 values; expected steps\*J = 20/);
    expect(() => ex.setAlive(30, false)).toThrow(/neuron 30 is not in \[0, 29\]/);
  });
  it('each instance owns its memory: two kernels do not interfere', () => {
    const a = new KernelExecutor(spec);
    const b = new KernelExecutor(spec);
    a.run({ steps: 1500, c });
    const solo = new KernelExecutor(spec);
    b.run({ steps: 1500, c });
    solo.run({ steps: 1500, c });
    expect(b.fingerprint()).toEqual(solo.fingerprint());
    expect(a.fingerprint()).toEqual(solo.fingerprint());
  });
});

// The low-rank fast path (assembly/lowrank.ts) computes the same network as
// the dense form. Bit-exact where the arithmetic allows it: decoders on the
// 2^-12 grid make every D_i.D_k exact in Q7.24 (so the fast effects equal the
// dense Of rows), and integer W makes W Phi exact (so the slow drive equals
// Os Phi); with those, whole runs — input, feedback, noise, kill mask, both
// policies — match the dense kernel spike for spike and bit for bit. The
// image, the factor and the host API are checked here too; the statistical
// equality of trained networks is in fastpath-learning.test.ts.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { derive } from '../src/derived.js';
import { E_FEATURE, H, HEADER_BYTES, IMG_LOWRANK, LUT_SEGMENTS, RUN } from '../src/formats.js';
import { imageLayout, readImage } from '../src/image.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { deriveLowRank, expandSlowWeights, factorSlowWeights } from '../src/kernel/lowrank.js';
import { instantiate, kernelBytes, kernelModuleSync } from '../src/kernel/module.js';
import { simulate } from '../src/integrate.js';
import { quantize } from '../src/quantize.js';
import { Random } from '../src/random.js';
import { smoothNoise } from '../src/signals.js';
import { createNetwork, type SpikePolicy } from '../src/spec.js';
import { vanDerPol } from '../src/systems/vanderpol.js';

/** build/inference.wasm, built on demand as scripts/check-size.mjs does: when missing or older than the sources. */
function inferenceWasm(): Uint8Array {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = root + 'build/inference.wasm';
  const sources = readdirSync(root + 'assembly', { recursive: true }).map((f) => root + 'assembly/' + String(f)).filter((f) => f.endsWith('.ts') && !f.includes('__tests__'));
  const newest = Math.max(...[...sources, root + 'asconfig.json'].map((f) => statSync(f).mtimeMs));
  if (!existsSync(out) || statSync(out).mtimeMs < newest)
    execFileSync(root + 'node_modules/.bin/asc', ['assembly/index.ts', '--target', 'inference'], { cwd: root, stdio: 'inherit' });
  return readFileSync(out);
}

const sys = vanDerPol();
const N = 30, K = 20, B = K + 2;

/** A network whose low-rank arithmetic is exact: D on the 2^-12 grid, Os = D W with integer W. */
function exactNetwork(policy: SpikePolicy, slow: boolean) {
  const spec = createNetwork({
    neurons: N, dendrites: K, domain: sys.domain, dt: 5e-4, seed: 11, policy, muRel: policy === 'all' ? 0.1 : 0.01, noise: 0.001,
  });
  spec.D = spec.D.map((d) => Math.round(d * 4096) / 4096);
  const rnd = new Random(5);
  const W = Array.from({ length: 2 * B }, () => (slow ? Math.round(rnd.range(-2.5, 2.5)) : 0));
  spec.Os = expandSlowWeights(spec.D, W, N, 2, B);
  return spec;
}

const c = smoothNoise(new Random(13), 4000, 2, 5e-4, 0.1, 4);
const { x } = simulate(sys, [1.5, 0.5], 4000, 5e-4, c);

function scenario(ex: KernelExecutor) {
  const a = ex.run({ steps: 2000, c, x, feedback: true });
  for (let i = 0; i < 10; i++) ex.setAlive(3 * i, false);
  const b = ex.run({ steps: 2000, c: c.subarray(4000), x: x.subarray(4000), feedback: true });
  const s = ex.state();
  return { spikes: a.spikeSteps.length + b.spikeSteps.length, hash: ex.fingerprint().spikeHash, V: Array.from(s.V), r: Array.from(s.r), counters: ex.counters() };
}

describe('low-rank = dense, bit for bit where the arithmetic allows', () => {
  for (const policy of ['winner', 'all'] as const)
    for (const slow of [false, true]) {
      const what = slow ? 'integer W' : 'W = 0';
      it(`bit-exact: policy ${policy}, ${what}, grid decoders: same raster, V, r and counters through input, feedback, noise and a kill`, () => {
        const spec = exactNetwork(policy, slow);
        const dense = scenario(new KernelExecutor(spec, { blockSteps: 512 }));
        const low = scenario(new KernelExecutor(spec, { blockSteps: 333, mode: 'lowrank' }));
        expect(dense.spikes).toBeGreaterThan(200);
        expect(low.hash).toBe(dense.hash);
        expect(low.V).toEqual(dense.V);
        expect(low.r).toEqual(dense.r);
        expect(low.counters).toEqual(dense.counters);
      });
    }
  it('bit-exact: low-rank does not depend on the block size, learning included', () => {
    const spec = exactNetwork('winner', true);
    const run = (block: number) => {
      const ex = new KernelExecutor(spec, { blockSteps: block, mode: 'lowrank' });
      ex.setTunables({ k: 100, eta: 20 });
      ex.run({ steps: 4000, c, x, feedback: true, learn: true });
      return ex.fingerprint();
    };
    expect(run(97)).toEqual(run(4096));
  });
});

describe('the low-rank image and factor', () => {
  const spec = createNetwork({ neurons: 40, dendrites: 30, domain: sys.domain, seed: 3 });
  const W = Array.from({ length: 2 * 32 }, (_, i) => Math.sin(i) * 3);
  spec.Os = expandSlowWeights(spec.D, W, 40, 2, 32);

  it('holds no N x N or N x B array: header + D, T, M, theta, W, LUT; flag and mu set', () => {
    const { image, report } = quantize(spec, 'q24', { mode: 'lowrank' });
    expect(image.byteLength).toBe(HEADER_BYTES + 4 * (40 * 2 + 40 + 30 * 2 + 30 + 2 * 32 + LUT_SEGMENTS + 1));
    const { header, words, layout } = readImage(image);
    expect(header.flags & IMG_LOWRANK).toBe(IMG_LOWRANK);
    expect(layout).toEqual(imageLayout(40, 2, 30, 32, true));
    expect(layout.Of).toBe(-1);
    expect(words[H.MU]).toBe(Math.floor(spec.mu * 2 ** 24 + 0.5));
    expect(report.mode).toBe('lowrank');
    expect(report.lowrankResidual).toBeLessThan(1e-12);
    expect(report.entries.map((e) => e.name)).toEqual(['D', 'T', 'M', 'theta', 'W', 'LUT']);
  });
  it('factor: W = (D^T D)^-1 D^T Os recovers W from Os = D W, and reports what lies outside the span of D', () => {
    const f = factorSlowWeights(spec);
    f.W.forEach((w, i) => expect(w).toBeCloseTo(W[i]!, 10));
    const noisy = { ...spec, Os: spec.Os.map((o, i) => o + (i % 7 === 0 ? 0.01 : 0)) };
    expect(factorSlowWeights(noisy).residual).toBeGreaterThan(1e-3);
  });
  it('thresholds: deriveLowRank() gives derive()\'s T bit for bit, without the N x N fast weights', () => {
    const a = derive(spec), b = deriveLowRank(spec);
    expect(Array.from(b.T)).toEqual(Array.from(a.T));
    expect(b.Of.length).toBe(0);
    expect([b.B, b.noiseAmp]).toEqual([a.B, a.noiseAmp]);
  });
  it('toSpec() expands W to Os = D W; saving and reloading gives the same W bits and the same future', () => {
    const ex = new KernelExecutor(spec, { mode: 'lowrank' });
    ex.setTunables({ k: 100, eta: 20 });
    ex.run({ steps: 2000, x: simulate(sys, [2, 0], 2000, spec.dt).x, feedback: true, learn: true });
    const learned = ex.toSpec();
    const again = new KernelExecutor(learned, { mode: 'lowrank' });
    expect(Array.from(again.slowWeightsQ())).toEqual(Array.from(ex.slowWeightsQ()));
    const a = KernelExecutor.fromImage(ex.image(), learned);
    expect(a.mode).toBe('lowrank');
    for (const e of [a, again]) e.run({ steps: 1000 });
    expect(a.fingerprint()).toEqual(again.fingerprint());
  });
  it('refuses a mode the image is not laid out for, and unknown modes', () => {
    const dense = quantize(spec).image;
    expect(() => KernelExecutor.fromImage(dense, spec, { mode: 'lowrank' })).toThrow(/laid out for mode "dense", not "lowrank"/);
    expect(() => new KernelExecutor(spec, { mode: 'sparse' as 'dense' })).toThrow(/mode "sparse" is not one of dense, lowrank/);
  });
  it('a kernel refuses a low-rank image whose length is that of a dense one (old kernels see a length error)', () => {
    const { image } = quantize(spec, 'q24', { mode: 'lowrank' });
    const k = instantiate(kernelModuleSync());
    const words = new Uint32Array(image.slice().buffer);
    words[H.FLAGS] = words[H.FLAGS]! & ~IMG_LOWRANK; // claims dense: the length no longer fits
    const at = k.reserve(image.byteLength);
    new Uint8Array(k.memory.buffer, at, image.byteLength).set(new Uint8Array(words.buffer));
    expect(k.open(64, 128)).toBe(-3);
  });
  it('counts the equivalent dense events: slow N*B per step, weight updates N*B per learning step', () => {
    const ex = new KernelExecutor(spec, { mode: 'lowrank' });
    ex.setTunables({ k: 100, eta: 20 });
    ex.run({ steps: 100, x: simulate(sys, [2, 0], 100, spec.dt).x, feedback: true, learn: true });
    const n = ex.counters();
    expect(n.slowEvents).toBe(100 * 40 * 32);
    expect(n.weightUpdates).toBe(100 * 40 * 32);
    expect(n.fastEvents).toBe(n.spikes * 40);
  });
});

describe('the inference-only build (asconfig target "inference": learning compiled out)', () => {
  const module = new WebAssembly.Module(inferenceWasm() as BufferSource);
  it('has zero imports, the same exports as the release build, and fewer bytes', () => {
    expect(WebAssembly.Module.imports(module)).toEqual([]);
    const names = (m: WebAssembly.Module) => WebAssembly.Module.exports(m).map((e) => e.name).sort();
    expect(names(module)).toEqual(names(kernelModuleSync()));
    expect(inferenceWasm().byteLength).toBeLessThan(kernelBytes().byteLength);
  });
  it('refuses learning with E_FEATURE, and the host says why', () => {
    const spec = exactNetwork('winner', true);
    const ex = new KernelExecutor(spec, { module });
    expect(ex.exports.run(1, RUN.LEARN | RUN.FEEDBACK)).toBe(E_FEATURE);
    expect(() => ex.run({ steps: 10, x, feedback: true, learn: true })).toThrow(/learning is compiled out/);
  });
  for (const mode of ['dense', 'lowrank'] as const)
    it(`bit-exact: runs ${mode} images exactly as the release build does`, () => {
      const spec = exactNetwork('all', true);
      const a = scenario(new KernelExecutor(spec, { mode, module }));
      const b = scenario(new KernelExecutor(spec, { mode }));
      expect(a).toEqual(b);
    });
});

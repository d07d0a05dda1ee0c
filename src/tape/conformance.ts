// The conformance scenarios: tapes that together drive every path of the
// kernel, generated from lists that are easy to extend. Every spike policy
// in SPIKE_POLICIES and every execution mode in EXECUTION_MODES is crossed
// with three runs (input only; feedback + learning + noise; kill and
// revive), so a new policy or mode is covered by adding it there. Then the
// edges: every number format, saturation at every clamp (V, weights, the
// readout r, the drive, the error, the learning factor, the LUT ends),
// stochastic rounding far below one LSB and at zero, the spike buffer
// filling, the header seed, and every refusal of open()/run()/setParam()/
// setAlive(). Fixed seeds throughout.
import { KernelExecutor } from '../kernel/executor.js';
import { kernelModuleSync } from '../kernel/module.js';
import { EXECUTION_MODES, type ExecutionMode } from '../kernel/lowrank.js';
import { H, HEADER_WORDS, ONE } from '../formats.js';
import { imageLayout, sealWords } from '../image.js';
import { simulate } from '../integrate.js';
import { FORMATS } from '../presets.js';
import { Random } from '../random.js';
import { smoothNoise } from '../signals.js';
import { basisSize, createNetwork, SPIKE_POLICIES, type NetworkSpec, type SpikePolicy } from '../spec.js';
import { vanDerPol } from '../systems/vanderpol.js';
import { lorenz } from '../systems/lorenz.js';
import { recordTape, type Recording } from './record.js';

export interface Scenario {
  name: string;
  /** The kernel paths it is there for. */
  covers: string;
  record(): Recording;
}

const sys = vanDerPol();
const STEPS = 1200;

function network(policy: SpikePolicy, o: { seed?: number; linear?: boolean; phi?: 'tanh' | 'sigmoid'; neurons?: number } = {}): NetworkSpec {
  const spec = createNetwork({
    neurons: o.neurons ?? 24, dendrites: 12, domain: sys.domain, dt: 5e-4, seed: o.seed ?? 21, policy,
    muRel: policy === 'winner' ? 0.01 : 0.1, noise: 0.001, ...(o.linear !== undefined ? { linear: o.linear } : {}), ...(o.phi ? { phi: o.phi } : {}),
  });
  const rnd = new Random(22);
  spec.Os = spec.Os.map(() => rnd.range(-0.01, 0.01));
  return spec;
}

/** An image with some header words changed and the checksum sealed again. */
export function patchImage(image: Uint8Array, words: Partial<Record<keyof typeof H, number>>): Uint8Array {
  const w = new Int32Array(image.slice().buffer);
  for (const [k, v] of Object.entries(words)) w[H[k as keyof typeof H]] = v! | 0;
  sealWords(w);
  return new Uint8Array(w.buffer);
}

const imageOf = (spec: NetworkSpec, mode: ExecutionMode = 'dense', format = 'q24') => new KernelExecutor(spec, { mode, format }).image();
const targets = (steps: number, c?: Float64Array, x0 = [1.5, 0.5]) => simulate(sys, x0, steps, 5e-4, c).x;
const input = (seed: number, steps: number, std = 4) => smoothNoise(new Random(seed), steps, 2, 5e-4, 0.1, std);

/** Record a run of an image through the real host. */
function hostRun(name: string, spec: NetworkSpec, image: Uint8Array, body: (ex: KernelExecutor, mark: (l: string) => void) => void, block = 256, patched = false): Recording {
  return recordTape(name, (mark) => {
    const ex = KernelExecutor.fromImage(image, spec, { blockSteps: block, ...(patched ? { patchedImage: true as const } : {}) });
    body(ex, mark);
  });
}

function crossScenarios(): Scenario[] {
  const out: Scenario[] = [];
  for (const policy of SPIKE_POLICIES)
    for (const mode of EXECUTION_MODES) {
      const spec = network(policy);
      const tag = `${policy}-${mode}`;
      out.push({
        name: `free-input-${tag}`, covers: `${policy} spikes, ${mode} fast/slow paths, input c, readout record, no learning`,
        record: () => hostRun(`free-input-${tag}`, spec, imageOf(spec, mode), (ex, mark) => {
          const c = input(31, STEPS);
          ex.run({ steps: STEPS / 2, c: c.subarray(0, STEPS), record: true });
          mark('half');
          ex.run({ steps: STEPS / 2, c: c.subarray(STEPS) });
        }, 4096), // a block this long makes open() grow the memory
      });
      out.push({
        name: `learn-noise-${tag}`, covers: `${policy} spikes, ${mode} learning with stochastic rounding, feedback, noise`,
        record: () => hostRun(`learn-noise-${tag}`, spec, imageOf(spec, mode), (ex, mark) => {
          ex.setTunables({ k: 100, eta: 20, noise: 0.02 });
          const c = input(32, STEPS);
          const x = targets(STEPS, c);
          ex.run({ steps: STEPS / 2, c, x, feedback: true, learn: true });
          mark('half');
          ex.run({ steps: STEPS / 2, c: c.subarray(STEPS), x: x.subarray(STEPS), learn: true });
          ex.image(); // the host saves what was learned: seal() recomputes the checksum
        }),
      });
      out.push({
        name: `kill-revive-${tag}`, covers: `${policy} spikes, ${mode}: dead neurons skipped in every phase, revived`,
        record: () => hostRun(`kill-revive-${tag}`, spec, imageOf(spec, mode), (ex, mark) => {
          const x = targets(STEPS);
          ex.run({ steps: STEPS / 3, x, feedback: true });
          for (let i = 0; i < spec.N; i += 2) ex.setAlive(i, false);
          ex.run({ steps: STEPS / 3, x: x.subarray((2 * STEPS) / 3), feedback: true, learn: true });
          mark('killed');
          for (let i = 0; i < spec.N; i += 2) ex.setAlive(i, true);
          ex.run({ steps: STEPS / 3, x: x.subarray((4 * STEPS) / 3), feedback: true });
        }),
      });
    }
  return out;
}

function formatScenarios(): Scenario[] {
  return Object.keys(FORMATS).filter((f) => f !== 'q24').flatMap((format) => EXECUTION_MODES.map((mode) => {
    const spec = network('winner', { seed: 23 });
    return {
      name: `format-${format}-${mode}`, covers: `number format ${format}, ${mode}: its V clamp and rounding shift, quantized weights`,
      record: () => hostRun(`format-${format}-${mode}`, spec, imageOf(spec, mode, format), (ex) => {
        const x = targets(STEPS);
        ex.run({ steps: STEPS, c: input(33, STEPS), x, feedback: true });
      }),
    };
  }));
}

function edgeScenarios(): Scenario[] {
  const all = network('all', { seed: 24 });
  const win = network('winner', { seed: 25, linear: false, phi: 'sigmoid' });
  const big = (v: number, n: number) => new Float64Array(n).fill(v);
  const sat: Scenario[] = [];
  for (const mode of EXECUTION_MODES) {
    sat.push({
      name: `saturate-${mode}`, covers: `${mode}: V at +-vmax, drive and error at the i32 range, LUT ends, r at the i32 range, learning factor and weights at their clamps`,
      record: () => hostRun(`saturate-${mode}`, all, patchImage(imageOf(all, mode), { VMAX: ONE / 4, WMAX: ONE / 64, LEAKR: -1 }), (ex, mark) => {
        ex.setTunables({ k: 400, eta: 1000 });
        // targets far outside the domain, input at +-100/s: every accumulator saturates
        ex.run({ steps: 600, c: big(100, 1200), x: big(120, 1200), feedback: true, learn: true });
        mark('high');
        ex.run({ steps: 600, c: big(-100, 1200), x: big(-120, 1200), feedback: true, learn: true });
      }, 256, true),
    });
    sat.push({
      name: `rounding-${mode}`, covers: `${mode}: stochastic rounding of updates far below one LSB (eta tiny), negative products, a zero learning factor`,
      record: () => hostRun(`rounding-${mode}`, win, imageOf(win, mode), (ex, mark) => {
        const x = targets(STEPS, undefined, [-1.2, 0.8]);
        ex.setTunables({ eta: 1e-6 });
        ex.run({ steps: STEPS / 2, x, feedback: true, learn: true });
        mark('tiny');
        ex.setTunables({ eta: 0 });
        ex.run({ steps: STEPS / 2, x: x.subarray(STEPS), learn: true });
      }),
    });
  }
  // J != 2: the readout's general loop (planar systems take a fast path)
  const lz = lorenz();
  const spec3 = createNetwork({ dims: 3, neurons: 30, dendrites: 16, domain: lz.domain, dt: 5e-4, seed: 27, policy: 'all', muRel: 0.1, noise: 0.001 });
  for (const mode of EXECUTION_MODES)
    sat.push({
      name: `dims3-${mode}`, covers: `${mode}: a 3-D system (the readout's general loop), input, feedback, learning`,
      record: () => hostRun(`dims3-${mode}`, spec3, imageOf(spec3, mode), (ex) => {
        const c = smoothNoise(new Random(34), 800, 3, 5e-4, 0.1, 4);
        const x = simulate(lz, [1, 1, 0.5], 800, 5e-4, c).x;
        ex.setTunables({ k: 100, eta: 20 });
        ex.run({ steps: 800, c, x, feedback: true, learn: true });
      }),
    });
  return [...sat, { name: 'abi-edges', covers: 'refusals of open() (every E_ code), run() before open and out of range, setParam/setAlive refusals, reset(0) with header seed 0, a full spike buffer', record: abiEdges }];
}

/** Direct ABI calls, as a host that gets things wrong would make them. */
function abiEdges(): Recording {
  const spec = network('all', { seed: 26, neurons: 16 });
  const good = imageOf(spec);
  return recordTape('abi-edges', (mark) => {
    const k = new WebAssembly.Instance(kernelModuleSync(), {}).exports as unknown as Record<string, (...a: number[]) => number> & { memory: WebAssembly.Memory };
    const place = (img: Uint8Array, steps: number, cap: number) => {
      const at = k.reserve!(img.length);
      if (at) new Uint8Array(k.memory.buffer).set(img, at);
      return k.open!(steps, cap);
    };
    k.open!(64, 64); // before any image: E_STATE
    k.run!(10, 0);
    k.setParam!(H.KDT, 1); // no image yet
    k.setAlive!(0, 0);
    k.reserve!(4); // shorter than a header
    const w = (words: Partial<Record<keyof typeof H, number>>) => patchImage(good, words);
    const broken = good.slice();
    broken[HEADER_WORDS * 4 + 5]! ^= 1; // checksum mismatch
    place(w({ MAGIC: 0 }), 64, 64);
    place(w({ VERSION: 99 }), 64, 64);
    place(w({ N: 0 }), 64, 64);
    place(w({ J: 65 }), 64, 64);
    place(w({ B: 1 }), 64, 64);
    place(good, 0, 64); // no steps
    place(good, 64, 8); // spike cap below N
    place(w({ BYTES: good.length + 4 }), 64, 64);
    place(broken, 64, 64);
    // consistent dims and length, but more than the memory holds: E_LENGTH
    place(w({ N: 2000, BYTES: 4 * imageLayout(2000, spec.J, spec.dendrites.K, basisSize(spec)).words }), 64, 2000);
    place(good, 0x7fffffff, 0x7fffffff); // layout past wasm32 memory: E_MEMORY
    k.run!(5, 0); // a refused open leaves nothing runnable
    place(w({ SEED: 0 }), 64, 16); // spike cap = N: runs stop early when the buffer could overflow
    k.reset!(0); // seed 0 takes the header's, which is 0 too: the fixed nonzero seed
    k.setParam!(H.N, 3); // not a tunable
    k.setParam!(H.NOISE, ONE >> 8);
    k.setAlive!(16, 0); // out of range
    k.setAlive!(-1, 0);
    k.status!(99);
    k.run!(65, 0); // more than a block
    k.run!(-1, 0);
    let done = 0;
    for (let i = 0; i < 8; i++) done += k.run!(64, 0);
    mark(`steps${done}`);
    k.run!(0, 0);
    mark('end');
  });
}

/** Every scenario of the pack, in a stable order. */
export function conformanceScenarios(): Scenario[] {
  return [...crossScenarios(), ...formatScenarios(), ...edgeScenarios()];
}

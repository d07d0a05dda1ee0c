// A run that fires without bound is refused with RunawayError instead of
// crashing V8 (a plain array of 169 million spikes was a fatal "invalid size
// error", seen on Lorenz at N = 210 under the parallel rule with a fixed soft
// width of 16 |D_i|^2). Fixed seeds, exact counts.
import { describe, expect, it } from 'vitest';
import { MAX_RUN_SPIKES, RunawayError, SpikeLog } from '../src/executor.js';
import type { Executor } from '../src/executor.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { ReferenceExecutor } from '../src/reference/executor.js';
import { createNetwork, validateSpec, type NetworkSpec } from '../src/spec.js';

describe('SpikeLog', () => {
  it('keeps every (step, neuron) in order across growth (5,000 spikes)', () => {
    const log = new SpikeLog(10, 1e-3, 0);
    for (let q = 0; q < 5000; q++) log.push(q >> 2, q % 10);
    const r = log.result();
    expect(r.spikeSteps.length).toBe(5000);
    expect(r.spikeSteps[4999]).toBe(4999 >> 2);
    expect(r.spikeNeurons[4999]).toBe(4999 % 10);
  });
  it(`holds exactly MAX_RUN_SPIKES (${MAX_RUN_SPIKES}) and refuses the next with the rate per neuron`, () => {
    const log = new SpikeLog(100, 1e-3, 0);
    for (let q = 0; q < MAX_RUN_SPIKES; q++) log.push(q >> 7, q & 63);
    expect(log.length).toBe(MAX_RUN_SPIKES);
    let err: unknown;
    try {
      log.push(MAX_RUN_SPIKES >> 7, 0);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RunawayError);
    // 2^25 spikes over 2^18 + 1 steps of 1 ms from 100 neurons: 1280 Hz per neuron
    expect((err as Error).message).toMatch(/more than 33,554,432 spikes \(1280 Hz per neuron over the 262\.1 s run so far\): the network is running away/);
  });
});

const executors: [string, (s: NetworkSpec) => Executor][] = [
  ['reference', (s) => new ReferenceExecutor(s)],
  ['kernel', (s) => new KernelExecutor(s)],
];

describe('executors', () => {
  // 200 neurons with decoders +-0.1 under the parallel rule without a soft
  // threshold: each volley of one sign lifts the other sign over threshold
  // one step later (ping-pong, ~63 spikes per step)
  const pingPong = () => {
    const s = createNetwork({ dims: 1, neurons: 200, dendrites: 0, dt: 5e-4, lamV: 1e-6, seed: 5, policy: 'parallel', chip: { soft: 0 }, muRel: 0.01, nuRel: 0 });
    s.D = s.D.map((_, i) => (i % 2 ? -0.1 : 0.1));
    return validateSpec(s);
  };
  for (const [name, make] of executors) {
    it(`${name}: a ping-ponging network stops with RunawayError at maxSpikes (20,000) and names the rate`, () => {
      const steps = 5000;
      const run = () => make(pingPong()).run({ steps, c: new Float64Array(steps).fill(400), maxSpikes: 20_000 });
      expect(run).toThrow(RunawayError);
      expect(run).toThrow(/more than 20,000 spikes \(\d{3,4} Hz per neuron over the 0\.\d s run so far\)/);
    });
  }
  it('maxSpikes outside [1, MAX_RUN_SPIKES] is refused before running', () => {
    const ex = new KernelExecutor(pingPong());
    expect(() => ex.run({ steps: 1, maxSpikes: 0 })).toThrow(/maxSpikes: 0 is not an integer in \[1, 33554432\]/);
    expect(() => ex.run({ steps: 1, maxSpikes: MAX_RUN_SPIKES + 1 })).toThrow(/maxSpikes/);
  });
});

// Golden scenarios: fixed seeds, every kernel phase exercised (dendrite LUT,
// slow weights, input, feedback, learning with stochastic rounding, noise,
// kill mask), under every spike policy; the parallel rule with each chip
// option (refractory steps, soft threshold, arbitration groups) and in the
// low-rank execution mode too. scripts/golden.ts records their
// hashes into kernel.json; test/golden.test.ts replays and compares.
import { KernelExecutor } from '../../src/kernel/executor.js';
import { simulate } from '../../src/integrate.js';
import { Random } from '../../src/random.js';
import { smoothNoise } from '../../src/signals.js';
import { createNetwork, type ChipOptions, type SpikePolicy } from '../../src/spec.js';
import { vanDerPol } from '../../src/systems/vanderpol.js';
import type { Counters } from '../../src/formats.js';

export interface GoldenRecord {
  spikeHash: string;
  stateHash: string;
  spikes: number;
  counters: Counters;
}

const hex = (h: number) => '0x' + (h >>> 0).toString(16).padStart(8, '0');

/** Parallel-rule options for the golden runs: every option on, so each kernel branch is hashed. */
const CHIP: Record<string, ChipOptions> = {
  free: { refractory: 1, softWidth: 0.02, arbitration: 0 },
  learn: { refractory: 2, softWidth: 0.04, arbitration: 0 },
  kill: { refractory: 0, softWidth: 0.01, arbitration: 7 },
};

function network(policy: SpikePolicy, chip?: ChipOptions) {
  const sys = vanDerPol();
  const spec = createNetwork({
    neurons: 30, dendrites: 20, domain: sys.domain, dt: 5e-4, seed: 11, policy,
    muRel: policy === 'all' ? 0.1 : 0.01, noise: 0.001,
  });
  if (chip) spec.chip = { ...chip }; // absolute options, independent of PARALLEL_DEFAULTS
  const rnd = new Random(12);
  spec.Os = spec.Os.map(() => rnd.range(-0.01, 0.01));
  return { sys, spec };
}

export const SCENARIOS: Record<string, () => GoldenRecord> = {};

const RULES: { name: string; policy: SpikePolicy; mode?: 'lowrank' }[] = [
  { name: 'winner', policy: 'winner' },
  { name: 'all', policy: 'all' },
  { name: 'parallel', policy: 'parallel' },
  { name: 'parallel-lowrank', policy: 'parallel', mode: 'lowrank' },
];

for (const { name: rule, policy, mode } of RULES) {
  const opts = { blockSteps: 512, ...(mode ? { mode } : {}) };
  const chip = (phase: string) => (policy === 'parallel' ? CHIP[phase] : undefined);
  SCENARIOS[`free-${rule}`] = () => {
    const { spec } = network(policy, chip('free'));
    const ex = new KernelExecutor(spec, opts);
    const c = smoothNoise(new Random(13), 4000, 2, spec.dt, 0.1, 4);
    ex.run({ steps: 4000, c });
    return record(ex);
  };
  SCENARIOS[`learn-${rule}`] = () => {
    const { sys, spec } = network(policy, chip('learn'));
    const ex = new KernelExecutor(spec, opts);
    ex.setTunables({ k: 100, eta: 20 });
    const c = smoothNoise(new Random(14), 4000, 2, spec.dt, 0.1, 4);
    const { x } = simulate(sys, [1.5, 0.5], 4000, spec.dt, c);
    ex.run({ steps: 4000, c, x, feedback: true, learn: true });
    return record(ex);
  };
  SCENARIOS[`kill-${rule}`] = () => {
    const { sys, spec } = network(policy, chip('kill'));
    const ex = new KernelExecutor(spec, opts);
    const { x } = simulate(sys, [1.5, 0.5], 4000, spec.dt);
    ex.run({ steps: 2000, x, feedback: true });
    for (let i = 0; i < 15; i++) ex.setAlive(2 * i, false);
    ex.run({ steps: 2000, x: x.subarray(4000), feedback: true });
    return record(ex);
  };
}

function record(ex: KernelExecutor): GoldenRecord {
  const f = ex.fingerprint();
  const counters = ex.counters();
  return { spikeHash: hex(f.spikeHash), stateHash: hex(f.stateHash), spikes: counters.spikes, counters };
}

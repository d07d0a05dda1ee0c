import { createNetwork } from '../src/spec.js';
import { dampedOscillator, idealLinearOs } from '../src/systems/linear.js';
import { ReferenceExecutor } from '../src/reference/executor.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { simulate } from '../src/integrate.js';
import { smoothNoise } from '../src/signals.js';
import { Random } from '../src/random.js';
import { normalisedError } from '../src/evaluate.js';
const dt = 1e-4, steps = 20000;
for (const muRel of [0.01, 0.1, 0.5, 1]) for (const noise of [0, 0.001]) {
const spec = createNetwork({ dims: 2, neurons: 50, dendrites: 0, dt, seed: 3, policy: 'all', muRel, noise });
spec.Os = idealLinearOs(spec, dampedOscillator.A);
const c = smoothNoise(new Random(7), steps, 2, dt, 0.05, 10);
const { x } = simulate(dampedOscillator, [0, 0], steps, dt, c);
for (const ex of [new ReferenceExecutor(spec), new KernelExecutor(spec)]) {
  const r = ex.run({ steps, c, record: true });
  console.log(muRel, noise, ex.kind, 'rate', (r.spikeSteps.length / 100).toFixed(0), 'err', normalisedError(r.xhat!, x, 2, dt, 2).toFixed(3));
}}

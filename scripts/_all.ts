import { createNetwork } from '../src/spec.js';
import { dampedOscillator, idealLinearOs } from '../src/systems/linear.js';
import { ReferenceExecutor } from '../src/reference/executor.js';
import { KernelExecutor } from '../src/kernel/executor.js';
const spec = createNetwork({ dims: 2, neurons: 50, dendrites: 0, dt: 1e-4, seed: 3, policy: 'all' });
spec.Os = idealLinearOs(spec, dampedOscillator.A);
const c = new Float64Array(2 * 3000).fill(5);
for (const ex of [new ReferenceExecutor(spec), new KernelExecutor(spec)]) {
  const r = ex.run({ steps: 3000, c, record: true });
  console.log(ex.kind, r.spikeSteps.length, Array.from(r.spikeSteps.slice(0, 12)).join(','), Array.from(r.spikeNeurons.slice(0, 12)).join(','), r.xhat!.slice(5990, 6000));
}

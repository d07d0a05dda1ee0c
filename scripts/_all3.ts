import { createNetwork } from '../src/spec.js';
import { dampedOscillator, idealLinearOs } from '../src/systems/linear.js';
import { KernelExecutor } from '../src/kernel/executor.js';
const spec = createNetwork({ dims: 2, neurons: 50, dendrites: 0, dt: 1e-4, seed: 3, policy: 'all' });
spec.Os = idealLinearOs(spec, dampedOscillator.A);
const c = new Float64Array(2 * 3000).fill(5);
const a = new KernelExecutor(spec), b = new KernelExecutor(spec);
const ra = a.run({ steps: 3000, c });
const sa: string[] = [], sb: string[] = [];
for (let s = 0; s < 3000; s++) { const r = b.run({ steps: 1, c }); }
const rb = b; 
console.log(a.fingerprint(), b.fingerprint(), ra.spikeSteps.length, b.counters().spikes, a.counters().spikes);

import { createNetwork } from '../src/spec.js';
import { dampedOscillator, idealLinearOs } from '../src/systems/linear.js';
import { ReferenceExecutor } from '../src/reference/executor.js';
import { KernelExecutor } from '../src/kernel/executor.js';
const spec = createNetwork({ dims: 2, neurons: 50, dendrites: 0, dt: 1e-4, seed: 3, policy: 'all' });
spec.Os = idealLinearOs(spec, dampedOscillator.A);
const c = new Float64Array(2).fill(5);
const a = new ReferenceExecutor(spec), b = new KernelExecutor(spec);
for (let s = 0; s < 3000; s++) {
  const ra = a.run({ steps: 1, c }), rb = b.run({ steps: 1, c });
  const va = a.state(), vb = b.state();
  let d = 0; for (let i = 0; i < 50; i++) d = Math.max(d, Math.abs(va.V[i] - vb.V[i]));
  const sa = Array.from(ra.spikeNeurons).join(','), sb = Array.from(rb.spikeNeurons).join(',');
  if (sa !== sb || d > 1e-4) { console.log('step', s, 'maxdV', d, 'ref', sa, 'ker', sb, 'Vref', va.V.slice(0,4), 'Vker', vb.V.slice(0,4), 'r', va.r.slice(0,3), vb.r.slice(0,3)); break; }
}

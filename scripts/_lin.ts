import { createNetwork } from '../src/spec.js';
import { dampedOscillator, idealLinearOs } from '../src/systems/linear.js';
import { simulate } from '../src/integrate.js';
import { smoothNoise } from '../src/signals.js';
import { Random } from '../src/random.js';
import { ReferenceExecutor } from '../src/reference/executor.js';
import { KernelExecutor } from '../src/kernel/executor.js';
const dt = 1e-4;
const spec = createNetwork({ dims: 2, neurons: 50, dendrites: 0, linear: true, dt, seed: 3 });
spec.Os = idealLinearOs(spec, dampedOscillator.A as number[][]);
const steps = Math.round(2 / dt);
const c = smoothNoise(new Random(7), steps, 2, dt, dampedOscillator.inputTau, dampedOscillator.inputStd);
const { x } = simulate(dampedOscillator, [0, 0], steps, dt, c);
for (const ex of [new ReferenceExecutor(spec), new KernelExecutor(spec)]) {
  const t0 = performance.now();
  const res = ex.run({ steps, c, record: true });
  const ms = performance.now() - t0;
  let se = 0, sx = 0;
  for (let i = 0; i < x.length; i++) { se += (x[i]! - res.xhat![i]!) ** 2; sx += x[i]! ** 2; }
  console.log(ex.kind, 'nrmse', Math.sqrt(se / sx).toFixed(4), 'rate Hz', (res.spikeSteps.length / 50 / 2).toFixed(2), 'ms', ms.toFixed(0), 'xrms', Math.sqrt(sx/x.length).toFixed(3));
}

import { createNetwork } from '../src/spec.js';
import { dampedOscillator, idealLinearOs } from '../src/systems/linear.js';
import { ReferenceExecutor } from '../src/reference/executor.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { train } from '../src/train.js';
const args = Object.fromEntries(process.argv.slice(2).map(a => a.split('=')).map(([k, v]) => [k, Number(v)]));
const sys = dampedOscillator;
const spec = createNetwork({ dims: 2, neurons: 50, dendrites: 0, domain: sys.domain, dt: args.dt ?? 5e-4, seed: 1 });
const ideal = idealLinearOs(spec, sys.A);
for (const ex of [new ReferenceExecutor(spec), new KernelExecutor(spec)]) {
  train(ex, sys, { duration: args.T ?? 20, k: args.k ?? 100, eta: args.eta ?? 20, annealEta: args.ae ?? 0.1,
    onProgress: (f, i) => { if (i.trial % 2 === 0) { const Os = ex.toSpec().Os; let se=0, s=0; for (let q=0;q<Os.length;q++){se+=(Os[q]-ideal[q])**2; s+=ideal[q]**2;} console.log(ex.kind, f.toFixed(2), 'rms', i.rmsError.toFixed(4), 'rate', i.rate.toFixed(1), 'Os relerr', Math.sqrt(se/s).toFixed(3)); } } });
}

import { createNetwork } from '../src/spec.js';
import { vanDerPol } from '../src/systems/vanderpol.js';
import { ReferenceExecutor } from '../src/reference/executor.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { train } from '../src/train.js';
import { evaluateLimitCycle, randomNeurons, trueCycle } from '../src/evaluate.js';
const args = Object.fromEntries(process.argv.slice(2).map(a => a.split('=')).map(([k, v]) => [k, Number(v)]));
const sys = vanDerPol();
const spec = createNetwork({ dims: 2, neurons: 50, dendrites: args.K ?? 100, domain: sys.domain, dt: args.dt ?? 5e-4, seed: args.seed ?? 1, noise: args.noise ?? 0 });
const ex = args.ref ? new ReferenceExecutor(spec) : new KernelExecutor(spec);
const truth = trueCycle(sys, spec.dt);
console.log('truth', truth);
const res = train(ex, sys, { duration: args.T ?? 100, k: args.k ?? 100, eta: args.eta ?? 20, seed: args.seed ?? 1, trialLength: args.trial ?? 2, annealK: args.ak ?? 0.5, annealEta: args.ae ?? 0.1,
  onProgress: (f, i) => { if (i.trial % Math.max(1, Math.floor(i.trials / (args.logs ?? 10))) === 0) console.log(f.toFixed(2), 'rms', i.rmsError.toFixed(4), 'rate', i.rate.toFixed(1)); } });
console.log('wall', res.wallSeconds.toFixed(1));
const ev = evaluateLimitCycle(ex, sys, { truth, x0: [2, 0] });
const { run, ...rest } = ev; console.log(rest);
const ev2 = evaluateLimitCycle(ex, sys, { truth, x0: [2, 0], kill: randomNeurons(50, 0.5, 9) });
const { run: r2, ...rest2 } = ev2; console.log('killed half', rest2);
const xs = ev.run.xhat; const n = xs.length / 2;
for (let q = 0; q < 12; q++) { const s = Math.floor(q * n / 12); console.log('t', (s * spec.dt).toFixed(2), xs[2 * s].toFixed(3), xs[2 * s + 1].toFixed(3), 'true', ev.run.x[2*s].toFixed(3), ev.run.x[2*s+1].toFixed(3)); }

import { createNetwork } from '../src/spec.js';
import { vanDerPol } from '../src/systems/vanderpol.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { train } from '../src/train.js';
import { evaluateLimitCycle, randomNeurons, trueCycle, median } from '../src/evaluate.js';
const args = Object.fromEntries(process.argv.slice(2).map(a => a.split('=')).map(([k, v]) => [k, Number(v)]));
const sys0 = vanDerPol();
const dm = args.dm ?? 1;
const sys = { ...sys0, inputStd: args.cstd ?? sys0.inputStd, inputTau: args.ctau ?? sys0.inputTau, domain: sys0.domain.map(([a, b]) => [a * dm, b * dm]) as [number, number][], starts: sys0.starts.map(([a, b]) => [a * (args.sm ?? 1), b * (args.sm ?? 1)]) as [number, number][] };
const rows: number[][] = [];
for (const seed of [1, 2, 3, 4, 5].slice(0, args.n ?? 5)) {
  const spec = createNetwork({ dims: 2, neurons: 50, dendrites: args.K ?? 100, linear: (args.lin ?? 1) === 1, domain: sys.domain, dt: args.dt ?? 2.5e-4, seed, noise: args.noise ?? 0, gain: [args.g0 ?? 1, args.g1 ?? 3] });
  const ex = new KernelExecutor(spec);
  const truth = trueCycle(sys, spec.dt);
  const res = train(ex, sys, { duration: args.T ?? 100, k: args.k ?? 100, eta: args.eta ?? 50, seed, annealK: args.ak ?? 0.5, annealEta: args.ae ?? 0.1, trialLength: args.trial ?? 2 });
  const ev = evaluateLimitCycle(ex, sys, { truth, x0: [2, 0] });
  const ek = evaluateLimitCycle(ex, sys, { truth, x0: [2, 0], kill: randomNeurons(50, 0.5, seed + 100) });
  const row = [seed, ev.amplitudeError, ev.periodError, ev.firstPeriodError, ev.rate, ek.amplitudeError, ek.periodError, ek.rate, res.wallSeconds];
  rows.push(row);
  console.log(row.map(v => v.toFixed(3)).join('\t'));
}
console.log('median', [1,2,3,4,5,6,7,8].map(c => median(rows.map(r => r[c])).toFixed(3)).join('\t'));

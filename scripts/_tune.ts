import { createNetwork } from '../src/spec.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { evaluateLimitCycle, randomNeurons, trueCycle, median } from '../src/evaluate.js';
import { trainX, sys } from './_tunecore.js';
const args = Object.fromEntries(process.argv.slice(2).map(a => a.split('=')).map(([k, v]) => [k, Number(v)]));
const A = (k: string, d: number) => (args[k] ?? d);
const rows: number[][] = [];
const seeds = args.seeds !== undefined ? String(process.argv.find(a => a.startsWith('seeds='))!.slice(6)).split('').map(Number) : [1, 2, 3, 4, 5];
const x0s = [[A('x1', 2), A('x2', 0)]];
for (const seed of seeds) {
  const spec = createNetwork({ dims: 2, neurons: 50, dendrites: A('K', 100), linear: A('lin', 1) === 1, domain: sys.domain, dt: A('dt', 2.5e-4), seed, noise: A('noise', 0), gain: [A('g0', 1), A('g1', 3)], muRel: A('mu', 0.01), nuRel: A('nu', 0.01), decoderNorm: A('dn', 0.1) });
  const ex = new KernelExecutor(spec);
  const truth = trueCycle(sys, spec.dt);
  const res = trainX(ex, sys, seed);
  const ev = evaluateLimitCycle(ex, sys, { truth, x0: x0s[0] });
  const ek = evaluateLimitCycle(ex, sys, { truth, x0: x0s[0], kill: randomNeurons(50, 0.5, seed + 100) });
  const row = [seed, ev.amplitudeError, ev.periodError, ev.firstPeriodError, ev.rate, ek.amplitudeError, ek.periodError, ek.rate, res.wall];
  rows.push(row);
  const ok = ev.amplitudeError <= 0.05 && ev.periodError <= 0.05 && ev.rate <= 10 && ek.amplitudeError <= 0.1 && ek.periodError <= 0.1;
  console.log(row.map(v => v.toFixed(3)).join('\t'), ok ? 'OK' : 'FAIL', res.log.join(' '));
}
console.log('median', [1, 2, 3, 4, 5, 6, 7, 8].map(c => median(rows.map(r => r[c])).toFixed(3)).join('\t'));

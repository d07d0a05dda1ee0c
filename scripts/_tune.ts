// Tuning harness: custom training loop with schedule options (mirrors src/train.ts).
import { createNetwork } from '../src/spec.js';
import { vanDerPol } from '../src/systems/vanderpol.js';
import { KernelExecutor } from '../src/kernel/executor.js';
import { evaluateLimitCycle, randomNeurons, trueCycle, median } from '../src/evaluate.js';
import { simulate } from '../src/integrate.js';
import { Random } from '../src/random.js';
import { smoothNoise } from '../src/signals.js';
import type { Executor } from '../src/executor.js';
import type { DynamicalSystem } from '../src/systems/system.js';
const args = Object.fromEntries(process.argv.slice(2).map(a => a.split('=')).map(([k, v]) => [k, Number(v)]));
const A = (k: string, d: number) => (args[k] ?? d);
const sys0 = vanDerPol(1, A('tau', 0.15));
const dm = A('dm', 1), sm = A('sm', 1);
const sys: DynamicalSystem = { ...sys0, inputStd: A('cstd', sys0.inputStd), inputTau: A('ctau', sys0.inputTau),
  domain: sys0.domain.map(([a, b]) => [a * dm, b * dm]) as [number, number][],
  starts: sys0.starts.map(([a, b]) => [a * sm, b * sm]) as [number, number][] };

function trainX(ex: Executor, sys: DynamicalSystem, seed: number) {
  const T = A('T', 200), trial = A('trial', 2), settle0 = A('settle', 0.05);
  const k0 = A('k', 30), eta0 = A('eta', 15), ak = A('ak', 0.5), ae = A('ae', 0.1);
  const sched = A('sched', 0), s0 = A('s0', 2 / 3), s1 = A('s1', 1);
  const kh = A('kh', 1), kht = A('kht', 0.1); // k starts at k0*kh, decays geometrically to k0 over first kht fraction
  const rnd = new Random(seed);
  const dt = ex.dt, J = ex.J;
  const trials = Math.max(1, Math.round(T / trial));
  const steps = Math.round(trial / dt);
  const settle = Math.min(steps, Math.round(settle0 / dt));
  const t0 = performance.now();
  const log: string[] = [];
  let se = 0, ns = 0, sp = 0;
  for (let n = 0; n < trials; n++) {
    const f = n / trials;
    let k = k0, eta = eta0;
    if (sched === 0) { if (f >= s0) { k *= ak; eta *= ae; } }
    else { const u = Math.min(1, Math.max(0, (f - s0) / (s1 - s0))); k *= ak ** u; eta *= ae ** u; }
    if (kh !== 1 && f < kht) k *= kh ** (1 - f / kht);
    ex.setTunables({ k, eta });
    const x0 = sys.starts.map(([lo, hi]) => rnd.range(lo, hi));
    const c = smoothNoise(rnd, steps, J, dt, sys.inputTau, sys.inputStd);
    const { x } = simulate(sys, x0, steps, dt, c);
    ex.run({ steps: settle, c, x, feedback: true });
    const rest = steps - settle;
    const res = ex.run({ steps: rest, c: c.subarray(settle * J), x: x.subarray(settle * J), feedback: true, learn: eta > 0, record: true });
    for (let i = 0; i < rest * J; i++) se += (x[settle * J + i]! - res.xhat![i]!) ** 2;
    ns += rest; sp += res.spikeSteps.length;
    if ((n + 1) % Math.max(1, Math.floor(trials / 6)) === 0) { log.push(`${((n + 1) / trials).toFixed(2)}:${Math.sqrt(se / ns).toFixed(3)}/${(sp / ex.N / (ns * dt)).toFixed(1)}`); se = 0; ns = 0; sp = 0; }
  }
  return { wall: (performance.now() - t0) / 1000, log };
}

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

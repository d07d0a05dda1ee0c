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
export const sys: DynamicalSystem = { ...sys0, inputStd: A('cstd', sys0.inputStd), inputTau: A('ctau', sys0.inputTau),
  domain: sys0.domain.map(([a, b]) => [a * dm, b * dm]) as [number, number][],
  starts: sys0.starts.map(([a, b]) => [a * sm, b * sm]) as [number, number][] };

export function trainX(ex: Executor, sys: DynamicalSystem, seed: number) {
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

